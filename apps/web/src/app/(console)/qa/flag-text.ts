import type { useTranslations } from "next-intl";

/** The stored detail of an AutoQA flag (services/autoqa/engine.ts `FlagDetail`), as the browser receives it. */
export interface FlagDetailView {
  type: string;
  highlights?: { start: number; end: number }[];
  matched?: string[];
  seconds?: number;
  limitSeconds?: number;
  times?: number;
  expected?: string[];
  kind?: "first_response" | "reply";
}

/** What a flag found, in words. */
export function flagText(t: ReturnType<typeof useTranslations<"autoQa">>, detail: FlagDetailView): string {
  const list = (values: string[] | undefined) => (values ?? []).join(t("listSeparator"));
  switch (detail.type) {
    case "GREETING":
    case "CLOSING":
      return t("found.missing", { expected: list(detail.expected) });
    case "SLOW_RESPONSE":
      return t(detail.kind === "first_response" ? "found.firstResponse" : "found.reply", { seconds: detail.seconds ?? 0, limit: detail.limitSeconds ?? 0 });
    case "REPEATED_TEXT":
      return t("found.repeated", { times: detail.times ?? 0 });
    case "PERSONAL_DATA":
      return t("found.personalData", { matched: list(detail.matched) });
    default:
      return t("found.matched", { matched: list(detail.matched) });
  }
}

/** A text cut into plain and highlighted pieces, for `<mark>`. */
export function highlightPieces(text: string, highlights: { start: number; end: number }[] = []): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, end } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    if (start > at) pieces.push({ text: text.substring(at, start), marked: false });
    pieces.push({ text: text.substring(start, end), marked: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.substring(at), marked: false });
  return pieces;
}
