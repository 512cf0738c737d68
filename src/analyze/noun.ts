import { extractSummary } from "../spec/purpose.js";
import type { ModuleSpec, SpecTree } from "../spec/types.js";
import { isKeyword } from "./keywords.js";
import type { NameHit } from "./names.js";
import type { ScopeResult } from "./scope.js";
import { indexWords, isStopWord, term } from "./stem.js";
import { compoundParts, glosses } from "./glossary.js";
import { mask, type Span } from "./text.js";
import type { Evidence, TaskType } from "./types.js";

type Field = "id" | "provides" | "title" | "files" | "purpose";
const STRONG: ReadonlySet<Field> = new Set(["id", "provides", "title", "files"]);

/**
 * A module's name written as an ordinary noun while the rest of the request is another
 * module's: "give customers 10% off with a coupon code" is pricing's (its Provides `Coupon`),
 * "keep 7 daily and 4 weekly snapshots" the retention policy's. The other module counts when
 * the request's only name is unqualified, that module's spec uses none of the other words, and
 * exactly one other spec does: in its name, Provides, title or paths, or two of them in its
 * purpose. A name the request begins with ("the cart ignores coupons", "fix customers") is what
 * it is about, and the other module joins it; a name after other words ("give customers ...")
 * gives way to it. The words right before the name describe it, not another module: "an import
 * report" is a report, though the importer imports.
 *
 * The specs are scanned, not searched through the index: a request that names its module never
 * builds the index (a tree of 1,000 modules takes longer to index than to plan).
 */
export function nounOrOther(result: ScopeResult | undefined, names: readonly NameHit[], prose: string, rest: string, spec: SpecTree, type: TaskType): ScopeResult | undefined {
  const [hit, ...others] = names;
  // An initialism ("the RSI values") stands for a thing the module's spec spells out: no ordinary noun.
  if (!result || !hit || others.length > 0 || hit.qualified || hit.initialism || hit.kind !== "module") return result;
  if (result.scope.kind !== "modules" || result.scope.ids.length !== 1 || result.evidence.some((e) => e.source !== "name")) return result;
  const words = requestWords(mask(rest, [modifiers(prose, hit)]));
  const own = spec.modules.find((m) => m.id === hit.id);
  if (words.size === 0 || !own) return result;
  const meant = onlyOther(own, words, spec.modules) ?? (saysWhere(prose, hit, type) ? undefined : outweighing(own, words, spec.modules));
  if (!meant) return result;
  const { other, found } = meant;
  const strong = found.some((e) => STRONG.has(e.source as Field));

  // A list's number ("1. sitemap misses the translated pages") is no word before the name.
  const before = (prose.slice(0, hit.start).toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !/^\d+$/.test(w));
  // "add a discount endpoint to the server": the place the work goes stays, beside what it uses.
  const subject = before.every((w) => isStopWord(w) || isKeyword(w)) || placed(prose, hit);
  const ids = spec.modules.filter((m) => m === other || (subject && m === own)).map((m) => m.id);
  const because = found.map((e) => `${e.words.join(", ")} -> ${e.target} (${e.source})`);
  return {
    scope: { kind: "modules", ids },
    because: [...(subject ? result.because : []), ...because],
    evidence: [...(subject ? result.evidence : []), ...found],
    confidence: Math.min(result.confidence, strong ? 0.9 : 0.7),
  };
}

type Meant = { other: ModuleSpec; found: Evidence[] };

/** A place word right before a name and its modifiers: "in balances", "from the touch panel", "to the server". */
const PLACED = /\b(?:in|into|inside|within|from|to|onto)\s+(?:(?:the|a|an|our|its|their|my|your)\s+)?$/i;

/**
 * Whether the request gives the named module as where the work is: a request to build puts the
 * new thing in what it names ("create a CSV export for the trial balance report"), and any request
 * may say so ("TypeError ... in balances", "replace float with Decimal in the importer"). Its other
 * words then describe the work, whichever module's purpose they meet.
 */
function saysWhere(prose: string, hit: NameHit, type: TaskType): boolean {
  return type === "implement" || placed(prose, hit);
}

/** Whether a place word stands right before the name and its modifiers ("in the importer", "to the server"). */
function placed(prose: string, hit: NameHit): boolean {
  // The place word stands right before: only the last few words are read, from a word's start.
  const end = modifiers(prose, hit).start;
  const from = Math.max(0, end - PLACE_REACH);
  const tail = prose.slice(from, end);
  const words = from > 0 ? tail.replace(/^\S*/, "") : tail;
  // "SMS to referees", "emails to landlords": whom a message goes to, not where the work is.
  if (MESSAGE_TO.test(prose.slice(Math.max(0, end - PLACE_REACH - 16), end))) return false;
  return PLACED.test(words);
}

/** A message and the "to" of its addressee right before a name. */
const MESSAGE_TO = /\b(?:sms|texts?|e-?mails?|mails?|messages?|notifications?|push(?:es)?|letters?|reminders?|alerts?|invites?|invitations?)\s+to\s+(?:(?:the|a|an|our|its|their|my|your)\s+)?$/i;

/** Characters before a name (and its modifiers) its place word is looked for in: "within our ". */
const PLACE_REACH = 24;

/** The one other module whose spec uses the request's other words, when the named one's uses none: by a strong field or two words. */
function onlyOther(own: ModuleSpec, words: ReadonlyMap<string, string>, modules: readonly ModuleSpec[]): Meant | undefined {
  if ([...words.keys()].some((t) => termsOf(own).has(t))) return undefined;
  const users = usersOf([...words.keys()], modules, 2);
  const other = users[0];
  if (users.length !== 1 || other === undefined || other === own) return undefined;
  const found = fieldsMeeting(other, words);
  const strong = found.some((e) => STRONG.has(e.source as Field));
  return strong || met(found) >= 2 ? { other, found } : undefined;
}

/**
 * The module whose name, Provides, title, paths or purpose meet clearly more of the request's
 * other words than the named module's do, and more than any other's: "jobs needing a gpu sit in
 * the queue though a gpu runner is idle" is the scheduler's (its purpose: job queue, gpu), not
 * the runner's, though the runner's spec speaks of jobs too. A name is a strong word (boost 6 in
 * the index), so the other module needs two words more than the named one.
 */
function outweighing(own: ModuleSpec, words: ReadonlyMap<string, string>, modules: readonly ModuleSpec[]): Meant | undefined {
  const mine = met(fieldsMeeting(own, words));
  let best: (Meant & { count: number }) | undefined;
  let tied = false;
  for (const other of usersOf([...words.keys()], modules, Infinity)) {
    if (other === own) continue;
    const found = fieldsMeeting(other, words);
    const count = met(found);
    if (best && count === best.count) tied = true;
    else if (!best || count > best.count) [best, tied] = [{ other, found, count }, false];
  }
  return best && !tied && best.count >= 2 && best.count >= mine + OUTWEIGH ? best : undefined;
}

/** How many more of the request's words another module's naming fields and purpose must meet than the named module's. */
const OUTWEIGH = 2;

/** The distinct request words some evidence met. */
function met(found: readonly Evidence[]): number {
  return new Set(found.flatMap((e) => e.words)).size;
}

/** The words right before a name, up to a stop word, task word, number or punctuation: "an [import] report". */
function modifiers(prose: string, hit: NameHit): Span {
  const letter = (at: number) => /[A-Za-z]/.test(prose[at] ?? "");
  let start = hit.start;
  for (;;) {
    let end = start;
    while (end > 0 && /[\s-]/.test(prose[end - 1] ?? "")) end--;
    let begin = end;
    while (begin > 0 && letter(begin - 1)) begin--;
    if (begin === end || end === start || (begin > 0 && !/\s/.test(prose[begin - 1] ?? ""))) break;
    const word = prose.slice(begin, end).toLowerCase();
    if (isStopWord(word) || isKeyword(word)) break;
    start = begin;
  }
  return { start, end: hit.start };
}

/**
 * Verbs that say little of themselves and the particles of their phrases: "SMS to referees go out twice"
 * says nothing of the referees' "appointments go out on Tuesday" (as the index reads no particle, rank.ts).
 */
const LIGHT: ReadonlySet<string> = new Set(["go", "goes", "going", "went", "gone", "get", "gets", "got", "come", "comes", "came",
  "up", "down", "out", "off", "back", "away"]);

/** The request's words the index would look up, by their index term: term -> the word as written. */
function requestWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of indexWords(text)) {
    const t = word.length > 1 && !isKeyword(word) && !LIGHT.has(word) ? term(word) : null;
    if (t === null) continue;
    if (!out.has(t)) out.set(t, word);
    // The same thing in the spec's language, as the index looks it up too: "Zuschläge" for "allowance".
    for (const other of glosses(word)) for (const o of toTerms(other)) if (!out.has(o)) out.set(o, word);
  }
  return out;
}

/**
 * Up to `limit` modules whose spec, paths or Provides use one of the terms: a scan for words that
 * begin like one, then each such module's own terms to be sure ("office" begins like "off").
 */
function usersOf(terms: readonly string[], modules: readonly ModuleSpec[], limit: number): ModuleSpec[] {
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const begins = new RegExp(`(?<![A-Za-z0-9])(?:${escaped.join("|")})`, "i");
  const users: ModuleSpec[] = [];
  for (const m of modules) {
    const maybe = begins.test(m.body) || begins.test(m.id) || m.files.some((f) => begins.test(f)) || m.provides.some((p) => begins.test(p));
    if (maybe && terms.some((t) => termsOf(m).has(t)) && users.push(m) >= limit) break;
  }
  return users;
}

const seen = new WeakMap<ModuleSpec, Set<string>>();

/** Every term of a module's spec, id, paths and Provides. */
function termsOf(m: ModuleSpec): Set<string> {
  let terms = seen.get(m);
  if (!terms) {
    terms = new Set(toTerms([m.id, ...m.files, ...m.provides, m.body].join(" ")));
    seen.set(m, terms);
  }
  return terms;
}

function toTerms(text: string): string[] {
  // A German compound's words too ("Urlaubsanträge": urlaub), as the index reads them.
  return indexWords(text).flatMap((w) => [w, ...compoundParts(w)]).map(term).filter((t): t is string => t !== null);
}

/** Per field of the module that names what it is, the request's words it meets: `coupon -> pricing (provides)`. */
function fieldsMeeting(m: ModuleSpec, words: ReadonlyMap<string, string>): Evidence[] {
  const { title, purpose } = extractSummary(m.body);
  const fields: Array<[Field, Set<string>]> = [
    ["id", new Set(toTerms(m.id))],
    ["provides", new Set(toTerms(m.provides.join(" ")))],
    ["title", new Set(toTerms(title))],
    ["files", new Set(toTerms(m.files.join(" ")))],
    ["purpose", new Set(toTerms(purpose))],
  ];
  const byField = new Map<Field, string[]>();
  for (const [t, word] of words) {
    const field = fields.find(([, terms]) => terms.has(t))?.[0];
    if (field) byField.set(field, [...(byField.get(field) ?? []), word]);
  }
  return [...byField].map(([source, found]) => ({ kind: "module", target: m.id, source, words: found }));
}
