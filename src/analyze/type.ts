import { KEYWORDS, NEUTRAL, NOUNS, PRECEDENCE, inflects, type Intent } from "./keywords.js";
import { typeWords } from "./text.js";
import type { TaskType } from "./types.js";

export interface TypeResult {
  type: TaskType;
  /** The words that decided, lower-cased as written, unique, in request order. */
  words: string[];
}

interface Entry {
  intent: Intent | "neutral";
  words: string[];
  noun: boolean;
}

const EXCEPTION_NAME = /\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b/g;
/** An HTTP error status something answered ("returns 500", "gives a 401"); "return 404 for ..." asks for one. */
const ERROR_STATUS = /\b(?:returns|returned|returning|gives|gave|giving|throws|threw|responds with|answers with|fails with)\s+(?:an?\s+)?(?:http\s+)?[45]\d\d\b/gi;

// Longest first, neutral phrases before keywords of the same length, so a phrase
// uses up its words before any of them can count alone.
const ENTRIES: readonly Entry[] = [
  ...NEUTRAL.map((phrase): Entry => ({ intent: "neutral", words: phrase.split(" "), noun: true })),
  ...PRECEDENCE.flatMap((intent) =>
    KEYWORDS[intent].map((phrase): Entry => ({ intent, words: phrase.split(" "), noun: NOUNS.has(phrase) })),
  ),
].sort((a, b) => b.words.length - a.words.length);

/**
 * Task type by whole-word keyword scoring: one point per keyword occurrence (a phrase
 * is one occurrence); the highest score wins, ties go by PRECEDENCE; no hit is `general`.
 * Verbs and symptoms ("add", "crashes", "returns NaN") are scored first; nouns
 * ("performance", "error") only when there is neither (an explicit verb wins over a noun).
 * `text` should already have paths and names masked (a file called `error.log` or a
 * module called `errors` states no intent).
 */
export function detectType(text: string): TypeResult {
  const words = typeWords(text);
  const used = new Array<boolean>(words.length).fill(false);
  const hits: Array<{ intent: Intent; at: number; text: string; noun: boolean }> = [];
  // An exception's class name (`TypeError`, `IllegalStateException`) is a bug report.
  for (const m of text.matchAll(EXCEPTION_NAME)) hits.push({ intent: "debug", at: -1, text: m[0], noun: false });
  for (const m of text.matchAll(ERROR_STATUS)) hits.push({ intent: "debug", at: -1, text: m[0].toLowerCase(), noun: false });

  for (const entry of ENTRIES) {
    for (let at = 0; at + entry.words.length <= words.length; at++) {
      const matches = entry.words.every((stem, k) => !used[at + k] && inflects(words[at + k] ?? "", stem));
      if (!matches) continue;
      for (let k = 0; k < entry.words.length; k++) used[at + k] = true;
      if (entry.intent !== "neutral") {
        hits.push({ intent: entry.intent, at, text: words.slice(at, at + entry.words.length).join(" "), noun: entry.noun });
      }
    }
  }

  const strong = hits.some((hit) => !hit.noun);
  let best: Intent | undefined;
  let bestScore = 0;
  for (const intent of PRECEDENCE) {
    const score = hits.filter((hit) => hit.intent === intent && (!strong || !hit.noun)).length;
    if (score > bestScore) [best, bestScore] = [intent, score];
  }
  if (!best) return { type: "general", words: [] };
  const decisive = hits.filter((hit) => hit.intent === best).sort((a, b) => a.at - b.at);
  return { type: best, words: [...new Set(decisive.map((hit) => hit.text))] };
}
