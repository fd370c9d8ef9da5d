/**
 * Finding any of many words or phrases in a text in one pass: one regular expression of the phrases, longest first
 * so that 有病吧 wins over a shorter word at the same place, case-insensitive for Latin letters. A whitelisted phrase
 * covering a hit clears it (滚动 clears 滚).
 */
// type aliases, not interfaces: they are stored as JSON, which needs their index signature
export type Highlight = { start: number; end: number };

export type PhraseHit = Highlight & { text: string };

function alternation(phrases: readonly string[]): RegExp | null {
  const unique = [...new Set(phrases.map((p) => p.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  return new RegExp(unique.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
}

export class PhraseMatcher {
  private readonly pattern: RegExp | null;
  private readonly whitelist: RegExp | null;

  constructor(phrases: readonly string[], whitelist: readonly string[] = []) {
    this.pattern = alternation(phrases);
    this.whitelist = alternation(whitelist);
  }

  find(text: string): PhraseHit[] {
    if (!this.pattern) return [];
    const hits = [...text.matchAll(this.pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
    if (hits.length === 0 || !this.whitelist) return hits;
    const allowed = [...text.matchAll(this.whitelist)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    return hits.filter((hit) => !allowed.some((a) => a.start <= hit.start && hit.end <= a.end));
  }
}
