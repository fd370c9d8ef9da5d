/**
 * The demo roster: one administrator, three supervisors, thirty agents and two QA inspectors,
 * organised in four 技能组. Names and e-mail addresses are fixed so documentation and end-to-end
 * tests can refer to them.
 */
import type { Role } from "../../generated/prisma/enums.ts";
import { Random } from "./random.ts";

export const DEMO_PASSWORD = "Demo@2026kefu";

export const TEAM_KEYS = ["presales", "aftersales", "technical", "vip"] as const;
export type TeamKey = (typeof TEAM_KEYS)[number];

export interface TeamDefinition {
  key: TeamKey;
  name: string;
  description: string;
  maxQueueLength: number;
  replyTimeoutSeconds: number;
}

export const TEAMS: readonly TeamDefinition[] = [
  {
    key: "presales",
    name: "售前咨询",
    description: "商品功能、价格优惠、库存到货与会员权益咨询，促成下单。",
    maxQueueLength: 200,
    replyTimeoutSeconds: 180,
  },
  {
    key: "aftersales",
    name: "售后服务",
    description: "订单、物流、退款退货、发票、维修保修与投诉处理。",
    maxQueueLength: 300,
    replyTimeoutSeconds: 180,
  },
  {
    key: "technical",
    name: "技术支持",
    description: "账号登录与安全、支付异常、APP 与设备使用问题。",
    maxQueueLength: 150,
    replyTimeoutSeconds: 240,
  },
  {
    key: "vip",
    name: "VIP专席",
    description: "VIP / SVIP 会员专属通道，优先接入，一对一跟进。",
    maxQueueLength: 50,
    replyTimeoutSeconds: 90,
  },
];

export interface StaffDefinition {
  employeeNo: string;
  name: string;
  email: string;
  role: Role;
  /** teams the person belongs to; for supervisors, the teams they lead */
  teams: readonly TeamKey[];
}

const EMAIL_DOMAIN = "demo.kefu.cn";

function person(employeeNo: string, name: string, emailName: string, role: Role, teams: readonly TeamKey[]): StaffDefinition {
  return { employeeNo, name, email: `${emailName}@${EMAIL_DOMAIN}`, role, teams };
}

export const STAFF: readonly StaffDefinition[] = [
  person("1000", "系统管理员", "admin", "ADMIN", []),
  person("2001", "王海燕", "wang.haiyan", "SUPERVISOR", ["presales"]),
  person("2002", "陈志强", "chen.zhiqiang", "SUPERVISOR", ["aftersales", "vip"]),
  person("2003", "刘婷", "liu.ting", "SUPERVISOR", ["technical"]),
  person("3001", "李静", "li.jing", "AGENT", ["presales"]),
  person("3002", "张伟", "zhang.wei", "AGENT", ["presales"]),
  person("3003", "赵敏", "zhao.min", "AGENT", ["presales"]),
  person("3004", "孙浩然", "sun.haoran", "AGENT", ["presales"]),
  person("3005", "周晓峰", "zhou.xiaofeng", "AGENT", ["presales"]),
  person("3006", "吴欣怡", "wu.xinyi", "AGENT", ["presales"]),
  person("3007", "郑凯", "zheng.kai", "AGENT", ["presales", "aftersales"]),
  person("3008", "黄丽娟", "huang.lijuan", "AGENT", ["presales", "aftersales"]),
  person("3009", "何俊杰", "he.junjie", "AGENT", ["aftersales"]),
  person("3010", "林佳琪", "lin.jiaqi", "AGENT", ["aftersales"]),
  person("3011", "马超", "ma.chao", "AGENT", ["aftersales"]),
  person("3012", "朱梦洁", "zhu.mengjie", "AGENT", ["aftersales"]),
  person("3013", "胡鹏", "hu.peng", "AGENT", ["aftersales"]),
  person("3014", "郭雨桐", "guo.yutong", "AGENT", ["aftersales"]),
  person("3015", "高磊", "gao.lei", "AGENT", ["aftersales", "vip"]),
  person("3016", "罗晶", "luo.jing", "AGENT", ["aftersales"]),
  person("3017", "梁文博", "liang.wenbo", "AGENT", ["aftersales"]),
  person("3018", "宋倩", "song.qian", "AGENT", ["aftersales"]),
  person("3019", "唐嘉怡", "tang.jiayi", "AGENT", ["aftersales"]),
  person("3020", "许斌", "xu.bin", "AGENT", ["aftersales", "technical"]),
  person("3021", "韩璐", "han.lu", "AGENT", ["technical"]),
  person("3022", "冯家豪", "feng.jiahao", "AGENT", ["technical"]),
  person("3023", "邓诗涵", "deng.shihan", "AGENT", ["technical"]),
  person("3024", "曹亮", "cao.liang", "AGENT", ["technical"]),
  person("3025", "彭颖", "peng.ying", "AGENT", ["technical"]),
  person("3026", "曾子涵", "zeng.zihan", "AGENT", ["technical", "vip"]),
  person("3027", "萧睿", "xiao.rui", "AGENT", ["vip"]),
  person("3028", "田甜", "tian.tian", "AGENT", ["vip"]),
  person("3029", "董博文", "dong.bowen", "AGENT", ["vip"]),
  person("3030", "潘晓雯", "pan.xiaowen", "AGENT", ["vip"]),
  person("4001", "蒋雪梅", "jiang.xuemei", "QA", []),
  person("4002", "杜明轩", "du.mingxuan", "QA", []),
];

export interface DemoAccount {
  role: Role;
  employeeNo: string;
  email: string;
  name: string;
  /** mobile number for SMS sign-in */
  phone: string;
}

/** Staff phones are 1380000 + 工号, easy to remember when testing SMS sign-in. */
export function staffPhone(employeeNo: string): string {
  return `1380000${employeeNo}`;
}

const DEMO_ACCOUNT_NUMBERS = new Set(["1000", "2001", "2002", "2003", "3001", "3002", "4001", "4002"]);

/** Accounts the dev script prints and end-to-end tests sign in with (password DEMO_PASSWORD). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = STAFF.filter((s) => DEMO_ACCOUNT_NUMBERS.has(s.employeeNo)).map((s) => ({
  role: s.role,
  employeeNo: s.employeeNo,
  email: s.email,
  name: s.name,
  phone: staffPhone(s.employeeNo),
}));

/** Demo accounts always have a phone; roughly half of the other agents do. */
export function hasPhone(staff: StaffDefinition): boolean {
  return DEMO_ACCOUNT_NUMBERS.has(staff.employeeNo) || staff.role !== "AGENT" || Random.for("staff-phone", staff.employeeNo).chance(0.55);
}

/** Concurrent conversation limit: 3–8, newer agents lower. Agent 3001 is fixed at 5 for end-to-end tests. */
export function maxConcurrentFor(staff: StaffDefinition): number {
  if (staff.role !== "AGENT") return 5;
  if (staff.employeeNo === "3001") return 5;
  return Random.for("max-concurrent", staff.employeeNo).int(3, 8);
}
