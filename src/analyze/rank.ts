import { phraseGlosses } from "./glossary.js";
import { frontMatterName, squashName } from "../spec/names.js";
import type { SpecTree } from "../spec/types.js";
import { contextOf } from "./context.js";
import { isKeyword } from "./keywords.js";
import { productWords } from "./layer-domain-word.js";
import { withoutMeasures } from "./measures.js";
import { pairOwner } from "./phrase-owner.js";
import { domainPhraseNouns } from "./domain-phrase.js";
import type { Ranked } from "./spec-index.js";
import { isStopWord, joinedVerbs } from "./stem.js";
import { singular } from "./text.js";
import type { Evidence } from "./types.js";

export interface IndexChoice {
  /** Chosen modules, best first; empty when the index is not sure of any. */
  ids: string[];
  evidence: Evidence[];
  because: string[];
  confidence: number;
  /** The best three matches whether chosen or not: the "nearest modules" of a fallback. */
  nearest: string[];
  /** Chosen for one word of its purpose that no other spec uses: the weakest evidence, after a misspelled name. */
  weak?: boolean;
}

/** Particles of a request's phrasal verbs: "the badge count keeps going up" says nothing of a spec's "backing up". */
const PARTICLES: ReadonlySet<string> = new Set(["up", "down", "out", "off", "back", "away"]);

/** A tie: modules this close to the best share its evidence ("the fetchers" are both fetchers). */
const TIE = 0.85;
/** A second module joins when it explains words the first does not, with this share of its score. */
const COVER = 0.5;
/**
 * A module that explains a word no chosen module meets joins with this share of the best score:
 * a purpose word's boost over a name word's (1.5 / 6), so one word of purpose beside one of a name is enough.
 */
const EXPLAIN = 0.25;
const MAX_MODULES = 3;
const ORDER = ["id", "provides", "title", "purpose", "files", "spec"] as const;
/** Fields that name what a module is; purpose and spec text describe it in common words. */
const STRONG: ReadonlySet<string> = new Set(["id", "provides", "title", "files"]);
/** Fields that are names of the module or of what it provides. */
const NAMING: ReadonlySet<string> = new Set(["id", "provides", "title"]);

/**
 * Modules for the words of a request that named none, ranked by the spec index. A match
 * in a module's name parts, Provides, title or owned paths is strong; a match in its
 * purpose or spec text alone is chosen only when it is clearly ahead: half again the score
 * of the next, and two words or more or a word of its purpose no other spec uses. Task-type keywords and stop words are not looked up.
 * Other modules join the best for words it does not explain: by a strong field, or as the best
 * match of a word when the chosen modules explain at most half of the request's matched words.
 */
export function rankModules(text: string, spec: SpecTree): IndexChoice {
  // Words as the index reads them (`indexWords`): "häuser" whole, not its "user".
  const product = productWords(spec);
  const things = domainPhraseNouns(text, spec);
  const words = withoutMeasures(joinedVerbs(text).match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter((w) => {
    const lower = w.toLowerCase();
    return !isStopWord(lower) && !isKeyword(lower) && !PARTICLES.has(lower) && lower.length > 1 && !product.has(singular(lower)) && !things.has(singular(lower));
  });
  // "los tipos de cambio": the other languages' words for a phrase, which its words alone do not say.
  words.push(...phraseGlosses(text).flatMap((w) => w.split(/[\s-]+/)));
  const index = words.length ? contextOf(spec).index() : undefined;
  const found = (index?.search(words) ?? []).filter((r) => !byPeopleOnly(r));
  const nearest = (found.length ? found.map((r) => r.id) : (index?.near(words) ?? [])).slice(0, 3);
  const results = found.filter((r) => !byVocabulary(r, found, spec));
  const none: IndexChoice = { ids: [], evidence: [], because: [], confidence: 0, nearest };
  const top = results[0];
  if (!top) return none;
  const strongWords = (r: Ranked) => [...r.matches].filter(([, fields]) => fields.some((f) => STRONG.has(f))).map(([w]) => w);
  const topStrong = strongWords(top);
  const second = results[1]?.score ?? 0;
  const weak = topStrong.length === 0 && top.matches.size < 2;
  if (topStrong.length === 0 && ((weak && !ownsWord(top, results)) || (top.score < 1.5 * second && !soleOwner(top, results)))) {
    const pair = pairOwner(text, new Map(results.map((r) => [r.id, r.matches.size])), spec);
    const owner = sharedOwner(results, spec) ?? subjectOwner(results, subjectOf(text)) ?? results.find((r) => r.id === pair) ?? brandOwner(text, results);
    return owner ? { ...none, ...chosenOnly(owner, 0.5) } : none;
  }

  const chosen: Ranked[] = [top];
  // A word the best module matched anywhere is explained; another module joins for words it is not.
  const covered = new Set(top.matches.keys());
  const owners = bestExplainers(results);
  const matched = new Set(results.flatMap((r) => [...r.matches.keys()]));
  const subject = subjectOf(text);
  for (const r of results.slice(1)) {
    if (chosen.length >= MAX_MODULES) break;
    const strong = strongWords(r);
    // "add a discount for bulk orders": `orders_api`'s name meets "orders", but only pricing's purpose
    // says "discounts". When the chosen modules explain at most half of the words the specs meet, the
    // best match of a word none of them meets joins, though a name match (boost 6) outscores it.
    const explains =
      r.score >= EXPLAIN * top.score &&
      explainedShare(chosen, matched) <= 0.5 &&
      [...r.matches.keys()].some((w) => owners.get(w) === r && !chosen.some((c) => c.matches.has(w)));
    if (strong.length === 0 && !explains) continue;
    // Siblings: "the fetchers" names every module whose name holds "fetcher", whatever their scores;
    // not when the best one's purpose says more of the request ("bonus is taxed with the white table
    // instead of the special rate" is wage_tax's, though tax_filing's name meets "taxed" as well).
    const sibling = named(r).some((w) => named(top).includes(w)) && describedBeyond(top, r) < 2;
    // "refunds are not issued when an order is cancelled": `pmt` provides `RefundService`, the orders
    // module names no refund: pmt joins, though the orders module's three words outscore its one.
    const names = namesSubject(r, subject, chosen, owners);
    if (!sibling && !explains && !names && r.score < COVER * top.score) continue;
    const tie = r.score >= TIE * top.score && strong.some((w) => covered.has(w));
    const adds = strong.some((w) => !covered.has(w));
    if (!sibling && !tie && !adds && !explains && !names) continue;
    chosen.push(r);
    for (const w of r.matches.keys()) covered.add(w);
  }
  const partial = chosen.length > 1 ? chosen.filter((r) => byQualifierOfName(r, spec)) : [];
  if (partial.length > 0 && partial.length < chosen.length) chosen.splice(0, chosen.length, ...chosen.filter((r) => !partial.includes(r)));
  const rest = results.find((r) => !chosen.includes(r))?.score ?? 0;
  const margin = 1 - rest / top.score;
  const confidence = round((topStrong.length > 0 ? 0.5 : 0.3) + 0.4 * margin);
  const evidence = chosen.flatMap((r) => describe(r));
  return {
    ids: chosen.map((r) => r.id),
    evidence,
    because: evidence.map((e) => `${e.words.join(", ")} -> ${e.target} (${e.source})`),
    confidence,
    nearest,
    ...(weak ? { weak } : {}),
  };
}

/**
 * Words for the people a product serves: in "let instructors move a student to another cohort" they
 * say who, not where. Whichever spec's prose happens to speak of students meets them as well as the
 * enrolment spec meets "cohort", so a module met by them alone is not a match; one met by them and
 * more ("two people typing in the same cell": the CRDT's spec speaks of people editing) still is.
 */
const PEOPLE: ReadonlySet<string> = new Set(["user", "users", "customer", "customers", "student", "students", "instructor",
  "instructors", "teacher", "teachers", "admin", "admins", "manager", "managers", "member", "members", "employee", "employees",
  "staff", "people", "person", "client", "clients", "visitor", "visitors", "guest", "guests", "rep", "reps", "buyer", "buyers", "seller", "sellers"]);

/** Whether the module meets the request only by words for people, none of them a name of its own (a `users` module is named so). */
function byPeopleOnly(r: Ranked): boolean {
  return [...r.matches].every(([word, fields]) => PEOPLE.has(word) && !fields.some((f) => STRONG.has(f)));
}

/**
 * Whether the module meets the request only by one word of its display name that its id does not
 * hold, no more than its spec text meets: "users" of `User Accounts` (id `accounts`). Such a word
 * qualifies the name ("user" accounts, not group ones); beside a module whose spec meets what the
 * request says ("users get reminders at 3am, quiet hours ignored" is the push service's), it is
 * whom the request is about, not where.
 */
function byQualifierOfName(r: Ranked, spec: SpecTree): boolean {
  return qualifierOfName(r, spec) !== undefined;
}

/** The one word the module meets the request by, when it is a word of its display name its id does not hold. */
function qualifierOfName(r: Ranked, spec: SpecTree): string | undefined {
  const telling = [...r.matches].filter(([, fields]) => fields.some((f) => f !== "spec"));
  const [word, fields] = telling[0] ?? [];
  if (telling.length !== 1 || word === undefined || !fields?.includes("id")) return undefined;
  const m = spec.modules.find((x) => x.id === r.id);
  const display = m && frontMatterName(m);
  if (display === undefined) return undefined;
  const written = singular(word.toLowerCase());
  const parts = (name: string) => name.toLowerCase().split(/[\s_-]+/).map(singular);
  return parts(display).includes(written) && !parts(r.id).includes(written) && squashName(display) !== written ? word : undefined;
}

/**
 * Whether the module meets the request only by such a qualifier that other specs use as well, while
 * another module's purpose or name meets another of its words: in a game server "players" is the
 * project's own word ("Player Inventory", and the session and replication specs speak of players),
 * so "tick takes 22 ms with 10 players" is about the tick, not the inventory, though no one module
 * owns the tick. ("what data do we keep per match?" meets nothing else: the qualifier is all it says.)
 */
function byVocabulary(r: Ranked, results: readonly Ranked[], spec: SpecTree): boolean {
  const word = qualifierOfName(r, spec);
  if (word === undefined || results.filter((other) => other !== r && other.matches.has(word)).length < VOCABULARY) return false;
  return results.some((other) => other !== r && [...other.matches].some(([w, fields]) => w !== word && strength(fields) < 2));
}

/** How many other specs use a display name's qualifier for it to be the project's vocabulary. */
const VOCABULARY = 2;

/**
 * When every module the request meets meets the same words, each in its purpose and in no naming field,
 * and all but one depend on that one, that one owns what they share: "speed up balance
 * lookups" is the ledger's, not the API's that serves the ledger's balances.
 */
function sharedOwner(results: readonly Ranked[], spec: SpecTree): Ranked | undefined {
  // Past a handful, modules alike say nothing of one owner, and the pairs below grow as their square.
  if (results.length < 2 || results.length > MAX_SHARING) return undefined;
  const words = (r: Ranked) => [...r.matches.keys()].sort().join(" ");
  if (results.some((r) => words(r) !== words(results[0]!) || [...r.matches.values()].some((f) => strength(f) !== 1))) return undefined;
  const ids = new Set(results.map((r) => r.id));
  const deps = new Map(spec.modules.filter((m) => ids.has(m.id)).map((m) => [m.id, new Set(m.dependencies.map((d) => d.id))]));
  const owners = results.filter((r) => results.every((o) => o === r || deps.get(o.id)?.has(r.id)));
  return owners.length === 1 ? owners[0] : undefined;
}

/**
 * When no module is clearly ahead, the one whose purpose alone uses the request's subject: "Fastly still
 * serves the old headline" is publishing's (only its purpose speaks of Fastly), though the stories'
 * purpose meets "headline" as well; what a report opens with is what it is about.
 */
function subjectOwner(results: readonly Ranked[], subject: string | undefined): Ranked | undefined {
  if (subject === undefined) return undefined;
  const meeting = results.filter((r) => r.matches.has(subject));
  return meeting.length === 1 && meeting[0]!.matches.get(subject)!.includes("purpose") ? meeting[0] : undefined;
}

/**
 * When nothing else decides, the one module whose spec uses a name the request capitalises inside a
 * sentence, as a maker's or a service's is ("add Enphase Envoy local API support" is the solar module's,
 * only its purpose lists Enphase), while the other modules meet only common words ("local", "API").
 */
function brandOwner(text: string, results: readonly Ranked[]): Ranked | undefined {
  const brands = [...text.matchAll(/(?<=[\p{L}\p{N},;)'"]\s+)[A-Z][a-z]+[A-Za-z]*\b/gu)].map((m) => m[0].toLowerCase());
  const owners = new Set(brands.flatMap((b) => {
    const meeting = results.filter((r) => r.matches.get(b)?.some((f) => f !== "spec"));
    return meeting.length === 1 ? [meeting[0]!] : [];
  }));
  return owners.size === 1 ? [...owners][0] : undefined;
}

/** The most modules meeting a request alike that one of them can be said to own. */
const MAX_SHARING = 12;

/** One module chosen, with the evidence that chose it. */
function chosenOnly(r: Ranked, confidence: number): Pick<IndexChoice, "ids" | "evidence" | "because" | "confidence"> {
  const evidence = describe(r);
  return { ids: [r.id], evidence, because: evidence.map((e) => `${e.words.join(", ")} -> ${e.target} (${e.source})`), confidence };
}

/** Words before a request's subject: "the refunds", "our nightly export". */
const DETERMINERS: ReadonlySet<string> = new Set(["the", "a", "an", "our", "my", "your", "their", "some", "all", "most", "many"]);

/** Words a question opens with: its first word is no subject. */
const QUESTION_WORDS: ReadonlySet<string> = new Set(["how", "why", "what", "where", "when", "which", "who", "does", "do", "is", "are", "can"]);

/** The request's first word after its determiners, lower-cased: the subject when the request opens with one ("refunds are not issued ..."). */
function subjectOf(text: string): string | undefined {
  const words = (joinedVerbs(text).match(/[A-Za-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
  // A question opens with what it asks, not with its subject: "how are payments recorded?" names no owner.
  const first = words.find((w) => !DETERMINERS.has(w));
  if (first === undefined || QUESTION_WORDS.has(first)) return first;
  // Past the stop words a statement may open with: "per diems for night stops ..." is about per diems.
  return words.find((w) => !DETERMINERS.has(w) && !isStopWord(w));
}

/**
 * Whether the module names the request's subject by a name, Provides or title of its own (the
 * best to do so; a file it owns is named for what the file does, "restore.go"), while no chosen module meets that word at all: what a report is about is
 * in its scope, though other modules meet more of its words.
 */
function namesSubject(r: Ranked, subject: string | undefined, chosen: readonly Ranked[], owners: ReadonlyMap<string, Ranked>): boolean {
  if (subject === undefined || owners.get(subject) !== r) return false;
  return (r.matches.get(subject) ?? []).some((f) => NAMING.has(f)) && !chosen.some((c) => c.matches.has(subject));
}

/** How many of the request's words the module's name, Provides, title, paths or purpose meet that the other module does not meet at all. */
function describedBeyond(r: Ranked, other: Ranked): number {
  return [...r.matches].filter(([w, fields]) => !other.matches.has(w) && fields.some((f) => f === "purpose" || STRONG.has(f))).length;
}

/** Share of the words any spec met that the chosen modules meet. */
function explainedShare(chosen: readonly Ranked[], matched: ReadonlySet<string>): number {
  const words = new Set(chosen.flatMap((c) => [...c.matches.keys()]));
  return words.size / Math.max(1, matched.size);
}

/** Where a field ranks as evidence: a name, Provides, title or owned path; then purpose; then spec text. */
function strength(fields: readonly string[]): number {
  return fields.some((f) => STRONG.has(f)) ? 0 : fields.includes("purpose") ? 1 : 2;
}

/**
 * Per request word, the module that explains it best: the only one whose name, Provides, title,
 * paths or purpose meet it, or the one that meets it in the strongest field when a few do
 * (the best-ranked of those on a tie). A word only the spec text meets, or that many modules'
 * purposes meet alike, has no best explainer: it says what the request is about, not where.
 */
function bestExplainers(results: readonly Ranked[]): Map<string, Ranked> {
  const best = new Map<string, { r: Ranked; strength: number; rivals: number }>();
  for (const r of results) {
    for (const [word, fields] of r.matches) {
      const s = strength(fields);
      const seen = best.get(word);
      if (!seen) best.set(word, { r, strength: s, rivals: 0 });
      else if (s < seen.strength) best.set(word, { r, strength: s, rivals: 0 });
      else if (s === seen.strength) seen.rivals++;
    }
  }
  const out = new Map<string, Ranked>();
  for (const [word, { r, strength: s, rivals }] of best) {
    if (s === 0 || (s === 1 && rivals === 0)) out.set(word, r);
  }
  return out;
}

/**
 * A word of the module's purpose that no other module's spec uses: "payments" in a tree where
 * only billing's purpose speaks of payments names billing, though it is no name of billing's.
 */
function ownsWord(r: Ranked, results: readonly Ranked[]): boolean {
  return [...r.matches].some(([word, fields]) => fields.includes("purpose") && results.every((other) => other === r || !other.matches.has(word)));
}

/**
 * Whether the best module is the only one with a word of its own, every other module meeting only
 * words that several specs share: "grades sent back to Moodle" is the LTI module's (only its purpose
 * says Moodle; the gradebook's and the quizzes' both say grades), though the two score alike.
 */
function soleOwner(top: Ranked, results: readonly Ranked[]): boolean {
  return ownsWord(top, results) && results.every((r) => r === top || !ownsAnyWord(r, results));
}

/** Whether any word the module meets, in any field, meets no other module. */
function ownsAnyWord(r: Ranked, results: readonly Ranked[]): boolean {
  return [...r.matches.keys()].some((word) => results.every((other) => other === r || !other.matches.has(word)));
}

function named(r: Ranked): string[] {
  return [...r.matches].filter(([, fields]) => fields.includes("id")).map(([w]) => w);
}

/** One evidence line per field that matched: `sharpe, ratio -> performance (provides)`. */
function describe(r: Ranked): Evidence[] {
  const byField = new Map<string, string[]>();
  for (const [word, fields] of r.matches) {
    // The strongest field a word was found in says where; the spec text only when nothing else.
    const field = ORDER.find((f) => fields.includes(f)) ?? "spec";
    byField.set(field, [...(byField.get(field) ?? []), word]);
  }
  return [...byField].map(([source, words]) => ({
    kind: "module" as const,
    target: r.id,
    source: source as Evidence["source"],
    words,
    score: round(r.score),
  }));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
