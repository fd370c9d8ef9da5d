/**
 * Who can take a conversation: teams with their agents, and the published articles the bot can
 * quote. Built from the generated roster (demo) or read back from the database (scale).
 */
import { Random } from "./random.ts";
import type { TeamKey } from "./staff.ts";
import type { Topic } from "./texts.ts";

export interface AgentRef {
  id: number;
  name: string;
  employeeNo: string;
  /** relative share of the conversations this agent handles */
  pace: number;
}

export interface TeamRef {
  id: number;
  key: TeamKey | null;
  name: string;
  agents: AgentRef[];
}

/** Tells whether an agent was signed in at an instant; used so today's history matches today's presence. */
export type Availability = (agentId: number, at: number) => boolean;

export function agentPace(employeeNo: string): number {
  return Random.for("agent-pace", employeeNo).between(0.6, 1.4);
}

export class Routing {
  private readonly byKey = new Map<TeamKey, TeamRef>();

  constructor(
    readonly teams: readonly TeamRef[],
    private readonly availability?: Availability,
  ) {
    for (const team of teams) if (team.key) this.byKey.set(team.key, team);
    if (!teams.some((team) => team.agents.length > 0)) throw new Error("Seeding conversations needs at least one team with agents");
  }

  /** The team for a key, or the largest team when the database has no team by that name. */
  team(key: TeamKey): TeamRef {
    const team = this.byKey.get(key);
    if (team && team.agents.length > 0) return team;
    return [...this.teams].sort((a, b) => b.agents.length - a.agents.length)[0]!;
  }

  pickAgent(team: TeamRef, at: number, rng: Random, except?: AgentRef): AgentRef {
    const candidates = team.agents.filter((agent) => agent !== except);
    const pool = candidates.length > 0 ? candidates : team.agents;
    const available = this.availability ? pool.filter((agent) => this.availability!(agent.id, at)) : pool;
    return rng.weighted(available.length > 0 ? available : pool, (agent) => agent.pace);
  }

  /**
   * A transfer goes to the team whose topic it is (e.g. from VIP专席 to 技术支持 for a payment
   * problem), or to a colleague in the same team.
   */
  transferTarget(from: AgentRef, team: TeamRef, topicTeam: TeamKey, at: number, rng: Random): { agent: AgentRef; team: TeamRef } {
    const specialist = this.byKey.get(topicTeam);
    const target = specialist && specialist !== team && specialist.agents.length > 0 ? specialist : team;
    return { agent: this.pickAgent(target, at, rng, from), team: target };
  }
}

export interface ArticleRef {
  id: number;
  title: string;
  summary: string;
}

/** Published articles by topic and by title, for bot answers. */
export class ArticleIndex {
  private readonly byTitle = new Map<string, ArticleRef>();

  constructor(private readonly byTopic: ReadonlyMap<Topic, readonly ArticleRef[]>) {
    for (const articles of byTopic.values()) for (const article of articles) this.byTitle.set(article.title, article);
  }

  /** The article with this title if it is published, else any published article of the topic. */
  find(title: string, topic: Topic, rng: Random): { article: ArticleRef; exact: boolean } | undefined {
    const exact = this.byTitle.get(title);
    if (exact) return { article: exact, exact: true };
    const articles = this.byTopic.get(topic);
    return articles && articles.length > 0 ? { article: rng.pick(articles), exact: false } : undefined;
  }
}
