import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAttachmentStore, newStorageKey, type AttachmentStore } from "./store.ts";

let root: string;
let store: AttachmentStore;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kefu-store-"));
  store = localAttachmentStore(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("local attachment store", () => {
  it("keeps, returns and removes an object under its key, on disk in dated folders", async () => {
    const key = newStorageKey("png", new Date("2026-12-02T08:00:00Z"));
    expect(key).toMatch(/^2026\/12\/[0-9a-f-]{36}\.png$/);
    const data = new Uint8Array([1, 2, 3, 250]);
    await store.put(key, data, "image/png");
    expect(await store.get(key)).toEqual(data);
    expect(await readdir(path.join(root, "2026", "12"))).toEqual([key.split("/")[2]]);

    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it("replaces an object whole, and answers null for a key never written", async () => {
    const key = newStorageKey("txt");
    await store.put(key, new TextEncoder().encode("first"), "text/plain");
    await store.put(key, new TextEncoder().encode("second"), "text/plain");
    expect(new TextDecoder().decode(await store.get(key))).toBe("second");
    expect(await store.get(newStorageKey("txt"))).toBeNull();
  });

  it("refuses keys that could leave its directory", async () => {
    await expect(store.get("../etc/passwd")).rejects.toThrow(/bad key/);
    await expect(store.put("/abs/path.png", new Uint8Array([1]), "image/png")).rejects.toThrow(/bad key/);
    await expect(store.get("2026/../../x.png")).rejects.toThrow(/bad key/);
  });
});
