/**
 * The message catalogue: every area file exists in each locale with the same keys, and each message uses the
 * same placeholders in both languages (a missing key shows the raw key to users; a missing placeholder, a wrong text).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_ERRORS } from "../../../../packages/api/src/errors.ts";
import { LOCALES } from "./locales";

const DIR = join(import.meta.dirname, "..", "messages");

function flatten(node: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (typeof node === "string") into.set(prefix, node);
  else if (node && typeof node === "object") for (const [key, value] of Object.entries(node)) flatten(value, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** ICU argument names: {name}, {count, plural, …}; the words inside plural branches are not arguments. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === "{") {
      if (depth % 2 === 0) {
        const match = /^\{\s*([A-Za-z_][\w]*)\s*[,}]/.exec(message.slice(i));
        if (match) names.add(match[1]!);
      }
      depth++;
    } else if (message[i] === "}") depth--;
  }
  return [...names].sort();
}

const areas = [...new Set(readdirSync(DIR).map((file) => file.replace(/\.?(zh-CN|en)\.json$/, "")))];

describe("message catalogue", () => {
  it("has a file per locale for every area", () => {
    for (const area of areas) for (const locale of LOCALES) expect(readdirSync(DIR), `${area} ${locale}`).toContain(`${area ? `${area}.` : ""}${locale}.json`);
  });

  for (const area of areas) {
    it(`${area || "console"}: the same keys and placeholders in zh-CN and en`, () => {
      const [zh, en] = (["zh-CN", "en"] as const).map((locale) =>
        flatten(JSON.parse(readFileSync(join(DIR, `${area ? `${area}.` : ""}${locale}.json`), "utf8"))),
      );
      expect([...en!.keys()].sort()).toEqual([...zh!.keys()].sort());
      for (const [key, text] of zh!) expect(placeholders(en!.get(key) ?? ""), key).toEqual(placeholders(text));
    });
  }

  it("says something for every error code the API can return, in both languages", () => {
    for (const locale of LOCALES) {
      const errors = (JSON.parse(readFileSync(join(DIR, `${locale}.json`), "utf8")) as { errors: Record<string, string> }).errors;
      for (const code of Object.keys(APP_ERRORS)) expect(errors[code], `${locale} errors.${code}`).toEqual(expect.any(String));
    }
  });

  it("no two areas define the same top-level namespace", () => {
    const owner = new Map<string, string>();
    for (const area of areas) {
      for (const namespace of Object.keys(JSON.parse(readFileSync(join(DIR, `${area ? `${area}.` : ""}zh-CN.json`), "utf8")) as object)) {
        expect(owner.get(namespace), `${namespace} in ${area || "console"}`).toBeUndefined();
        owner.set(namespace, area);
      }
    }
  });
});
