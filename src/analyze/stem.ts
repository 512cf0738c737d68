import { singular } from "./text.js";

/** Words that carry no routing information, in requests or in specs. */
const STOP = new Set(
  ("a an the and or but if then else of to in on at by for from with without into onto over under about " +
    "as is are was were be been being am it its this that these those there here which who whom whose what " +
    "when where why how all any some no not only so than too very can could should would will shall may might " +
    "must do does did done doing have has had having i we you he she they me us our your their my them " +
    "please pls just also still again now after before while once each every other another same such more " +
    "most less least much many few one two three new make makes made use uses used using need needs get gets " +
    "got let lets thing things way via etc e g ie eg module modules agent agents layer layers file files code " +
    "update updates change changes improve support handle allow ensure want try see look check properly " +
    "correctly instead currently right sure good better nice nicer able something anything run runs " +
    "happen happens still always never").split(" "),
);

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * A light suffix stemmer, the same for specs and requests so that "limiting" meets
 * "limit", "calculation" meets "calculate" and "fetcher" meets "fetch". It only has
 * to be consistent, not linguistically right: two words that stem alike match.
 */
export function stem(word: string): string {
  let w = singular(word.toLowerCase().replace(/['\u2019]s$/, ""));
  const strip = (suffix: string, min: number): boolean => {
    if (!w.endsWith(suffix) || w.length - suffix.length < min) return false;
    w = w.slice(0, -suffix.length);
    return true;
  };
  if (strip("ations", 3) || strip("ation", 3) || strip("ing", 3) || strip("ed", 3)) {
    if (/([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1); // running -> run, stopped -> stop
  } else if (!strip("ly", 4)) {
    strip("er", 4);
  }
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

const CASE_PARTS = /[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+/g;

/**
 * Words of a text for the index: identifiers split by case and separators, lower-cased.
 * A split on separators first, and the case split only for words that need it: this
 * runs over every spec of the tree.
 */
export function indexWords(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/[^A-Za-z0-9]+/)) {
    if (!piece) continue;
    if (/^[a-z0-9]+$/.test(piece)) out.push(piece);
    else for (const part of piece.match(CASE_PARTS) ?? []) out.push(part.toLowerCase());
  }
  return out;
}

const memo = new Map<string, string | null>();

/** The index term of a lower-cased word: null for a stop word, else its stem. Memoised: a tree has a few thousand distinct words. */
export function term(word: string): string | null {
  let t = memo.get(word);
  if (t === undefined) {
    t = STOP.has(word) || word.length < 2 ? null : stem(word);
    if (memo.size < 100_000) memo.set(word, t);
  }
  return t;
}
