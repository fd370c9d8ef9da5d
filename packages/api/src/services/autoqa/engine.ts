/**
 * The AutoQA checks: pure functions from a conversation's transcript and the rules to the flags they raise. No
 * database here, so the test box and the backfill run exactly what the end-of-conversation job runs.
 */
import type { AutoQaConfig, AutoQaRuleType } from "../../contracts/autoqa.ts";
import { responseTimesOf, type TranscriptLine } from "../metrics/index.ts";
import { findPersonalData } from "./personal-data.ts";
import { PhraseMatcher, type Highlight } from "./phrases.ts";

export type Severity = "LOW" | "MEDIUM" | "HIGH";

export interface AutoQaTranscriptMessage extends TranscriptLine {
  body: string;
}

export interface AutoQaTranscript {
  messages: readonly AutoQaTranscriptMessage[];
  /** the hand-off to a person, or the creation when no bot took part: where the first response is measured from */
  startedAt: Date;
}

export interface RunnableRule<T extends AutoQaRuleType = AutoQaRuleType> {
  key: string;
  type: T;
  severity: Severity;
  config: AutoQaConfig<T>;
}

/** What a flag says; stored as `AutoQaFlag.detail`. Text is never stored whole: an excerpt, masked where private. */
export type FlagDetail = {
  type: AutoQaRuleType;
  /** where in the message the matched text is (offsets in UTF-16 code units of the message body) */
  highlights?: Highlight[];
  /** the matched words or phrases (masked for personal data) */
  matched?: string[];
  seconds?: number;
  limitSeconds?: number;
  /** the customer message a slow reply answered */
  askedMessageId?: number;
  times?: number;
  /** for a missing greeting / closing: the phrases expected */
  expected?: string[];
  /** slow response: `first_response` or `reply` */
  kind?: "first_response" | "reply";
  /** personal data: which kinds were found */
  kinds?: string[];
};

export interface RaisedFlag {
  rule: string;
  severity: Severity;
  messageId: number | null;
  /** personal data and a critical rule: the review's score is affected whatever the points */
  critical: boolean;
  detail: FlagDetail;
}

const isAgentText = (m: AutoQaTranscriptMessage) => m.senderType === "AGENT" && m.kind === "TEXT";
const isCustomerText = (m: AutoQaTranscriptMessage) => m.senderType === "CUSTOMER" && m.kind === "TEXT";

const matchers = new WeakMap<object, PhraseMatcher>();
/** one compiled matcher per phrase list (rules are read once per batch; a list object is reused across conversations) */
function matcherFor(phrases: readonly string[], whitelist: readonly string[] = []): PhraseMatcher {
  let matcher = matchers.get(phrases);
  if (!matcher) {
    matcher = new PhraseMatcher(phrases, whitelist);
    matchers.set(phrases, matcher);
  }
  return matcher;
}

function phraseFlags(rule: RunnableRule, messages: readonly AutoQaTranscriptMessage[], matcher: PhraseMatcher): RaisedFlag[] {
  const flags: RaisedFlag[] = [];
  for (const message of messages) {
    const hits = matcher.find(message.body);
    if (hits.length === 0) continue;
    flags.push({
      rule: rule.key,
      severity: rule.severity,
      messageId: message.id,
      critical: false,
      detail: { type: rule.type, highlights: hits.map(({ start, end }) => ({ start, end })), matched: [...new Set(hits.map((h) => h.text))] },
    });
  }
  return flags;
}

type Check<T extends AutoQaRuleType> = (rule: RunnableRule<T>, transcript: AutoQaTranscript) => RaisedFlag[];

const checks: { [T in AutoQaRuleType]: Check<T> } = {
  FORBIDDEN_WORDS: (rule, t) => phraseFlags(rule, t.messages.filter(isAgentText), matcherFor(rule.config.words, rule.config.whitelist)),
  IMPOLITE: (rule, t) => phraseFlags(rule, t.messages.filter(isAgentText), matcherFor(rule.config.phrases)),
  COMPLAINT_RISK: (rule, t) => phraseFlags(rule, t.messages.filter(isCustomerText), matcherFor(rule.config.words)),

  GREETING: (rule, t) => {
    const agent = t.messages.filter(isAgentText);
    if (agent.length === 0) return [];
    const matcher = matcherFor(rule.config.phrases);
    if (agent.slice(0, rule.config.withinFirst).some((m) => matcher.find(m.body).length > 0)) return [];
    return [{ rule: rule.key, severity: rule.severity, messageId: agent[0]!.id, critical: false, detail: { type: rule.type, expected: rule.config.phrases } }];
  },

  CLOSING: (rule, t) => {
    const agent = t.messages.filter(isAgentText);
    if (agent.length === 0) return [];
    const matcher = matcherFor(rule.config.phrases);
    if (agent.slice(-rule.config.withinLast).some((m) => matcher.find(m.body).length > 0)) return [];
    return [
      { rule: rule.key, severity: rule.severity, messageId: agent.at(-1)!.id, critical: false, detail: { type: rule.type, expected: rule.config.phrases } },
    ];
  },

  SLOW_RESPONSE: (rule, t) => {
    const times = responseTimesOf(t.messages, t.startedAt);
    const flags: RaisedFlag[] = [];
    const first = times.firstResponse;
    if (first && first.seconds > rule.config.firstResponseSeconds)
      flags.push({
        rule: rule.key,
        severity: rule.severity,
        messageId: first.messageId,
        critical: false,
        detail: { type: rule.type, kind: "first_response", seconds: first.seconds, limitSeconds: rule.config.firstResponseSeconds },
      });
    for (const reply of times.replies) {
      // the first reply is judged by the first-response limit alone
      if (reply.messageId === first?.messageId || reply.seconds <= rule.config.replySeconds) continue;
      flags.push({
        rule: rule.key,
        severity: rule.severity,
        messageId: reply.messageId,
        critical: false,
        detail: { type: rule.type, kind: "reply", seconds: reply.seconds, limitSeconds: rule.config.replySeconds, askedMessageId: reply.askedMessageId },
      });
    }
    return flags;
  },

  REPEATED_TEXT: (rule, t) => {
    const agent = t.messages.filter(isAgentText);
    const normalized = agent.map((m) => m.body.replace(/\s+/g, "").toLowerCase());
    const flagged = new Set<string>();
    const flags: RaisedFlag[] = [];
    for (let i = 0; i < agent.length; i++) {
      const text = normalized[i]!;
      if (text.length === 0 || flagged.has(text)) continue;
      const window = normalized.slice(i, i + rule.config.withinTurns);
      const times = window.filter((other) => other === text).length;
      if (times < rule.config.times) continue;
      flagged.add(text);
      const lastIndex = i + window.lastIndexOf(text);
      flags.push({ rule: rule.key, severity: rule.severity, messageId: agent[lastIndex]!.id, critical: false, detail: { type: rule.type, times } });
    }
    return flags;
  },

  PERSONAL_DATA: (rule, t) =>
    t.messages.filter(isAgentText).flatMap((message): RaisedFlag[] => {
      const found = findPersonalData(message.body, rule.config);
      if (found.length === 0) return [];
      return [
        {
          rule: rule.key,
          severity: "HIGH",
          messageId: message.id,
          critical: true,
          detail: {
            type: rule.type,
            highlights: found.map(({ start, end }) => ({ start, end })),
            matched: found.map((f) => f.masked),
            kinds: [...new Set(found.map((f) => f.kind))],
          },
        },
      ];
    }),

  PROCESS_ORDER: (rule, t) => {
    const first = matcherFor(rule.config.first);
    const then = matcherFor(rule.config.then);
    for (const message of t.messages.filter(isAgentText)) {
      if (first.find(message.body).length > 0) return [];
      const hits = then.find(message.body);
      if (hits.length > 0)
        return [
          {
            rule: rule.key,
            severity: rule.severity,
            messageId: message.id,
            critical: false,
            detail: {
              type: rule.type,
              highlights: hits.map(({ start, end }) => ({ start, end })),
              matched: [...new Set(hits.map((h) => h.text))],
              expected: rule.config.first,
            },
          },
        ];
    }
    return [];
  },
};

export function runRule(rule: RunnableRule, transcript: AutoQaTranscript): RaisedFlag[] {
  return (checks[rule.type] as Check<AutoQaRuleType>)(rule, transcript);
}

/** Every enabled rule over one conversation. */
export function checkConversation(rules: readonly RunnableRule[], transcript: AutoQaTranscript): RaisedFlag[] {
  return rules.flatMap((rule) => runRule(rule, transcript));
}
