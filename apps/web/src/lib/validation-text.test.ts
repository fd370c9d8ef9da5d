/**
 * The words of a refused field, from the real catalogue in both languages: the rule is named with its bound, and a
 * message shown away from the field names the field too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { staffCreateInput } from "@kefu/api/contracts/user";
import { alertRuleCreateInput } from "@kefu/api/contracts/alert";
import { kbCreateInput } from "@kefu/api/contracts/knowledge";
import { toFieldIssue, type FieldIssue } from "@kefu/api/contracts/rules";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { issueOfParams, issueSentence, ruleText, type Translate } from "./validation-text.ts";

function translator(locale: "zh-CN" | "en"): Translate {
  const messages = JSON.parse(readFileSync(join(import.meta.dirname, "..", "messages", `${locale}.json`), "utf8")) as Record<string, unknown>;
  return createTranslator({ locale, messages }) as unknown as Translate;
}

const zh = translator("zh-CN");
const en = translator("en");

function issuesOf(schema: z.ZodType, input: unknown): Record<string, FieldIssue> {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), toFieldIssue(issue)]));
}

const staff = { employeeNo: "E1001", name: "王小明", email: "e1001@demo.kefu.cn", role: "AGENT", password: "Welcome-Kefu-2026" };

describe("rule texts", () => {
  it("say the length limit of an over-long title and name the field away from it", () => {
    const issues = issuesOf(kbCreateInput, { title: "退".repeat(10_000), body: "正文" });
    expect(ruleText(zh, issues.title!)).toBe("最多 200 个字");
    expect(issueSentence(zh, issues.title!)).toBe("标题：最多 200 个字");
    expect(issueSentence(en, issues.title!)).toBe("Title: At most 200 characters");
  });

  it("say the format a value must have, not that it is wrong", () => {
    const issues = issuesOf(staffCreateInput, { ...staff, employeeNo: "E 1001", email: "not-an-email", phone: "12345" });
    expect(ruleText(zh, issues.employeeNo!)).toBe("工号只能包含字母、数字、- 和 _");
    expect(ruleText(zh, issues.email!)).toBe("请输入有效的邮箱地址，例如 name@company.cn");
    expect(ruleText(zh, issues.phone!)).toBe("请输入 11 位中国大陆手机号，以 1 开头");
    expect(ruleText(en, issues.phone!)).toBe("A mainland China mobile number: 11 digits starting with 1");
    for (const issue of Object.values(issues)) expect(ruleText(zh, issue)).not.toBe("格式不符合要求");
  });

  it("word bounds as characters, values or items by what was checked, and an empty required field as required", () => {
    const issues = issuesOf(staffCreateInput, {
      ...staff,
      name: "",
      password: "short",
      maxConcurrent: 51,
      teamIds: Array.from({ length: 21 }, (_, i) => i + 1),
    });
    expect(issueSentence(zh, issues.name!)).toBe("名称：必填");
    expect(ruleText(zh, issues.password!)).toBe("至少 8 个字");
    expect(ruleText(zh, issues.maxConcurrent!)).toBe("不能大于 50");
    expect(ruleText(zh, issues.teamIds!)).toBe("最多 20 项");
    expect(ruleText(zh, issuesOf(staffCreateInput, { ...staff, employeeNo: undefined }).employeeNo!)).toBe("必填");
  });

  it("carry a refinement's values into its text (a threshold's range for its metric)", () => {
    const range = issuesOf(alertRuleCreateInput, { metric: "CSAT_TODAY_BELOW", threshold: 200 }).threshold!;
    expect(range).toMatchObject({ rule: "between", params: { min: 0.1, max: 100 } });
    expect(ruleText(zh, range)).toBe("应在 0.1 到 100 之间");
    expect(ruleText(zh, issuesOf(alertRuleCreateInput, { metric: "QUEUE_LENGTH", threshold: 2.5 }).threshold!)).toBe("请输入整数");
    expect(ruleText(en, issuesOf(alertRuleCreateInput, { metric: "QUEUE_LENGTH", threshold: Number.NaN }).threshold!)).toBe("Enter a number");
  });

  it("word a service's parseInput refusal (field and rule in params) like a schema's", () => {
    const issue = issueOfParams("identifier", { rule: "too_big", max: 191, origin: "string" });
    expect(issueSentence(zh, issue)).toBe("工号或邮箱：最多 191 个字");
    expect(issueSentence(en, issue)).toBe("Employee no. or email: At most 191 characters");
  });
});
