import type { TypeWord } from "./asking.js";
import { madeSettable } from "./asked-for.js";
import { PORTS, splitsUp, toNewerIdiom } from "./idiom.js";
import type { TypeHit } from "./type-patterns.js";

/**
 * What a command's verb asks for, beyond the task keywords: a capability ("let people mention a team"),
 * a check over all ("check all modules use pence"), a setting ("make the TTL configurable"), a cache, a
 * move, split, port or swap of code (refactor), work done at once (optimize), one thing more ("... too").
 */
export function commandHits(text: string, tokens: readonly TypeWord[], heads: readonly number[], used: readonly boolean[], asked: readonly boolean[]): TypeHit[] {
  const words = tokens.map((t) => t.word);
  const hits: TypeHit[] = [];
  // "replace `float(x)` with `Decimal`" edits an expression where it stands: no component changes.
  const literal = REPLACES_CODE.test(text);
  // A command's verb: "let people mention a team", "support RoPE scaling" ask for a capability;
  // "move the parsing out of the API into the worker" moves code between places, a refactor.
  for (const at of heads) {
    const word = words[at] ?? "";
    // "write the files in parallel": the same work, done at once, whatever the verb.
    const parallel = inParallel(tokens, at);
    if (parallel !== undefined && !used[parallel] && !asked[parallel]) hits.push({ intent: "optimize", at: parallel, text: words[parallel] === "in" ? "in parallel" : words[parallel] ?? "", noun: false });
    if (used[at]) continue;
    if (CAPABILITY.has(word) && !SELF.has(words[at + 1] ?? "")) hits.push({ intent: "implement", at, text: word, noun: false });
    if (PRESENT.has(word)) hits.push({ intent: "implement", at, text: word, noun: false });
    // "check all modules use pence", "verify whether every export is signed": a look over what is there.
    if (VERIFIES.has(word) && OVER_ALL.has(words[at + 1] ?? "")) hits.push({ intent: "analyze", at, text: `${word} ${words[at + 1]}`, noun: false });
    // "make the Redis TTL configurable per layer": a setting that was fixed, to be chosen.
    const made = word === "make" ? madeSettable(tokens, at) : undefined;
    if (made !== undefined) hits.push({ intent: "implement", at: made, text: `make ${words[made]}`, noun: false });
    // "flags are fetched on every foreground, cache them": keeping a result to spare the work again.
    if (word === "cache") hits.push({ intent: "optimize", at, text: word, noun: false });
    if (word === "move" && movesBetween(tokens, at)) hits.push({ intent: "refactor", at, text: word, noun: false });
    if (word === "split" && (splitsCode(tokens, at) || splitsUp(tokens, at))) hits.push({ intent: "refactor", at, text: word, noun: false });
    // "move the Helm releases to the provider's 2.x syntax", "convert the packages to Svelte 5 runes": the same code in a newer idiom.
    if (PORTS.has(word) && toNewerIdiom(tokens, at)) hits.push({ intent: "refactor", at, text: word, noun: false });
    // "replace fsnotify with polling", "swap chroma for tree-sitter": one implementation for another.
    if (SWAPS.has(word) && !literal && substitutes(tokens, at)) hits.push({ intent: "refactor", at, text: word, noun: false });
    const more = asksForMore(tokens, at);
    if (more) hits.push({ intent: "implement", at: more.at, text: more.text, noun: false });
  }

  return hits;
}

/**
 * Command verbs that ask for output in a new shape: "format negative amounts with parentheses".
 * Not "show": "show both types with carets" may be how a request to improve says what it wants.
 */
const PRESENT = new Set(["format"]);

/** Units of code something is split into: "split the parser's expression code into its own file". */
const CODE_UNITS = new Set(["file", "files", "module", "modules", "function", "functions", "class", "classes", "crate", "crates",
  "package", "packages", "component", "components", "method", "methods", "helper", "helpers", "service", "services"]);

/** "split X into its own file", "split X into two modules": code cut into units, a refactor; "split the bill into two payments" is not. */
export function splitsCode(tokens: readonly TypeWord[], at: number): boolean {
  let into = false;
  for (let k = at + 1; k < tokens.length && !tokens[k]?.start; k++) {
    const word = tokens[k]?.word ?? "";
    if (word === "into") into = true;
    else if (into && CODE_UNITS.has(word)) return true;
  }
  return false;
}

/**
 * A command that ends "too" or "as well" asks for one more thing beside what is there: "publish
 * alarms over MQTT too", "file the German return as well". (A statement ending so reports a
 * fault: "the cancelled visit is billed too", see symptom.ts.)
 */
function asksForMore(tokens: readonly TypeWord[], head: number): { at: number; text: string } | undefined {
  let end = head + 1;
  while (end < tokens.length && !tokens[end]?.start) end++;
  const last = tokens[end - 1]?.word;
  if (last === "too" && end - 1 > head) return { at: end - 1, text: "too" };
  if (last === "well" && tokens[end - 2]?.word === "as" && end - 2 > head) return { at: end - 2, text: "as well" };
  return undefined;
}

/** Command verbs that ask to confirm something holds, before words that range over what is there. */
const VERIFIES = new Set(["check", "verify", "confirm"]);
const OVER_ALL = new Set(["all", "every", "each", "whether", "which"]);

/** Command verbs that ask for something to become possible. */
// "handle 'prn' and 'mane'": cope with input it does not take yet.
const CAPABILITY = new Set(["let", "allow", "support", "enable", "handle"]);
/** "let me know", "let us see", "let's": the speaker, not the users, is let. */
const SELF = new Set(["me", "us", "s"]);

/** "replace `expr` with ...": an expression in code replaced. */
const REPLACES_CODE = /\b(?:replace|swap)\s+`/i;

/** Verbs that put one thing in another's place. */
const SWAPS = new Set(["replace", "swap", "switch"]);

/**
 * "replace X with Y", "swap X for Y", "switch X from A to B": what is there and what takes its
 * place in the verb's clause. "switch the default caller to DeepVariant" names no old one: it may
 * as well ask for a new capability, and is left to the other words.
 */
function substitutes(tokens: readonly TypeWord[], at: number): boolean {
  const verb = tokens[at]?.word;
  let from = false;
  for (let k = at + 1; k < tokens.length && !tokens[k]?.start; k++) {
    const word = tokens[k]?.word;
    if (word === "with" && verb !== "switch") return true;
    if (word === "by" && verb === "replace") return true;
    if (word === "for" && verb === "swap") return true;
    if (word === "from") from = true;
    else if (from && word === "to") return true;
  }
  return false;
}

/** Where a command's clause asks for its work done at once: "in parallel", "concurrently". */
function inParallel(tokens: readonly TypeWord[], at: number): number | undefined {
  for (let k = at + 1; k < tokens.length && !tokens[k]?.start; k++) {
    const word = tokens[k]?.word;
    if (word === "concurrently" || (word === "in" && tokens[k + 1]?.word === "parallel")) return k;
  }
  return undefined;
}

/** "move X out of A into B", "move X from A to B": a source and a destination in the verb's clause. */
function movesBetween(tokens: readonly TypeWord[], at: number): boolean {
  let source = false;
  for (let k = at + 1; k < tokens.length && !tokens[k]?.start; k++) {
    const word = tokens[k]?.word;
    if (word === "from" || (word === "out" && tokens[k + 1]?.word === "of")) source = true;
    else if (source && (word === "into" || word === "to")) return true;
  }
  return false;
}
