/**
 * Text → search terms. Articles and queries go through the same function, so whatever
 * the vocabulary does (stop words, synonyms) applies to both sides of a match.
 *
 * Pipeline: NFKC (full-width → half-width) → jieba precise cut with HMM → per word, search-mode
 * sub-words (e.g. 增值税 → 增值, 增值税) → lower-case, punctuation dropped → synonym → canonical
 * (also across 2–3 adjacent words, e.g. 坏 + 了 = 坏了 → 故障) → stop words dropped → ≤ 64 chars;
 * plus every Han character of a multi-character word as a term of its own (see `segment`).
 *
 * Changing synonyms or stop words changes the terms of every article: call `invalidateVocabulary`
 * and `reindexAll` after editing them.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/** KbTerm.term is VARCHAR(64) */
export const MAX_TERM_LENGTH = 64;
const VOCABULARY_TTL_MS = 60_000;
const MAX_SYNONYM_WORDS = 3;
const MAX_SYNONYM_HOPS = 4;

export interface Vocabulary {
  stopWords: ReadonlySet<string>;
  /** term → canonical term, both normalised */
  synonyms: ReadonlyMap<string, string>;
  /** canonical terms that jieba splits into several words (增值税专用发票), matched as phrases */
  phrases: ReadonlySet<string>;
}

export const EMPTY_VOCABULARY: Vocabulary = { stopWords: new Set(), synonyms: new Map(), phrases: new Set() };

/**
 * Function and question words every vocabulary drops on top of the KbStopWord table: customers
 * wrap questions in them (怎么 / 能不能 / 是不是) and titles end in them (…怎么办, …能否…), so
 * left in they rank an article for the shape of a question instead of its subject.
 */
export const BUILTIN_STOP_WORDS: readonly string[] = [
  "怎么",
  "怎么办",
  "怎么样",
  "怎样",
  "如何",
  "什么",
  "啥",
  "咋",
  "咋办",
  "为什么",
  "为啥",
  "哪",
  "哪里",
  "哪儿",
  "哪个",
  "哪些",
  "吗",
  "呢",
  "吧",
  "啊",
  "呀",
  "么",
  "嘛",
  "哈",
  "哦",
  "嗯",
  "能",
  "能否",
  "能不能",
  "可以",
  "可不可以",
  "是否",
  "是不是",
  "会",
  "会不会",
  "要",
  "想",
  "需要",
  "还",
  "还能",
  "就",
  "都",
  "也",
  "又",
  "再",
  "很",
  "太",
  "把",
  "被",
  "给",
  "让",
  "对",
  "从",
  "到",
  "跟",
  "和",
  "与",
  "或",
  "或者",
  "了",
  "着",
  "过",
  "的",
  "地",
  "得",
  "之",
  "我",
  "我的",
  "你",
  "你们",
  "您",
  "他",
  "她",
  "它",
  "他们",
  "咱",
  "自己",
  "这",
  "那",
  "这个",
  "那个",
  "这些",
  "那些",
  "一个",
  "一下",
  "有",
  "没",
  "没有",
  "不",
  "是",
  "在",
  "请",
  "请问",
  "谢谢",
  "麻烦",
  "一直",
  "已经",
  "现在",
  "时候",
  "the",
  "a",
  "an",
  "is",
  "are",
  "how",
  "to",
  "do",
  "i",
  "my",
  "what",
  "can",
];

let jieba: Jieba | undefined;

/** The segmenter, built on first use: building the dictionary takes ~0.2 s and ~50 MB, once per process. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const NOT_WORD_CHARS = /[^\p{L}\p{N}\p{M}]+/gu;
const HAN = /\p{Script=Han}/u;

function clean(word: string): string {
  return word.toLowerCase().replace(NOT_WORD_CHARS, "");
}

function capLength(term: string): string {
  if (term.length <= MAX_TERM_LENGTH) return term;
  return Array.from(term).slice(0, MAX_TERM_LENGTH).join("");
}

/** The normal form vocabulary entries and text share: NFKC, lower case, word characters only. */
export function normalizeWord(word: string): string {
  return capLength(clean(word.normalize("NFKC")));
}

/** The terms one word of the text contributes: the word's own terms and its characters. */
export interface Segment {
  /** the word (or its canonical form), and in search mode its dictionary sub-words */
  words: string[];
  /** each Han character of a multi-character word, stop words excluded */
  characters: string[];
}

/**
 * Splits `text` into segments, in order. Pure and synchronous given a vocabulary;
 * `loadVocabulary(db)` supplies the database's one.
 */
export function segment(text: string, vocabulary: Vocabulary = EMPTY_VOCABULARY): Segment[] {
  if (!text) return [];
  const jb = segmenter();
  // null marks a boundary (punctuation, whitespace) that a multi-word synonym may not span
  const words: (string | null)[] = jb.cut(text.normalize("NFKC"), true).map((raw) => clean(raw) || null);
  const segments: Segment[] = [];

  const keep = (term: string): string | null => {
    const canonical = canonicalOf(term, vocabulary);
    return canonical && !vocabulary.stopWords.has(canonical) ? canonical : null;
  };
  // Each Han character of a word is a term too: colloquial questions use single characters or
  // other words where articles use words (修 / 维修, 删 / 删除, 拒签 / 拒收), and shared
  // characters are what still match.
  const charactersOf = (word: string): string[] => {
    const chars = Array.from(word);
    return chars.length < 2 ? [] : chars.filter((ch) => HAN.test(ch) && !vocabulary.stopWords.has(ch));
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;

    let joined = word;
    let matched = 0;
    for (let span = 2; span <= MAX_SYNONYM_WORDS && i + span <= words.length; span++) {
      const next = words[i + span - 1];
      if (!next) break;
      joined += next;
      if (vocabulary.synonyms.has(joined)) matched = span;
      else if (vocabulary.phrases.has(joined)) segments.push({ words: [capLength(joined)], characters: [] });
    }
    if (matched > 0) {
      const canonical = keep(words.slice(i, i + matched).join(""));
      if (canonical) segments.push({ words: [capLength(canonical)], characters: charactersOf(canonical) });
      i += matched - 1;
      continue;
    }

    const canonical = keep(word);
    if (!canonical) continue;
    if (canonical !== word || Array.from(word).length <= 2) {
      segments.push({ words: [capLength(canonical)], characters: charactersOf(canonical) });
      continue;
    }
    // search mode: the dictionary's 2- and 3-character sub-words, then the word itself
    const parts: string[] = [];
    for (const part of jb.cutForSearch(word, true)) {
      const term = keep(clean(part));
      if (term) parts.push(capLength(term));
    }
    // a word jieba guessed (HMM) can hide a synonym: 开专票 holds 专票
    for (const synonym of synonymsInside(word, vocabulary)) if (!parts.includes(synonym)) parts.push(synonym);
    segments.push({ words: parts, characters: charactersOf(word) });
  }
  return segments;
}

/** All terms of `text` in order, with repetitions (a term's count is its frequency): what gets indexed. */
export function tokenize(text: string, vocabulary: Vocabulary = EMPTY_VOCABULARY): string[] {
  return segment(text, vocabulary).flatMap((s) => [...s.words, ...s.characters]);
}

const MAX_INNER_SCAN = 12;

function synonymsInside(word: string, vocabulary: Vocabulary): string[] {
  const chars = Array.from(word);
  if (vocabulary.synonyms.size === 0 || chars.length > MAX_INNER_SCAN) return [];
  const found: string[] = [];
  for (let length = 2; length < chars.length; length++) {
    for (let start = 0; start + length <= chars.length; start++) {
      const inner = chars.slice(start, start + length).join("");
      if (!vocabulary.synonyms.has(inner)) continue;
      const canonical = canonicalOf(inner, vocabulary);
      if (!vocabulary.stopWords.has(canonical)) found.push(capLength(canonical));
    }
  }
  return found;
}

function canonicalOf(term: string, vocabulary: Vocabulary): string {
  let current = term;
  for (let hop = 0; hop < MAX_SYNONYM_HOPS; hop++) {
    const next = vocabulary.synonyms.get(current);
    if (next === undefined || next === current) break;
    current = next;
  }
  return current;
}

/** Term → occurrences, for term frequencies. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export function buildVocabulary(stopWords: Iterable<string>, synonyms: Iterable<readonly [string, string]>): Vocabulary {
  const stop = new Set<string>(BUILTIN_STOP_WORDS);
  for (const word of stopWords) {
    const normal = normalizeWord(word);
    if (normal) stop.add(normal);
  }
  const map = new Map<string, string>();
  const phrases = new Set<string>();
  const jb = segmenter();
  for (const [term, canonical] of synonyms) {
    const from = normalizeWord(term);
    const to = normalizeWord(canonical);
    if (!from || !to || from === to) continue;
    map.set(from, to);
    if (jb.cut(to, true).length > 1) phrases.add(to);
  }
  return { stopWords: stop, synonyms: map, phrases };
}

interface CachedVocabulary {
  value?: Vocabulary;
  loadedAt: number;
  generation: number;
  /** a refill under way (on the client's own connections) */
  loading?: Promise<Vocabulary>;
}

const vocabularies = new WeakMap<Db, CachedVocabulary>();
let generation = 0;

function readVocabulary(reader: Db | Prisma.TransactionClient): Promise<Vocabulary> {
  return Promise.all([reader.kbStopWord.findMany({ select: { word: true } }), reader.kbSynonym.findMany({ select: { term: true, canonical: true } })]).then(
    ([stopWords, synonyms]) =>
      buildVocabulary(
        stopWords.map((s) => s.word),
        synonyms.map((s) => [s.term, s.canonical] as const),
      ),
  );
}

/** One refill at a time per client; the cache keeps the old value until the new one has arrived. */
function refillVocabulary(db: Db): Promise<Vocabulary> {
  const cached = vocabularies.get(db);
  if (cached?.loading) return cached.loading;
  const loadingGeneration = generation;
  const loading = readVocabulary(db).then((value) => {
    vocabularies.set(db, { value, loadedAt: Date.now(), generation: loadingGeneration });
    return value;
  });
  vocabularies.set(db, { ...(cached ?? { loadedAt: 0, generation: loadingGeneration }), loading });
  // a failed load is not kept: the next call tries again
  loading.catch(() => {
    const entry = vocabularies.get(db);
    if (entry?.loading === loading) vocabularies.set(db, { ...entry, loading: undefined });
  });
  return loading;
}

/**
 * The database's stop words and synonyms, cached per client for a minute. Inside a transaction (`reader` is it), a
 * call never waits on another connection: it gets the previous value while a refill runs, or reads through the
 * transaction when nothing is cached yet (transactions waiting on a pool they exhaust themselves would deadlock).
 */
export function loadVocabulary(db: Db, reader: Db | Prisma.TransactionClient = db): Promise<Vocabulary> {
  const cached = vocabularies.get(db);
  if (cached?.value && cached.generation === generation && Date.now() - cached.loadedAt < VOCABULARY_TTL_MS) return Promise.resolve(cached.value);
  if (reader === db) return refillVocabulary(db);
  if (cached?.value) {
    refillVocabulary(db).catch(() => undefined);
    return Promise.resolve(cached.value);
  }
  return readVocabulary(reader);
}

/** Forgets the cached vocabulary (of one client, or of every client), e.g. after editing synonyms. */
export function invalidateVocabulary(db?: Db): void {
  if (db) vocabularies.delete(db);
  else generation++;
}
