import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readEnv } from "./read-env.ts";

describe("readEnv", () => {
  const schema = z.object({ DATABASE_URL: z.string().regex(/^mysql:\/\//, "must be a mysql:// URL"), PORT: z.coerce.number().int().default(3000) });

  it("returns typed values with defaults", () => {
    expect(readEnv(schema, { DATABASE_URL: "mysql://x/y" })).toEqual({ DATABASE_URL: "mysql://x/y", PORT: 3000 });
  });

  it("names the missing or malformed variable in one line", () => {
    expect(() => readEnv(schema, {})).toThrow(/^Invalid environment variable DATABASE_URL: /);
    expect(() => readEnv(schema, { DATABASE_URL: "postgres://x" })).toThrow("Invalid environment variable DATABASE_URL: must be a mysql:// URL");
    expect(() => readEnv(schema, { DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(/^Invalid environment variable PORT/);
  });

  it("treats an empty value as unset", () => {
    expect(readEnv(schema, { DATABASE_URL: "mysql://x", PORT: "" }).PORT).toBe(3000);
  });
});
