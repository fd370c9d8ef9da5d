import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { issueVisitorToken, verifyVisitorToken } from "../widget/visitor-token.ts";
import { apiKeyFromHeaders, verifyApiKey } from "./api-keys.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("API keys", () => {
  it("shows the key once, stores only its hash, verifies it and refuses it once revoked", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const created = await admin.integration.createApiKey({ name: "微信公众号", scopes: ["channel.messages"] });
    expect(created.key).toMatch(/^kf_[A-Za-z0-9]{12}_/);
    const row = await h.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.key);

    expect(await verifyApiKey(h.db, created.key, "channel.messages")).toMatchObject({ id: created.id });
    expect(await outcome(() => verifyApiKey(h.db, created.key, "webhooks.read"))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => verifyApiKey(h.db, `${created.key.slice(0, -1)}x`, "channel.messages"))).toMatchObject({ code: "INVALID_API_KEY" });
    expect(await outcome(() => verifyApiKey(h.db, "nonsense", "channel.messages"))).toMatchObject({ code: "INVALID_API_KEY" });
    expect(await outcome(() => verifyApiKey(h.db, null, "channel.messages"))).toMatchObject({ code: "INVALID_API_KEY" });

    expect((await admin.integration.listApiKeys()).map((k) => k.prefix)).toContain(created.prefix);
    await admin.integration.revokeApiKey({ id: created.id });
    expect(await outcome(() => verifyApiKey(h.db, created.key, "channel.messages"))).toMatchObject({ code: "INVALID_API_KEY" });
    expect(await outcome(() => admin.integration.revokeApiKey({ id: created.id }))).toMatchObject({ appCode: "ALREADY_DONE" });
  });

  it("reads the key from Authorization or X-Api-Key", () => {
    expect(apiKeyFromHeaders(new Headers({ authorization: "Bearer kf_abc" }))).toBe("kf_abc");
    expect(apiKeyFromHeaders(new Headers({ "x-api-key": "kf_def" }))).toBe("kf_def");
    expect(apiKeyFromHeaders(new Headers())).toBeNull();
  });

  it("rejects an unknown scope and an empty name", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.integration.createApiKey({ name: "x", scopes: ["root" as never] }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "scopes.0",
    });
    expect(await outcome(() => admin.integration.createApiKey({ name: "", scopes: ["channel.messages"] }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "name",
    });
  });
});

describe("visitor tokens", () => {
  it("round-trips and refuses forged, malformed and expired tokens", () => {
    const { token, visitorId } = issueVisitorToken();
    expect(verifyVisitorToken(token)).toBe(visitorId);
    const forged = token.replace(/\.[^.]+$/, ".AAAA");
    expect(() => verifyVisitorToken(forged)).toThrow();
    const otherVisitor = token.replace(visitorId, "A".repeat(22));
    expect(() => verifyVisitorToken(otherVisitor)).toThrow();
    expect(() => verifyVisitorToken("garbage")).toThrow();
    const old = issueVisitorToken(undefined, Date.now() - 200 * 24 * 3_600_000);
    expect(() => verifyVisitorToken(old.token)).toThrow();
  });
});
