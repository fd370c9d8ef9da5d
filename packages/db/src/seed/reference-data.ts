/**
 * Rows for everything around the conversations: staff, teams, presence, tags, the knowledge base
 * and canned replies.
 */
import type { KbArticleStatus } from "../../generated/prisma/enums.ts";
import { protectPhone, type FieldKeys } from "../crypto.ts";
import type { BulkLoader, IdAllocator } from "./bulk-insert.ts";
import { CANNED_REPLIES } from "./canned-replies.ts";
import { articleBody, KB_GROUPS, KB_PARENTS, STOP_WORDS, SYNONYMS } from "./knowledge.ts";
import type { PresencePlan, StaffMember } from "./live-floor.ts";
import { Random } from "./random.ts";
import { agentPace, ArticleIndex, type ArticleRef, type TeamRef } from "./routing.ts";
import { hasPhone, maxConcurrentFor, STAFF, staffPhone, TEAMS } from "./staff.ts";
import type { Topic } from "./texts.ts";
import { DAY, HOUR } from "./time.ts";

export const TAGS: readonly { name: string; color: string }[] = [
  { name: "高价值", color: "#d97706" },
  { name: "投诉倾向", color: "#dc2626" },
  { name: "新客", color: "#16a34a" },
  { name: "复购", color: "#2563eb" },
  { name: "企业客户", color: "#7c3aed" },
  { name: "价格敏感", color: "#0891b2" },
  { name: "潜在流失", color: "#64748b" },
  { name: "催单", color: "#ea580c" },
  { name: "加急", color: "#e11d48" },
  { name: "需回访", color: "#ca8a04" },
  { name: "已补偿", color: "#059669" },
  { name: "投诉", color: "#b91c1c" },
];

/** Ids for the roster, decided before any row is written so presence can be planned first. */
export function allocateStaff(ids: IdAllocator): StaffMember[] {
  return STAFF.map((definition) => ({ id: ids.next("User"), definition, maxConcurrent: maxConcurrentFor(definition) }));
}

export function writeStaff(
  loader: BulkLoader,
  staff: readonly StaffMember[],
  presence: PresencePlan,
  options: { passwordHash: string; keys: FieldKeys; now: number },
): void {
  const users = loader.table("User", [
    "id",
    "employeeNo",
    "name",
    "email",
    "phoneHash",
    "phoneEnc",
    "phoneLast4",
    "passwordHash",
    "passwordChangedAt",
    "role",
    "presence",
    "presenceChangedAt",
    "maxConcurrent",
    "lastSeenAt",
    "lastLoginAt",
    "createdAt",
    "updatedAt",
  ] as const);
  for (const member of staff) {
    const { definition } = member;
    const state = presence.states.get(member.id);
    const phone = hasPhone(definition) ? protectPhone(options.keys, staffPhone(definition.employeeNo)) : null;
    const hiredDaysAgo = definition.role === "AGENT" ? Random.for("hired", definition.employeeNo).int(100, 700) : 720;
    const createdAt = new Date(options.now - hiredDaysAgo * DAY);
    users.add({
      id: member.id,
      employeeNo: definition.employeeNo,
      name: definition.name,
      email: definition.email,
      phoneHash: phone?.phoneHash ?? null,
      phoneEnc: phone?.phoneEnc ?? null,
      phoneLast4: phone?.phoneLast4 ?? null,
      passwordHash: options.passwordHash,
      passwordChangedAt: createdAt,
      role: definition.role,
      presence: state?.presence ?? "OFFLINE",
      presenceChangedAt: state?.presenceChangedAt ? new Date(state.presenceChangedAt) : null,
      maxConcurrent: member.maxConcurrent,
      lastSeenAt: state ? new Date(state.lastSeenAt) : null,
      lastLoginAt: state ? new Date(state.lastLoginAt) : null,
      createdAt,
      updatedAt: new Date(options.now),
    });
  }
}

/** Writes teams and memberships (supervisors as leads); returns the teams with their agents for routing. */
export function writeTeams(loader: BulkLoader, ids: IdAllocator, staff: readonly StaffMember[], now: number): TeamRef[] {
  const teams = loader.table("Team", ["id", "name", "description", "maxQueueLength", "replyTimeoutSeconds", "createdAt", "updatedAt"] as const);
  const members = loader.table("TeamMember", ["teamId", "userId", "isLead", "createdAt"] as const);
  const createdAt = new Date(now - 720 * DAY);
  return TEAMS.map((definition) => {
    const id = ids.next("Team");
    teams.add({
      id,
      name: definition.name,
      description: definition.description,
      maxQueueLength: definition.maxQueueLength,
      replyTimeoutSeconds: definition.replyTimeoutSeconds,
      createdAt,
      updatedAt: createdAt,
    });
    const team: TeamRef = { id, key: definition.key, name: definition.name, agents: [] };
    for (const member of staff) {
      if (!member.definition.teams.includes(definition.key)) continue;
      const isLead = member.definition.role === "SUPERVISOR";
      members.add({ teamId: id, userId: member.id, isLead, createdAt });
      if (member.definition.role === "AGENT") {
        team.agents.push({
          id: member.id,
          name: member.definition.name,
          employeeNo: member.definition.employeeNo,
          pace: agentPace(member.definition.employeeNo),
        });
      }
    }
    return team;
  });
}

export function writePresenceIntervals(loader: BulkLoader, ids: IdAllocator, presence: PresencePlan): void {
  const intervals = loader.table("PresenceInterval", ["id", "userId", "presence", "startedAt", "endedAt"] as const);
  for (const interval of presence.intervals) {
    intervals.add({
      id: ids.next("PresenceInterval"),
      userId: interval.userId,
      presence: interval.presence,
      startedAt: new Date(interval.startedAt),
      endedAt: interval.endedAt === null ? null : new Date(interval.endedAt),
    });
  }
}

export function writeTags(loader: BulkLoader, ids: IdAllocator, now: number): Map<string, number> {
  const tags = loader.table("Tag", ["id", "name", "color", "createdAt"] as const);
  const byName = new Map<string, number>();
  for (const tag of TAGS) {
    const id = ids.next("Tag");
    tags.add({ id, name: tag.name, color: tag.color, createdAt: new Date(now - 365 * DAY) });
    byName.set(tag.name, id);
  }
  return byName;
}

/**
 * Writes the help centre and returns its published articles for the bot. With a `limit` below
 * the full set, articles are taken round-robin across topics so every topic keeps some.
 */
export function writeKnowledge(loader: BulkLoader, ids: IdAllocator, authorIds: readonly number[], now: number, limit: number): ArticleIndex {
  const categories = loader.table("KbCategory", ["id", "name", "parentId", "sortOrder", "createdAt"] as const);
  const articles = loader.table("KbArticle", [
    "id",
    "categoryId",
    "title",
    "body",
    "status",
    "version",
    "keywords",
    "authorId",
    "publishedAt",
    "createdAt",
    "updatedAt",
  ] as const);
  const versions = loader.table("KbArticleVersion", ["id", "articleId", "version", "title", "body", "editorId", "createdAt"] as const);
  const synonyms = loader.table("KbSynonym", ["id", "term", "canonical"] as const);
  const stopWords = loader.table("KbStopWord", ["word"] as const);

  const treeCreatedAt = new Date(now - 400 * DAY);
  const parentIds = new Map<string, number>();
  KB_PARENTS.forEach((name, sortOrder) => {
    const id = ids.next("KbCategory");
    parentIds.set(name, id);
    categories.add({ id, name, parentId: null, sortOrder, createdAt: treeCreatedAt });
  });

  const published = new Map<Topic, ArticleRef[]>();
  KB_GROUPS.forEach((group, groupIndex) => {
    const categoryId = ids.next("KbCategory");
    categories.add({ id: categoryId, name: group.name, parentId: parentIds.get(group.parent) ?? null, sortOrder: groupIndex, createdAt: treeCreatedAt });
    const topicArticles: ArticleRef[] = [];
    group.articles.forEach(([title, summary], index) => {
      if (index * KB_GROUPS.length + groupIndex >= limit) return;
      const rng = Random.for("kb-article", group.topic, index);
      const roll = rng.next();
      const status: KbArticleStatus = roll < 0.06 ? "DRAFT" : roll < 0.11 ? "ARCHIVED" : "PUBLISHED";
      const body = articleBody(group, summary, rng.int(3, group.steps.length), rng.chance(0.5) ? [index, index + 1] : [index]);
      const authorId = rng.pick(authorIds);
      const createdAt = status === "DRAFT" ? now - rng.int(1, 20) * DAY : now - rng.int(100, 380) * DAY;
      const publishedAt = status === "DRAFT" ? null : createdAt + rng.int(1, 48) * HOUR;
      const updatedAt = status === "ARCHIVED" ? now - rng.int(5, 60) * DAY : (publishedAt ?? createdAt);
      const id = ids.next("KbArticle");
      articles.add({
        id,
        categoryId,
        title,
        body,
        status,
        version: 1,
        keywords: group.keywords,
        authorId,
        publishedAt: publishedAt === null ? null : new Date(publishedAt),
        createdAt: new Date(createdAt),
        updatedAt: new Date(updatedAt),
      });
      versions.add({ id: ids.next("KbArticleVersion"), articleId: id, version: 1, title, body, editorId: authorId, createdAt: new Date(createdAt) });
      if (status === "PUBLISHED") topicArticles.push({ id, title, summary });
    });
    published.set(group.topic, topicArticles);
  });

  for (const [term, canonical] of SYNONYMS) synonyms.add({ id: ids.next("KbSynonym"), term, canonical });
  for (const word of STOP_WORDS) stopWords.add({ word });
  return new ArticleIndex(published);
}

export function writeCannedReplies(loader: BulkLoader, ids: IdAllocator, teams: readonly TeamRef[], staff: readonly StaffMember[], now: number): void {
  const replies = loader.table("CannedReply", [
    "id",
    "title",
    "shortcut",
    "category",
    "body",
    "sortOrder",
    "teamId",
    "ownerId",
    "createdAt",
    "updatedAt",
  ] as const);
  const createdAt = new Date(now - 200 * DAY);
  // each set (personal, team, shared) numbered 0…n-1 in the listed order, as the service numbers a new reply
  const positions = new Map<string, number>();
  for (const reply of CANNED_REPLIES) {
    const teamId = reply.team ? (teams.find((t) => t.key === reply.team)?.id ?? null) : null;
    const ownerId = reply.owner ? (staff.find((s) => s.definition.employeeNo === reply.owner)?.id ?? null) : null;
    const set = `${ownerId ?? ""}/${teamId ?? ""}`;
    const sortOrder = positions.get(set) ?? 0;
    positions.set(set, sortOrder + 1);
    replies.add({
      id: ids.next("CannedReply"),
      title: reply.title,
      shortcut: reply.shortcut,
      category: reply.category,
      body: reply.body,
      sortOrder,
      teamId,
      ownerId,
      createdAt,
      updatedAt: createdAt,
    });
  }
}
