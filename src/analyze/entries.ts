import { KEYWORDS, NEUTRAL, NOUNS, PRECEDENCE, inflects, stemsOf, type Intent } from "./keywords.js";

export interface Entry {
  intent: Intent | "neutral";
  words: string[];
  noun: boolean;
}

/** An object between a verb and its particle: "speed it up", "clean them up". */
const PRONOUN = new Set(["it", "them", "this", "that", "everything"]);

// Longest first, neutral phrases before keywords of the same length, so a phrase
// uses up its words before any of them can count alone.
export const ENTRIES: readonly Entry[] = [
  ...NEUTRAL.map((phrase): Entry => ({ intent: "neutral", words: phrase.split(" "), noun: true })),
  ...PRECEDENCE.flatMap((intent) =>
    KEYWORDS[intent].map((phrase): Entry => ({ intent, words: phrase.split(" "), noun: NOUNS.has(phrase) })),
  ),
].sort((a, b) => b.words.length - a.words.length);

/** The entries by their first word, to look a request's words up in. */
const BY_FIRST = new Map<string, Entry[]>();
for (const entry of ENTRIES) BY_FIRST.set(entry.words[0] ?? "", [...(BY_FIRST.get(entry.words[0] ?? "") ?? []), entry]);

/**
 * Where each entry's first word stands, in order: found from each word's stems, where trying every
 * entry at every word was 239 entries times the words (seconds for a 120 KB request).
 */
export function entryStarts(words: readonly string[]): Map<Entry, number[]> {
  const starts = new Map<Entry, number[]>();
  words.forEach((word, at) => {
    for (const stem of stemsOf(word)) {
      const entries = BY_FIRST.get(stem);
      if (!entries || !inflects(word, stem)) continue;
      for (const entry of entries) {
        const list = starts.get(entry);
        if (list) list.push(at);
        else starts.set(entry, [at]);
      }
    }
  });
  return starts;
}

/** Where the entry's words are at `at`: in a row, or a verb and its particle around a pronoun ("speed it up"). */
export function placeOf(entry: Entry, words: readonly string[], at: number): number[] | undefined {
  const [verb, particle] = entry.words;
  if (!inflects(words[at] ?? "", verb ?? "")) return undefined;
  if (entry.words.length === 2 && particle === "up" && PRONOUN.has(words[at + 1] ?? "") && words[at + 2] === "up") return [at, at + 2];
  return entry.words.every((stem, k) => inflects(words[at + k] ?? "", stem)) ? entry.words.map((_, k) => at + k) : undefined;
}
