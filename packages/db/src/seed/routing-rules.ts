/**
 * Routing by intent for the demo (services/routing in @kefu/api writes the same rows): intents mapped to the demo
 * teams by keyword and help-centre category, the default team, the widget's intent menu switched on, and overflow
 * rules so a long 售后服务 queue also reaches 售前咨询.
 */
import type * as mariadb from "mariadb";
import type { TeamRef } from "./routing.ts";
import type { TeamKey } from "./staff.ts";

interface SeedRule {
  name: string;
  team: TeamKey;
  keywords: string[];
  /** help-centre category names (KB_GROUPS) */
  categories: string[];
  showInMenu: boolean;
}

export const DEMO_ROUTING_RULES: readonly SeedRule[] = [
  { name: "退款退货", team: "aftersales", keywords: ["退款", "退货", "换货", "退钱"], categories: ["退款退货"], showInMenu: true },
  { name: "发票", team: "aftersales", keywords: ["发票", "开票", "专票"], categories: ["发票服务"], showInMenu: true },
  { name: "物流配送", team: "aftersales", keywords: ["物流", "快递", "催件", "没收到"], categories: ["物流配送"], showInMenu: true },
  { name: "维修保修", team: "aftersales", keywords: ["维修", "保修", "坏了"], categories: ["维修保修"], showInMenu: true },
  { name: "账号与支付", team: "technical", keywords: ["登录", "密码", "验证码", "支付失败", "扣款"], categories: ["账户安全", "支付与优惠"], showInMenu: true },
  { name: "商品咨询", team: "presales", keywords: ["价格", "优惠券", "有货", "库存", "到货"], categories: ["产品使用", "会员权益"], showInMenu: true },
];

/** backup team, wait threshold (s), queue length */
export const DEMO_OVERFLOW_RULES: readonly { team: TeamKey; backup: TeamKey; waitSeconds: number | null; queueLength: number | null }[] = [
  { team: "aftersales", backup: "presales", waitSeconds: 600, queueLength: 8 },
  { team: "vip", backup: "aftersales", waitSeconds: 120, queueLength: null },
];

export const DEMO_DEFAULT_TEAM: TeamKey = "presales";

export async function writeRoutingRules(connection: mariadb.Connection, teams: readonly TeamRef[], now: number): Promise<void> {
  const teamId = (key: TeamKey) => teams.find((t) => t.key === key)?.id;
  const categories = await connection.query<{ id: number; name: string }[]>("SELECT id, name FROM `KbCategory`");
  const categoryId = new Map(categories.map((c) => [c.name, Number(c.id)]));
  const at = new Date(now - 30 * 86_400_000);
  let position = 0;
  for (const rule of DEMO_ROUTING_RULES) {
    const team = teamId(rule.team);
    if (team === undefined) continue;
    const inserted = await connection.query<{ insertId: number | bigint }>(
      "INSERT INTO `RoutingRule` (`name`, `teamId`, `position`, `keywords`, `showInMenu`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [rule.name, team, ++position, JSON.stringify(rule.keywords), rule.showInMenu, at, at],
    );
    for (const name of rule.categories) {
      const id = categoryId.get(name);
      if (id !== undefined) await connection.query("INSERT INTO `RoutingRuleCategory` (`ruleId`, `categoryId`) VALUES (?, ?)", [Number(inserted.insertId), id]);
    }
  }
  for (const rule of DEMO_OVERFLOW_RULES) {
    const [team, backup] = [teamId(rule.team), teamId(rule.backup)];
    if (team === undefined || backup === undefined) continue;
    await connection.query(
      "INSERT INTO `TeamOverflow` (`teamId`, `backupTeamId`, `waitSeconds`, `queueLength`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, ?)",
      [team, backup, rule.waitSeconds, rule.queueLength, at, at],
    );
  }
  // the whole "routing" setting, as the settings service stores it (its other fields at their defaults)
  const routing = { reopenWindowHours: 72, defaultTeamId: teamId(DEMO_DEFAULT_TEAM) ?? null, replyTimeoutSeconds: 180, intentMenu: true };
  await connection.query(
    "INSERT INTO `Setting` (`key`, `value`, `updatedAt`) VALUES ('routing', ?, ?) ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `updatedAt` = VALUES(`updatedAt`)",
    [JSON.stringify(routing), at],
  );
}
