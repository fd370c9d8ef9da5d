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

  /** A transfer goes to a colleague in the same team, or to a team better placed for the question. */
  transferTarget(from: AgentRef, team: TeamRef, at: number, rng: Random): { agent: AgentRef; team: TeamRef } {
    const others = this.teams.filter((t) => t !== team && t.key !== "vip" && t.agents.length > 0);
    if (others.length > 0 && (team.agents.length < 2 || rng.chance(0.5))) {
      const target = rng.pick(others);
      return { agent: this.pickAgent(target, at, rng, from), team: target };
    }
    return { agent: this.pickAgent(team, at, rng, from), team };
  }
}

export interface ArticleRef {
  id: number;
  title: string;
  summary: string;
}

/** Published articles by topic, for bot answers. */
export class ArticleIndex {
  constructor(private readonly byTopic: ReadonlyMap<Topic, readonly ArticleRef[]>) {}

  pick(topic: Topic, rng: Random): ArticleRef | undefined {
    const articles = this.byTopic.get(topic);
    return articles && articles.length > 0 ? rng.pick(articles) : undefined;
  }
}
