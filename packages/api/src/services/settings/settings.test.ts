import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { updateBotSettings } from "./bot.ts";
import { getSetting, invalidateSettings, updateSetting } from "./index.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("settings cache", () => {
  it("serves the keys a message reads from the process until a write through updateSetting", async () => {
    const before = await getSetting(h.db, "routing");
    // a write behind the service's back is not seen within the TTL …
    await h.db.setting.upsert({
      where: { key: "routing" },
      create: { key: "routing", value: { reopenWindowHours: 5 } },
      update: { value: { reopenWindowHours: 5 } },
    });
    expect(await getSetting(h.db, "routing")).toEqual(before);
    // … until the cache is forgotten
    invalidateSettings();
    expect((await getSetting(h.db, "routing")).reopenWindowHours).toBe(5);

    await updateSetting(h.db, "routing", { ...before, reopenWindowHours: 9 }, h.users.ADMIN.id);
    expect((await getSetting(h.db, "routing")).reopenWindowHours).toBe(9);
  });

  it("sees both bot keys of a saved form at once", async () => {
    await getSetting(h.db, "bot.strategy");
    await getSetting(h.db, "bot.replies");
    const strategy = await getSetting(h.db, "bot.strategy");
    const replies = await getSetting(h.db, "bot.replies");
    await updateBotSettings(h.db, { ...strategy, ...replies, enabled: false, threshold: 0.5 }, h.users.ADMIN.id);
    expect((await getSetting(h.db, "bot.strategy")).enabled).toBe(false);
    expect((await getSetting(h.db, "bot.replies")).threshold).toBe(0.5);
  });

  it("reads other keys from the table each time", async () => {
    await getSetting(h.db, "security.lockout");
    await h.db.setting.upsert({
      where: { key: "security.lockout" },
      create: { key: "security.lockout", value: { maxFailures: 7 } },
      update: { value: { maxFailures: 7 } },
    });
    expect((await getSetting(h.db, "security.lockout")).maxFailures).toBe(7);
  });
});
