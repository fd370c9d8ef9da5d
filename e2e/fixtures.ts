/**
 * Set-up the end-to-end specs cannot do through the product in reasonable time, done on the e2e server's
 * own database (see scripts/e2e-server.ts): a team of fresh agents that no other spec routes to.
 */
import { createConnection, type Connection, type UpsertResult } from "mariadb";

function e2eDatabaseUrl(): string {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu";
  return serverUrl.replace(/\/[^/]*$/, `/kefu_e2e_${process.env.E2E_PORT ?? 3100}`);
}

export async function withE2eDb<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
  const url = new URL(e2eDatabaseUrl());
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    timezone: "Z",
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

export interface TeamFixture {
  teamId: number;
  teamName: string;
  agents: { id: number; employeeNo: string; name: string }[];
}

/** A new team with `count` OFFLINE agents who sign in with the demo password. */
export async function createTeamWithAgents(count: number, stamp: string): Promise<TeamFixture> {
  return withE2eDb(async (db) => {
    const teamName = `E2E 专线 ${stamp}`;
    const team = await db.query<UpsertResult>("INSERT INTO `Team` (name, updatedAt) VALUES (?, NOW(3))", [teamName]);
    const teamId = Number(team.insertId);
    const agents: TeamFixture["agents"] = [];
    for (let i = 1; i <= count; i++) {
      const employeeNo = `E${stamp}${i}`.slice(0, 32);
      const name = `测试坐席${i}号-${stamp}`;
      const user = await db.query<UpsertResult>(
        "INSERT INTO `User` (employeeNo, name, email, passwordHash, role, presence, maxConcurrent, updatedAt) " +
          "SELECT ?, ?, ?, passwordHash, 'AGENT', 'OFFLINE', 5, NOW(3) FROM `User` WHERE employeeNo = '3001'",
        [employeeNo, name, `${employeeNo.toLowerCase()}@e2e.kefu.cn`],
      );
      const id = Number(user.insertId);
      await db.query("INSERT INTO `TeamMember` (teamId, userId) VALUES (?, ?)", [teamId, id]);
      agents.push({ id, employeeNo, name });
    }
    return { teamId, teamName, agents };
  });
}

/** Takes the fixture's agents off the floor so later specs' conversations never route to them. */
export async function retireTeam(fixture: TeamFixture): Promise<void> {
  await withE2eDb(async (db) => {
    const ids = fixture.agents.map((a) => a.id);
    if (ids.length) await db.query("UPDATE `User` SET presence = 'OFFLINE', disabledAt = NOW(3) WHERE id IN (?)", [ids]);
  });
}

export async function latestConversationOfTeam(teamId: number): Promise<{ id: number; status: string; assigneeId: number | null; csatScore: number | null }> {
  return withE2eDb(async (db) => {
    const rows = await db.query<{ id: number; status: string; assigneeId: number | null; csatScore: number | null }[]>(
      "SELECT id, status, assigneeId, csatScore FROM `Conversation` WHERE teamId = ? ORDER BY id DESC LIMIT 1",
      [teamId],
    );
    if (!rows[0]) throw new Error(`no conversation in team ${teamId}`);
    return { ...rows[0], id: Number(rows[0].id) };
  });
}

export async function presenceOf(userId: number): Promise<string> {
  return withE2eDb(async (db) => {
    const rows = await db.query<{ presence: string }[]>("SELECT presence FROM `User` WHERE id = ?", [userId]);
    return rows[0]?.presence ?? "";
  });
}
