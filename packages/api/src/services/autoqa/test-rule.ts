/**
 * The rule settings page's test box: a rule, as being edited, over a sample conversation typed in, one message per
 * line: `客户：…` / `客服：…` (or `C:` / `A:`; a line without a speaker is the agent's), optionally starting with
 * the time since the conversation began, `[1:30]`; lines without a time come 10 s after the one before.
 */
import { autoQaTestInput, AUTOQA_SAMPLE_LINES_MAX } from "../../contracts/autoqa.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runRule, type AutoQaTranscriptMessage, type RaisedFlag } from "./engine.ts";

const SPEAKER = /^(客户|顾客|访客|c|客服|坐席|a)\s*[:：]\s*/i;
const TIME = /^\[(\d{1,3}):([0-5]\d)\]\s*/;

export interface SampleLine {
  line: number;
  speaker: "CUSTOMER" | "AGENT";
  body: string;
}

export function testAutoQaRule(raw: unknown): { lines: SampleLine[]; flags: (RaisedFlag & { line: number | null })[] } {
  const input = parseInput(autoQaTestInput, raw);
  const rows = input.sample
    .split(/\r?\n/)
    .map((text, index) => ({ text: text.trim(), index }))
    .filter((row) => row.text.length > 0);
  if (rows.length > AUTOQA_SAMPLE_LINES_MAX)
    throw new AppError("INVALID_INPUT", { field: "sample", params: { rule: "too_big", max: AUTOQA_SAMPLE_LINES_MAX, origin: "lines" } });
  const startedAt = new Date(0);
  let seconds = 0;
  const lines: SampleLine[] = [];
  const messages: AutoQaTranscriptMessage[] = rows.map(({ text, index }) => {
    let rest = text;
    const time = TIME.exec(rest);
    if (time) {
      seconds = Number(time[1]) * 60 + Number(time[2]);
      rest = rest.substring(time[0].length);
    } else if (index > 0) seconds += 10;
    const speaker = SPEAKER.exec(rest);
    const customer = speaker ? /^(客户|顾客|访客|c)$/i.test(speaker[1]!) : false;
    if (speaker) rest = rest.substring(speaker[0].length);
    lines.push({ line: index + 1, speaker: customer ? "CUSTOMER" : "AGENT", body: rest });
    return { id: index + 1, senderType: customer ? "CUSTOMER" : "AGENT", kind: "TEXT", body: rest, createdAt: new Date(seconds * 1000) };
  });
  const flags = runRule({ key: "test", type: input.type, severity: "MEDIUM", config: input.config }, { messages, startedAt });
  return { lines, flags: flags.map((flag) => ({ ...flag, line: flag.messageId })) };
}
