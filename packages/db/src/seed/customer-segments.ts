/**
 * The customer list's demo: owner teams (VIP and SVIP customers belong to the VIP desk, enterprise customers to
 * pre-sales) and a few segments (分组), stored as the segment service stores them (the parsed filter as JSON).
 */
import type * as mariadb from "mariadb";
import type { TeamRef } from "./routing.ts";

interface SegmentSeed {
  name: string;
  shared: boolean;
  author: string;
  filter: (tagId: (name: string) => number | undefined, now: number) => object | null;
}

const DAY = 86_400_000;

const SEGMENTS: readonly SegmentSeed[] = [
  { name: "高价值客户", shared: true, author: "2002", filter: () => ({ match: "all", conditions: [{ kind: "level", levels: ["VIP", "SVIP"] }] }) },
  { name: "高频咨询", shared: true, author: "2002", filter: () => ({ match: "all", conditions: [{ kind: "conversationCount", range: { min: 5 } }] }) },
  {
    name: "投诉客户",
    shared: true,
    author: "2001",
    filter: (tagId) => {
      const id = tagId("投诉倾向");
      return id === undefined ? null : { match: "all", conditions: [{ kind: "tags", op: "any", tagIds: [id] }] };
    },
  },
  {
    name: "近 30 天来过的 VIP",
    shared: false,
    author: "1000",
    filter: (_tagId, now) => ({
      match: "all",
      conditions: [
        { kind: "level", levels: ["VIP", "SVIP"] },
        { kind: "lastSeen", range: { min: new Date(now - 30 * DAY).toISOString() } },
      ],
    }),
  },
];

export async function writeCustomerOwnersAndSegments(connection: mariadb.Connection, teams: readonly TeamRef[], now: number): Promise<void> {
  const teamId = (key: string) => teams.find((t) => t.key === key)?.id;
  const vip = teamId("vip");
  const presales = teamId("presales");
  if (vip !== undefined) await connection.query("UPDATE `Customer` SET `ownerTeamId` = ? WHERE `level` IN ('VIP', 'SVIP')", [vip]);
  if (presales !== undefined)
    await connection.query(
      "UPDATE `Customer` c JOIN `CustomerTag` ct ON ct.customerId = c.id JOIN `Tag` t ON t.id = ct.tagId SET c.ownerTeamId = ? WHERE t.name = '企业客户' AND c.ownerTeamId IS NULL",
      [presales],
    );

  const tags = await connection.query<{ id: number; name: string }[]>("SELECT id, name FROM `Tag`");
  const tagId = (name: string) => {
    const found = tags.find((t) => t.name === name);
    return found ? Number(found.id) : undefined;
  };
  const users = await connection.query<{ id: number; employeeNo: string }[]>("SELECT id, employeeNo FROM `User`");
  const at = new Date(now - 7 * DAY);
  for (const segment of SEGMENTS) {
    const author = users.find((u) => u.employeeNo === segment.author);
    const filter = segment.filter(tagId, now);
    if (!author || !filter) continue;
    await connection.query("INSERT INTO `Segment` (`name`, `rules`, `shared`, `createdById`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, ?)", [
      segment.name,
      JSON.stringify(filter),
      segment.shared,
      Number(author.id),
      at,
      at,
    ]);
  }
}
