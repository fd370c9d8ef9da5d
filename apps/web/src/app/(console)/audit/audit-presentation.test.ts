/** The audit log in words, from the real catalogue: actions, targets and details as people read them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SERVICE_AUDIT_ACTIONS } from "@kefu/api/contracts/audit";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { Translate } from "../../../lib/validation-text.ts";
// the router itself, as the catalogue test reads the error codes: pages may not import the server package
import { appRouter } from "../../../../../../packages/api/src/root.ts";
import { actionLabel, detailFields, targetLabel } from "./audit-presentation.ts";

const AREAS = ["", "workspace.", "widget.", "admin.", "monitor.", "pwa."];
function translator(locale: "zh-CN" | "en"): Translate {
  const dir = join(import.meta.dirname, "..", "..", "..", "messages");
  const messages = Object.assign({}, ...AREAS.map((area) => JSON.parse(readFileSync(join(dir, `${area}${locale}.json`), "utf8")) as object)) as Record<
    string,
    unknown
  >;
  return createTranslator({ locale, messages }) as unknown as Translate;
}
const zh = translator("zh-CN");
const en = translator("en");

describe("audit log presentation", () => {
  it("has a label in both languages for every audited action: each mutation and each action a service records", () => {
    const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures;
    const audited = [
      ...Object.entries(procedures)
        .filter(([, procedure]) => procedure._def.type === "mutation")
        .map(([path]) => path),
      ...Object.values(SERVICE_AUDIT_ACTIONS),
    ];
    expect(audited.length).toBeGreaterThan(30);
    for (const action of audited) for (const t of [zh, en]) expect(t.has(`auditLog.actions.${action}`), `${action} has a label`).toBe(true);
    expect(actionLabel(zh, "auth.signIn")).toBe("登录");
    expect(actionLabel(zh, "user.create")).toBe("新建员工");
    expect(actionLabel(en, "settings.updateBot")).toBe("Change bot settings");
  });

  it("reads an action it has no label for by its area, not as a raw key", () => {
    expect(actionLabel(zh, "team.archive")).toBe("技能组：archive");
    expect(actionLabel(zh, "mystery")).toBe("mystery");
  });

  it("names targets: a staff member with their employee number, other records by name, a gone one by id", () => {
    expect(targetLabel(zh, { type: "User", id: "1", name: "王小明", code: "3001" })).toBe("王小明（工号 3001）");
    expect(targetLabel(en, { type: "User", id: "1", name: "王小明", code: "3001" })).toBe("王小明 (no. 3001)");
    expect(targetLabel(zh, { type: "Team", id: "2", name: "售后服务", code: null })).toBe("技能组「售后服务」");
    expect(targetLabel(zh, { type: "MonitorAlertRule", id: "3", name: "QUEUE_LENGTH", code: null })).toBe("告警规则「排队人数」");
    expect(targetLabel(zh, { type: "Conversation", id: "12", name: null, code: null })).toBe("会话 #12");
    expect(targetLabel(zh, { type: "Setting", id: null, name: null, code: null })).toBe("设置");
    expect(targetLabel(zh, null)).toBe("");
  });

  it("shows details as labelled fields, secrets hidden and codes in words", () => {
    const fields = detailFields(zh, {
      input: { employeeNo: "3009", role: "AGENT", teamIds: [1, 2], password: "[redacted]", phone: null, session: { idleMinutes: 30 } },
      error: "EMPLOYEE_NO_TAKEN",
    });
    const byKey = Object.fromEntries(fields.map((field) => [field.key, `${field.label}=${field.value}`]));
    expect(byKey).toEqual({
      employeeNo: "工号=3009",
      role: "角色=客服",
      teamIds: "技能组=1、2",
      password: "密码=已隐去",
      phone: "手机号=（空）",
      session: "会话有效期=闲置超时（分钟） 30",
      error: `错误=${zh("errors.EMPLOYEE_NO_TAKEN")}`,
    });
    expect(detailFields(zh, { reason: "INVALID_CREDENTIALS" })).toEqual([{ key: "reason", label: "原因", value: zh("errors.INVALID_CREDENTIALS") }]);
    expect(detailFields(zh, null)).toEqual([]);
  });
});
