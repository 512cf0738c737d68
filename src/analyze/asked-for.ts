import type { TypeWord } from "./asking.js";
import { isKeyword } from "./keywords.js";

/** "needs a", "need an": what a thing lacks. */
const NEEDS = new Set(["need", "needs"]);
const ARTICLE = new Set(["a", "an"]);

/**
 * "the render latency histogram needs a zoom label": a thing it lacks, asked for (implement), as the
 * words that say so; not "needs a fix" (a task word says the type) nor "needs a restart" (a fault's cure).
 */
export function lacking(words: readonly string[], at: number): string | undefined {
  const word = words[at] ?? "";
  const lacked = words[at + 2] ?? "";
  if (!NEEDS.has(word) || !ARTICLE.has(words[at + 1] ?? "") || at === 0 || lacked === "" || isKeyword(lacked) || lacked.startsWith("re")) return undefined;
  return `${word} ${words[at + 1]}`;
}

/** What a setting becomes when it is to be chosen: "make the TTL configurable". */
const SETTABLE = new Set(["configurable", "optional", "customizable", "customisable", "pluggable", "overridable", "adjustable", "toggleable"]);

/** Where a "make" command's clause says its object is to be chosen ("make the Redis TTL configurable per layer"): a setting that was fixed. */
export function madeSettable(tokens: readonly TypeWord[], at: number): number | undefined {
  for (let k = at + 1; k < tokens.length && !tokens[k]?.start; k++) if (SETTABLE.has(tokens[k]?.word ?? "")) return k;
  return undefined;
}
