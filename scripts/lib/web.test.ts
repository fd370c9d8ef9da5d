import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { webConcurrency } from "./web.ts";

describe("webConcurrency", () => {
  it("is one process per core in production and one in development unless WEB_CONCURRENCY says otherwise", () => {
    expect(webConcurrency({}, true)).toBe(availableParallelism());
    expect(webConcurrency({}, false)).toBe(1);
    expect(webConcurrency({ WEB_CONCURRENCY: "3" }, true)).toBe(3);
    expect(webConcurrency({ WEB_CONCURRENCY: " 1 " }, true)).toBe(1);
    expect(webConcurrency({ WEB_CONCURRENCY: "" }, false)).toBe(1);
  });

  it("refuses what is not a whole number from 1 to 64", () => {
    for (const value of ["0", "-1", "1.5", "two", "65"]) expect(() => webConcurrency({ WEB_CONCURRENCY: value }, true)).toThrow(/WEB_CONCURRENCY/);
  });
});
