import { extractSummary } from "../spec/purpose.js";
import type { ModuleSpec, SpecTree } from "../spec/types.js";
import type { NameHit } from "./names.js";
import { indexWords, isStopWord, term } from "./stem.js";
import { contextOf } from "./context.js";
import { nameTokens, singular } from "./text.js";

const cache = new WeakMap<SpecTree, Map<string, string[][]>>();

/**
 * "Theatre utilisation counts the turnaround as touch time", "add a 'hybrid theatre' capability",
 * "e-RS rejects our FHIR Slot resources": a module's one-word name that, with the word right beside it,
 * makes a phrase exactly one other module's title or purpose uses ("theatre utilisation" of the activity
 * reports, "a hybrid theatre" of rooms and equipment, "Slot resources" of the HL7 / FHIR interface), and
 * the named module's own spec does not, is that other module's thing: the name stands for that module,
 * wherever the request writes the same word again ("... only go to theatre 4").
 */
export function phraseOwners<T extends { names: NameHit[] }>(found: T, prose: string, spec: SpecTree): T {
  const moved = new Map<string, string>();
  // A word written again beside the same words has the same owner: a request naming a module 20,000 times asks once.
  const owners = new Map<string, string | undefined>();
  const ownerOnce = (pair: [string, string], beside: string, named: string) => {
    const k = `${pair.join(" ")}\u0000${beside}\u0000${named}`;
    if (!owners.has(k)) owners.set(k, ownerOf(pair, beside, named, spec));
    return owners.get(k);
  };
  for (const hit of found.names) {
    // Written in capitals ("the IMU yaw rate"), a name is a proper name, not a noun another spec's phrase may hold.
    if (hit.kind !== "module" || hit.qualified || hit.initialism || /^[A-Z0-9]+$/.test(hit.text)) continue;
    const words = nameTokens(hit.text);
    if (words.length !== 1) continue;
    const name = term(words[0]!.word);
    if (name === null) continue;
    const owner = [wordBefore(prose, hit.start), wordAfter(prose, hit.end)]
      .flatMap((w) => (w === undefined ? [] : [w]))
      .map((w) => ownerOnce(w.at === "before" ? [w.term, name] : [name, w.term], w.term, hit.id))
      .find((id) => id !== undefined) ?? providerSpelled(prose, hit, spec);
    if (owner !== undefined) moved.set(key(hit), owner);
  }
  if (moved.size === 0) return found;
  return { ...found, names: found.names.map((hit) => (moved.has(key(hit)) && hit.kind === "module" && !hit.qualified ? { ...hit, id: moved.get(key(hit))! } : hit)) };
}

/**
 * The one other module whose Provides lists a code name the name and the words right before it spell
 * out: "short dated report lists items that expired last year" is about `ShortDatedReport` of the expiry
 * module, not the `reports` module its last word names.
 */
function providerSpelled(prose: string, hit: NameHit, spec: SpecTree): string | undefined {
  const before = (prose.slice(Math.max(0, hit.start - 40), hit.start).match(/[A-Za-z]+/g) ?? []).slice(-2).map((w) => w.toLowerCase());
  const name = singular(hit.text.toLowerCase());
  for (const n of [2, 1]) {
    if (before.length < n) continue;
    const ids = spelledProviders(spec).get([...before.slice(-n), name].join(" "));
    if (ids?.size === 1 && !ids.has(hit.id)) return [...ids][0];
  }
  return undefined;
}

const spelledCache = new WeakMap<SpecTree, Map<string, Set<string>>>();

/** Each Provides name spelled out in words ("short dated report") -> the modules listing it; made once per tree. */
function spelledProviders(spec: SpecTree): Map<string, Set<string>> {
  let spelled = spelledCache.get(spec);
  if (spelled) return spelled;
  spelled = new Map();
  for (const [provided, owners] of contextOf(spec).provided()) {
    const words = camelWords(provided);
    if (words === undefined) continue;
    const ids = spelled.get(words) ?? new Set<string>();
    for (const id of owners) ids.add(id);
    spelled.set(words, ids);
  }
  spelledCache.set(spec, spelled);
  return spelled;
}

/** `ShortDatedReport` -> "short dated report"; not a name of one word or in another shape. */
function camelWords(name: string): string | undefined {
  const parts = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+$/.test(name) ? name.match(/[A-Z][a-z0-9]+/g) ?? [] : [];
  return parts.length > 1 ? parts.map((p, i) => (i === parts.length - 1 ? singular(p.toLowerCase()) : p.toLowerCase())).join(" ") : undefined;
}

/** A hit's module and word: the same word written again stands for the same thing. */
const key = (hit: NameHit) => `${hit.id}\u0000${singular(hit.text.toLowerCase())}`;

type Beside = { term: string; at: "before" | "after" };

/** The word right before `at`, as an index term, unless a stop word or across punctuation. */
function wordBefore(prose: string, at: number): Beside | undefined {
  const m = /([A-Za-z][A-Za-z0-9]*)['’]?[ \t]+$/.exec(prose.slice(Math.max(0, at - 40), at));
  return beside(m?.[1], "before");
}

/** The word right after `at`, as an index term, unless a stop word or across punctuation. */
function wordAfter(prose: string, at: number): Beside | undefined {
  const m = /^[ \t]+([A-Za-z][A-Za-z0-9]*)/.exec(prose.slice(at, at + 40));
  return beside(m?.[1], "after");
}

function beside(word: string | undefined, at: Beside["at"]): Beside | undefined {
  if (word === undefined || isStopWord(word.toLowerCase())) return undefined;
  const t = term(word);
  return t === null ? undefined : { term: t, at };
}

/**
 * The one module other than `named` whose title or purpose has the two terms side by side, when
 * `named`'s spec does not use the word beside the name at all: "freeze and unfreeze" of the card
 * controls keeps "freeze card" theirs, though the home screen's quick actions list "freeze card".
 */
function ownerOf(pair: [string, string], beside: string, named: string, spec: SpecTree): string | undefined {
  const users = spec.modules.filter((m) => adjacent(summaryTerms(m, spec), pair));
  if (users.length !== 1 || users[0]!.id === named) return undefined;
  const own = spec.modules.find((m) => m.id === named);
  if (own && terms(own.body).includes(beside)) return undefined;
  return users[0]!.id;
}

/** A module's title and purpose as runs of terms, one run per sentence part. */
function summaryTerms(m: ModuleSpec, spec: SpecTree): string[][] {
  let known = cache.get(spec);
  if (!known) cache.set(spec, (known = new Map()));
  let runs = known.get(m.id);
  if (runs === undefined) {
    const { title, purpose } = extractSummary(m.body);
    const description = typeof m.frontMatter.description === "string" ? m.frontMatter.description : "";
    runs = [title, description, ...purpose.split(/[.;:,()\n]/)].map(terms);
    known.set(m.id, runs);
  }
  return runs;
}

function terms(text: string): string[] {
  return indexWords(text).map(term).filter((t): t is string => t !== null);
}

function adjacent(runs: readonly string[][], [a, b]: [string, string]): boolean {
  return runs.some((run) => run.some((t, i) => t === a && run[i + 1] === b));
}

/**
 * Of the modules the index met alike, the one whose title or purpose holds two of the request's words
 * side by side, as the request writes them, when no other of them does, or the one of those meeting the
 * most of the request's words: "personal allowance isn't tapered" is income tax's ("the personal allowance
 * and its taper"), though the pension relief's purpose speaks of personal pensions, an allowance and a taper
 * too, and the savings' of income "over the personal allowance" (no taper). Words several modules share say
 * what the request is about; the phrase says which.
 */
export function pairOwner(text: string, met: ReadonlyMap<string, number>, spec: SpecTree): string | undefined {
  const pairs = text.split(/[.;:,()!?\n]/).flatMap((part) => {
    const run = indexWords(part).map(term);
    return run.flatMap((t, i) => (t !== null && run[i + 1] != null && t !== run[i + 1] ? [[t, run[i + 1]!] as [string, string]] : []));
  });
  if (pairs.length === 0) return undefined;
  const holders = spec.modules.filter((m) => met.has(m.id) && pairs.some((p) => adjacent(summaryTerms(m, spec), p))).map((m) => m.id);
  const most = Math.max(0, ...holders.map((id) => met.get(id)!));
  const best = holders.filter((id) => met.get(id) === most);
  return best.length === 1 ? best[0] : undefined;
}
