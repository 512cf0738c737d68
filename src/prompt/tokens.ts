import { createRequire } from "node:module";
import type { Tiktoken } from "js-tiktoken/lite";

/** The encoding tokens are counted in. Claude's own tokenizer is not published; cl100k_base is within a few per cent of it on English and code. */
export const ENCODING = "cl100k_base";

const require = createRequire(import.meta.url);
let encoder: Tiktoken | undefined;
const cache = new Map<string, number>();
const CACHE_MAX = 4_096;

/**
 * Tokens in `text`, counted by js-tiktoken. The encoder (about 1 MB of ranks) loads on
 * the first call; counts are cached by text, since a dependency's interface is counted
 * once for each of its dependents.
 */
export function countTokens(text: string): number {
  if (text === "") return 0;
  const known = cache.get(text);
  if (known !== undefined) return known;
  if (!encoder) {
    const { Tiktoken: Encoder } = require("js-tiktoken/lite") as typeof import("js-tiktoken/lite");
    encoder = new Encoder(require("js-tiktoken/ranks/cl100k_base") as ConstructorParameters<typeof Encoder>[0]);
  }
  const n = encoder.encode(text).length;
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(text, n);
  return n;
}

/**
 * A bound that needs no tokenizer: a cl100k token is at least one UTF-8 byte, so a
 * text of n bytes has at most n tokens. Prompts under the budget in bytes skip counting.
 */
export function maxTokensOf(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
