/**
 * Customers. Only what conversations need while they are generated (level, channels, city) is
 * planned up front, in typed arrays; the full row (name, encrypted phone and ID number, …) is
 * built when the customer is written, after its conversations, from a stream seeded by its id.
 * That keeps a million customers to a few megabytes and makes firstSeenAt, lastSeenAt and
 * conversationCount exact.
 */
import type { Channel, CustomerLevel } from "../../generated/prisma/enums.ts";
import { encryptField, maskIdNumber, protectPhone, type FieldKeys } from "../crypto.ts";
import { chineseName, idNumber, personalEmail, pickCity, uniqueMobile, type City } from "./names.ts";
import { Random, WeightedPicker } from "./random.ts";
import type { BulkLoader, IdAllocator, SqlValue, TableWriter } from "./bulk-insert.ts";
import { DAY, HOUR } from "./time.ts";

export const CHANNELS: readonly Channel[] = ["WEB", "WECHAT", "APP", "API"];
export const LEVELS: readonly CustomerLevel[] = ["NORMAL", "VIP", "SVIP"];
const NO_CHANNEL = 255;

const CHANNEL_PICKER = new WeightedPicker([0, 1, 2, 3], (channel) => [35, 33, 24, 8][channel]!);

export interface CustomerPlan {
  firstId: number;
  count: number;
  /** index into LEVELS */
  level: Uint8Array;
  /** index into CHANNELS */
  primaryChannel: Uint8Array;
  /** index into CHANNELS, or 255 for none */
  secondaryChannel: Uint8Array;
}

export function planCustomers(firstId: number, count: number): CustomerPlan {
  const rng = Random.for("customer-plan", firstId, count);
  const plan: CustomerPlan = {
    firstId,
    count,
    level: new Uint8Array(count),
    primaryChannel: new Uint8Array(count),
    secondaryChannel: new Uint8Array(count).fill(NO_CHANNEL),
  };
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    plan.level[i] = roll < 0.85 ? 0 : roll < 0.97 ? 1 : 2;
    const primary = CHANNEL_PICKER.pick(rng);
    plan.primaryChannel[i] = primary;
    if (rng.chance(0.25)) {
      const secondary = CHANNEL_PICKER.pick(rng);
      if (secondary !== primary) plan.secondaryChannel[i] = secondary;
    }
  }
  return plan;
}

export function levelOf(plan: CustomerPlan, index: number): CustomerLevel {
  return LEVELS[plan.level[index]!]!;
}

/** Most conversations come in on the customer's usual channel. */
export function channelFor(plan: CustomerPlan, index: number, rng: Random): Channel {
  const secondary = plan.secondaryChannel[index]!;
  const channel = secondary !== NO_CHANNEL && rng.chance(0.2) ? secondary : plan.primaryChannel[index]!;
  return CHANNELS[channel]!;
}

export function cityOf(customerId: number): City {
  return pickCity(Random.for("customer-city", customerId));
}

/**
 * Which customer each of `conversations` conversations belongs to: every customer at least once
 * (a customer row is created by a first message), the rest skewed so that a few customers come
 * back often. Shuffled, so first visits spread over the whole period.
 */
export function customerSequence(customers: number, conversations: number, seed: number): Int32Array {
  const rng = Random.for("customer-sequence", seed, customers, conversations);
  const sequence = new Int32Array(conversations);
  for (let i = 0; i < conversations; i++) {
    sequence[i] = i < customers ? i : Math.floor(customers * rng.next() ** 1.8);
  }
  for (let i = conversations - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const swap = sequence[i]!;
    sequence[i] = sequence[j]!;
    sequence[j] = swap;
  }
  return sequence;
}

/** What the customer's conversations tell us, accumulated as they are generated. */
export class CustomerActivity {
  readonly conversations: Int32Array;
  readonly complaints: Uint16Array;
  readonly firstSeen: Float64Array;
  readonly lastSeen: Float64Array;
  /** first conversation per channel: index × 4 + channel */
  readonly firstOnChannel: Float64Array;

  constructor(count: number) {
    this.conversations = new Int32Array(count);
    this.complaints = new Uint16Array(count);
    this.firstSeen = new Float64Array(count).fill(Infinity);
    this.lastSeen = new Float64Array(count).fill(-Infinity);
    this.firstOnChannel = new Float64Array(count * CHANNELS.length).fill(Infinity);
  }

  record(index: number, channel: Channel, createdAt: number, lastSeenAt: number, complaint: boolean): void {
    this.conversations[index]!++;
    if (complaint) this.complaints[index]!++;
    if (createdAt < this.firstSeen[index]!) this.firstSeen[index] = createdAt;
    if (lastSeenAt > this.lastSeen[index]!) this.lastSeen[index] = lastSeenAt;
    const slot = index * CHANNELS.length + CHANNELS.indexOf(channel);
    if (createdAt < this.firstOnChannel[slot]!) this.firstOnChannel[slot] = createdAt;
  }
}

export const CUSTOMER_COLUMNS = [
  "id",
  "name",
  "phoneHash",
  "phoneEnc",
  "phoneLast4",
  "email",
  "idNumberEnc",
  "idNumberMask",
  "externalId",
  "level",
  "city",
  "notes",
  "firstSeenAt",
  "lastSeenAt",
  "conversationCount",
  "visitorNo",
  "device",
  "pageUrl",
  "createdAt",
  "updatedAt",
] as const;
export const IDENTITY_COLUMNS = ["id", "customerId", "channel", "externalUserId", "createdAt"] as const;
export const CUSTOMER_TAG_COLUMNS = ["customerId", "tagId", "createdAt"] as const;

export interface CustomerRows {
  id: number;
  customer: Record<(typeof CUSTOMER_COLUMNS)[number], SqlValue>;
  identities: { channel: Channel; externalUserId: string; createdAt: Date }[];
  tags: { name: string; createdAt: Date }[];
}

const NOTES = [
  "老客户，偏好电话回访，工作日18点后联系",
  "多次咨询发票问题，公司财务对接人",
  "曾因物流延误投诉，沟通时注意安抚",
  "对价格敏感，大促期间集中下单",
  "企业采购负责人，月结客户",
  "听力不好，尽量文字沟通",
];

/** what `describeDevice` makes of common user agents (packages/api services/widget/device.ts) */
const DEVICES = [
  "iPhone · Safari",
  "iPhone · 微信",
  "Android · 微信",
  "Android · Chrome",
  "Windows · Chrome",
  "Windows · Edge",
  "Mac · Safari",
  "Mac · Chrome",
  "HarmonyOS · 华为浏览器",
];
const PAGES = [
  "https://shop.example.com/",
  "https://shop.example.com/orders",
  "https://shop.example.com/orders/detail?id=",
  "https://shop.example.com/after-sales/return",
  "https://shop.example.com/products/air-purifier-x3",
  "https://shop.example.com/products/robot-vacuum-s8",
  "https://shop.example.com/member/coupons",
  "https://shop.example.com/help/shipping",
];

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(rng: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[Math.floor(rng.next() * 62)]!;
  return out;
}

/** Channel user ids shaped like the real thing; the customer id inside keeps them unique. */
function channelUserId(channel: Channel, customerId: number, rng: Random): string {
  switch (channel) {
    case "WEB":
      return `v_${customerId.toString(36)}_${base62(rng, 12)}`;
    case "WECHAT":
      return `oKf${base62(rng, 18)}${customerId.toString(36).padStart(7, "0")}`;
    case "APP":
      return `u${10_000_000 + customerId}`;
    case "API":
      return `crm-${String(customerId).padStart(8, "0")}`;
  }
}

export function buildCustomerRows(plan: CustomerPlan, index: number, activity: CustomerActivity, keys: FieldKeys, now: number): CustomerRows {
  const id = plan.firstId + index;
  const rng = Random.for("customer", id);
  const person = chineseName(rng);
  const city = cityOf(id);
  const level = levelOf(plan, index);
  const enterprise = CHANNELS[plan.primaryChannel[index]!] === "API";

  const count = activity.conversations[index]!;
  const firstSeen = count > 0 ? activity.firstSeen[index]! : now - Math.round(rng.between(1, 90)) * DAY;
  const lastSeen = count > 0 ? activity.lastSeen[index]! : firstSeen;

  const phone = rng.chance(0.9) ? protectPhone(keys, uniqueMobile(rng, id)) : null;
  const email = rng.chance(0.35) ? personalEmail(rng, person) : null;
  const plainIdNumber = rng.chance(0.2) ? idNumber(rng, city.regionCode, rng.int(1965, 2004)) : null;
  const externalId = enterprise || rng.chance(0.3) ? `CRM-${String(id).padStart(6, "0")}` : null;

  const identities: CustomerRows["identities"] = [];
  for (let channel = 0; channel < CHANNELS.length; channel++) {
    const first = activity.firstOnChannel[index * CHANNELS.length + channel]!;
    const used = Number.isFinite(first) || (count === 0 && channel === plan.primaryChannel[index]);
    if (used) {
      const name = CHANNELS[channel]!;
      identities.push({ channel: name, externalUserId: channelUserId(name, id, rng), createdAt: new Date(Number.isFinite(first) ? first : firstSeen) });
    }
  }

  const tags: CustomerRows["tags"] = [];
  const tag = (name: string, at: number) => tags.push({ name, createdAt: new Date(Math.min(at, now)) });
  if ((level !== "NORMAL" && rng.chance(0.7)) || (count >= 12 && rng.chance(0.2))) tag("高价值", firstSeen + HOUR);
  if (now - firstSeen < 30 * DAY) tag("新客", firstSeen + HOUR);
  if (count >= 6 && rng.chance(0.5)) tag("复购", lastSeen);
  if (enterprise) tag("企业客户", firstSeen + HOUR);
  if (activity.complaints[index]! >= 2 || (activity.complaints[index]! === 1 && rng.chance(0.3))) tag("投诉倾向", lastSeen);
  if (rng.chance(0.08)) tag("价格敏感", firstSeen + DAY);
  if (count >= 3 && now - lastSeen > 45 * DAY && rng.chance(0.6)) tag("潜在流失", now - DAY);

  // Web visitors: the device and the page the widget was opened on, as the widget reports them. Some never gave a
  // name (or anything else): the service names them as this does and numbers them with their id (访客 1024).
  const visit = Random.for("customer-visit", id);
  const web = identities.find((identity) => identity.channel === "WEB");
  const anonymous = !!web && CHANNELS[plan.primaryChannel[index]!] === "WEB" && level === "NORMAL" && !externalId && visit.chance(0.35);
  const page = web ? visit.pick(PAGES) : null;

  return {
    id,
    customer: {
      id,
      name: anonymous ? `web-${web.externalUserId.slice(-8)}` : person.name,
      phoneHash: anonymous ? null : (phone?.phoneHash ?? null),
      phoneEnc: anonymous ? null : (phone?.phoneEnc ?? null),
      phoneLast4: anonymous ? null : (phone?.phoneLast4 ?? null),
      email: anonymous ? null : email,
      // as the profile service stores it: cipher text and the 3101**********1234 mask
      idNumberEnc: anonymous || !plainIdNumber ? null : encryptField(keys, plainIdNumber),
      idNumberMask: anonymous || !plainIdNumber ? null : maskIdNumber(plainIdNumber),
      externalId,
      level,
      city: city.name,
      notes: rng.chance(0.05) ? rng.pick(NOTES) : null,
      firstSeenAt: new Date(firstSeen),
      lastSeenAt: new Date(lastSeen),
      conversationCount: count,
      visitorNo: anonymous ? id : null,
      device: web ? visit.pick(DEVICES) : null,
      pageUrl: page?.endsWith("=") ? `${page}${String(visit.int(10_000_000, 99_999_999))}` : page,
      createdAt: new Date(firstSeen),
      updatedAt: new Date(lastSeen),
    },
    identities,
    tags,
  };
}

/** Writes customers with their channel identities and tags. */
export class CustomerWriter {
  private readonly customers: TableWriter<(typeof CUSTOMER_COLUMNS)[number]>;
  private readonly identities: TableWriter<(typeof IDENTITY_COLUMNS)[number]>;
  private readonly tags: TableWriter<(typeof CUSTOMER_TAG_COLUMNS)[number]>;

  constructor(
    loader: BulkLoader,
    private readonly ids: IdAllocator,
    private readonly tagIds: ReadonlyMap<string, number>,
    private readonly keys: FieldKeys,
    private readonly now: number,
  ) {
    this.customers = loader.table("Customer", CUSTOMER_COLUMNS);
    this.identities = loader.table("CustomerIdentity", IDENTITY_COLUMNS);
    this.tags = loader.table("CustomerTag", CUSTOMER_TAG_COLUMNS);
  }

  write(plan: CustomerPlan, index: number, activity: CustomerActivity): void {
    const rows = buildCustomerRows(plan, index, activity, this.keys, this.now);
    const customerId = rows.id;
    this.customers.add(rows.customer);
    for (const identity of rows.identities) {
      this.identities.add({ id: this.ids.next("CustomerIdentity"), customerId, ...identity });
    }
    for (const tag of rows.tags) {
      const tagId = this.tagIds.get(tag.name);
      if (tagId !== undefined) this.tags.add({ customerId, tagId, createdAt: tag.createdAt });
    }
  }
}
