import type { MemoryRecord } from "./types.js";

/** More words than this in one query are dropped: a request pasted whole should not fan out without end. */
const MAX_TERMS = 32;

/**
 * The words of a search, as both stores match them: lower-case runs of letters and
 * digits, accents dropped, each once. SQLite's unicode61 tokenizer (remove_diacritics 2)
 * splits indexed text the same way, so a word found here is a token there.
 */
export function searchTerms(text: string): string[] {
  return [...new Set(tokens(text))].slice(0, MAX_TERMS);
}

function tokens(text: string): string[] {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** The number of rows a search may return: its limit when a positive integer, else none. */
export function searchLimit(limit: number): number {
  return Number.isInteger(limit) && limit > 0 ? limit : 0;
}

/** An FTS5 query matching any of `terms`; each quoted, so no word is read as an operator. */
export function ftsQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(" OR ");
}

/** Weights of key and content in the ranking: a word in the key says more about the memory. */
export const KEY_WEIGHT = 2;
export const CONTENT_WEIGHT = 1;

/**
 * The in-memory store's ranking: occurrences of the terms in key and content, weighted as
 * bm25 weighs the columns, each term scaled by how rare it is among `all`. Zero: no match.
 * Simpler than bm25 (no length normalisation), enough for a reference implementation.
 */
export function termScorer(terms: string[], all: MemoryRecord[]): (memory: MemoryRecord) => number {
  const tokenized = new Map(all.map((m) => [m, { key: tokens(m.key), content: tokens(m.content) }]));
  const rarity = new Map(terms.map((t) => {
    const having = [...tokenized.values()].filter((d) => d.key.includes(t) || d.content.includes(t)).length;
    return [t, Math.log(1 + all.length / Math.max(having, 1))];
  }));
  return (memory) => {
    const doc = tokenized.get(memory) ?? { key: tokens(memory.key), content: tokens(memory.content) };
    let score = 0;
    for (const t of terms) {
      const hits = KEY_WEIGHT * doc.key.filter((k) => k === t).length + CONTENT_WEIGHT * doc.content.filter((c) => c === t).length;
      score += hits * (rarity.get(t) ?? 0);
    }
    return score;
  };
}
