import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, parseInput } from "./errors.ts";

const schema = z.object({ name: z.string().trim().min(1).max(5), tags: z.array(z.string().max(3)).default([]) });

function failure(input: unknown): AppError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("parseInput", () => {
  it("returns the parsed value, defaults and transforms applied", () => {
    expect(parseInput(schema, { name: " Li " })).toEqual({ name: "Li", tags: [] });
  });

  it("names the first failing field and the rule it broke", () => {
    expect(failure({ name: "too long" })).toMatchObject({ code: "INVALID_INPUT", status: "BAD_REQUEST", field: "name", params: { rule: "too_big", max: 5 } });
    expect(failure({ name: "ok", tags: ["fine", "x"] })).toMatchObject({ field: "tags.0", params: { rule: "too_big", max: 3 } });
    expect(failure({ name: "" })).toMatchObject({ field: "name", params: { rule: "too_small", min: 1 } });
    expect(failure("nope")).toMatchObject({ field: "input", params: { rule: "invalid_type" } });
  });
});
