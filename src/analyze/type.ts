import { clauseWords, findAsking, type TypeWord } from "./asking.js";
import { PRECEDENCE, isPastForm, type Intent } from "./keywords.js";
import { ENTRIES, entryStarts, placeOf, type Entry } from "./entries.js";
import { lacking } from "./asked-for.js";
import { wishedFor } from "./wished.js";
import { commandClauses, commandHeads, findSymptom } from "./symptom.js";
import { commandHits } from "./command-intent.js";
import { patternHits, type TypeHit } from "./type-patterns.js";
import { faultAsked } from "./why-fault.js";
import type { TaskType } from "./types.js";

export { splitsCode } from "./command-intent.js";

export interface TypeResult {
  type: TaskType;
  /** The words that decided, lower-cased as written, unique, in request order. */
  words: string[];
}

/** Keywords that name an action; in what a question asks about, they are described, not asked for. */
const ACTIONS: ReadonlySet<Intent | "neutral"> = new Set(["implement", "refactor", "analyze"]);
/** A request that is tests and nothing else: "tests", "more tests", "unit tests?". */
const TESTS_ALONE = /^\s*(?:(?:more|unit|integration|e2e|missing)\s+)?tests?\s*[.!?]*\s*$/i;
/** A request that opens with tests of something: "tests for RestPeriodRule", "unit tests for the importer pls". */
const TESTS_OF = /^\s*(?:(?:more|unit|integration|e2e|missing)\s+)?tests?\s+(?:for|of|on)\b/i;
/** Words before a past form that ask for it: "should be added", "I want an export added". */
const WISH = new Set(["want", "wants", "need", "needs", "like", "wish", "would"]);
const ARTICLE = new Set(["a", "an"]);
/** What cannot be done; in a command it says what is wanted ("make it return 404 for projects you can't see"), not a fault. */
const INABILITY = new Set(["cannot", "can not", "unable to"]);

/**
 * Task type by whole-word keyword scoring: one point per keyword occurrence (a phrase
 * is one occurrence); the highest score wins, ties go by PRECEDENCE. With no hit, a fault
 * stated in a statement (`symptom.ts`) is `debug`, anything else `general`.
 * Verbs and symptoms ("add", "crashes", "returns NaN") are scored first; nouns
 * ("performance", "error") only when there is neither (an explicit verb wins over a noun).
 * `text` should already have paths and names masked (a file called `error.log` or a
 * module called `errors` states no intent).
 */
export function detectType(text: string): TypeResult {
  // "tests", "unit tests": a request of that word alone asks for them to be written.
  const tests = TESTS_ALONE.exec(text)?.[0];
  if (tests) return { type: "implement", words: [tests.trim().replace(/[.!?]+$/, "").toLowerCase()] };
  const tokens = clauseWords(text);
  const words = tokens.map((t) => t.word);
  const used = new Array<boolean>(words.length).fill(false);
  /** Inside what a question asks about: "how does the journal build entries" asks for no build. */
  const asked = new Array<boolean>(words.length).fill(false);
  const hits: TypeHit[] = [];
  const command = commandClauses(tokens);
  const heads = new Set(commandHeads(tokens));
  /** Why-questions that report a fault (why-fault.ts): debug, when nothing but asking decides. */
  const whyFaults: string[] = [];
  for (const ask of findAsking(tokens)) {
    hits.push({ intent: "analyze", at: ask.at, text: ask.text, noun: false });
    const fault = faultAsked(tokens, ask);
    if (fault) whyFaults.push(fault.text);
    for (let k = ask.at; k < ask.end; k++) {
      // What a review looks for is no work of its own: "review the page layer for anything that slows down first paint".
      if (k < ask.from || ask.explains || (ask.lookingFor !== undefined && k > ask.lookingFor)) used[k] = true;
      else asked[k] = true;
    }
  }
  for (const hit of patternHits(text, used)) hits.push(hit);

  const starts = entryStarts(words);
  // Looked for once: each past form looking back over the words before it was quadratic ("added " 20,000 times).
  const firstWish = words.findIndex((w) => WISH.has(w));
  for (const entry of ENTRIES) {
    for (const at of starts.get(entry) ?? []) {
      if (at + entry.words.length > words.length) break;
      const place = placeOf(entry, words, at);
      if (!place || place.some((k) => used[k] || (asked[k] && ACTIONS.has(entry.intent)))) continue;
      if (command[at] && INABILITY.has(entry.words.join(" "))) continue;
      // "carry forward only looks at last year": what the code does of itself, not a review asked for.
      if (entry.intent === "analyze" && (words[at] === `${entry.words[0]}s` || words[at] === `${entry.words[0]}es`) && doneByItself(tokens, command, asked, at)) continue;
      // "dev runs keep writing into the prod schema": what goes on of itself is the fault, not work asked for.
      if (entry.intent === "implement" && KEEPS.has(words[at - 1] ?? "") && (words[at] ?? "").endsWith("ing")) continue;
      // "how does a GPS fix end up on the map?": a fix after its article, in what a question asks about, is a thing.
      if (entry.intent === "debug" && asked[at] && isNamedFix(words, at)) continue;
      // "import profiles from PrusaSlicer", "settings from the profile": a profile is a thing unless a command's verb.
      if (entry.words.length === 1 && entry.words[0] === "profile" && (words[at] === "profile" || words[at] === "profiles") && !heads.has(at) && words[at - 1] !== "to") continue;
      for (const k of place) used[k] = true;
      // "patients created at the desk", "how invoices are built": a past form tells what was done.
      const past = entry.intent === "implement" && isPastForm(words[at] ?? "", entry.words[0] ?? "") && words[at - 1] !== "be" && !(firstWish >= 0 && firstWish < at);
      const guard = entry.intent === "debug" ? guardOf(words, at) : undefined;
      if (guard !== undefined) hits.push({ intent: "implement", at: guard, text: `${words[guard]} ${place.map((k) => words[k]).join(" ")}`, noun: false });
      else if (entry.intent !== "neutral" && !past && !isDescribed(entry, words, at) && !(ACTIONS.has(entry.intent) && isEvent(words, at)) && !isThing(entry, tokens, at)) {
        hits.push({ intent: entry.intent, at, text: place.map((k) => words[k]).join(" "), noun: entry.noun });
      }
    }
  }

  // "we need a new command", "I'd like a new report": wishing for a new thing asks to build it.
  words.forEach((word, at) => {
    if (word === "new" && ARTICLE.has(words[at - 1] ?? "") && WISH.has(words[at - 2] ?? "") && !used[at]) {
      hits.push({ intent: "implement", at, text: `${words[at - 1]} new`, noun: false });
    }
    const lacks = !used[at] && !asked[at] ? lacking(words, at) ?? wishedFor(words, at) : undefined;
    if (lacks) hits.push({ intent: "implement", at, text: lacks, noun: false });
  });

  for (const hit of commandHits(text, tokens, commandHeads(tokens), used, asked)) hits.push(hit);

  const strong = hits.some((hit) => !hit.noun);
  let best: Intent | undefined;
  let bestScore = 0;
  for (const intent of PRECEDENCE) {
    const score = hits.filter((hit) => hit.intent === intent && (!strong || !hit.noun)).length;
    if (score > bestScore) [best, bestScore] = [intent, score];
  }
  // Policy: a request that only describes something broken (a fault, an error, a wrong result,
  // a crash, something not happening) asks to have it fixed, so it is `debug`, also without a
  // task word ("settings are lost after reflashing"); one with no fault and no task word, or
  // one that says what is wanted ("send reminders 48 hours ahead instead of 24"), is `general`.
  if (!best) {
    const symptom = findSymptom(tokens);
    // "alert when the SCADA feed is an hour late": a command whose only fault is its condition asks for what to do then.
    if (symptom && conditionalWords(tokens)[symptom.at] && commandHeads(tokens)[0] === 0) return { type: "implement", words: [words[0] ?? ""] };
    if (symptom) return { type: "debug", words: [symptom.text] };
    // "tests for RestPeriodRule pls", "unit tests for the importer": tests of a thing, and nothing else asked, are to be written.
    const testsOf = TESTS_OF.exec(text)?.[0];
    return testsOf ? { type: "implement", words: [testsOf.trim().toLowerCase()] } : { type: "general", words: [] };
  }
  // A stated fault is read as a verb is, so it wins over nouns: "the bandwidth estimate goes negative" is debug.
  if (!strong) {
    const symptom = findSymptom(tokens);
    if (symptom) return { type: "debug", words: [symptom.text] };
  }
  // "add a guarantor check when the applicant fails referencing": a fault in the condition of a request
  // to build says when the new thing acts, as slowness in one is the circumstance (below).
  if (best === "debug") {
    const conditional = conditionalWords(tokens);
    const outside = hits.filter((hit) => hit.intent !== "debug" && !hit.noun && !conditional[hit.at]);
    if (outside.length > 0 && hits.every((hit) => hit.intent !== "debug" || conditional[hit.at])) {
      const other = PRECEDENCE.filter((intent) => intent !== "debug").reduce<Intent | undefined>((a, intent) => {
        const n = outside.filter((hit) => hit.intent === intent).length;
        return n > (a ? outside.filter((hit) => hit.intent === a).length : 0) ? intent : a;
      }, undefined);
      if (other) return { type: other, words: [...new Set(outside.filter((hit) => hit.intent === other).map((hit) => hit.text))] };
    }
  }
  // "writethrus from Reuters create a new story instead of replacing the earlier one": a build verb after a
  // statement's subject tells what the code does of itself; beside a fault the statement reports, the fault is asked about.
  if (best === "implement" && hits.every((hit) => hit.intent !== "implement" || doneByItself(tokens, command, asked, hit.at))) {
    const symptom = findSymptom(tokens);
    if (symptom) return { type: "debug", words: [symptom.text] };
  }
  if (best === "analyze" && whyFaults.length > 0 && hits.every((hit) => hit.intent === "analyze" || hit.noun)) return { type: "debug", words: whyFaults };
  const decisive = hits.filter((hit) => hit.intent === best).sort((a, b) => a.at - b.at);
  // "the sensor task misses its slot when the uplink is slow": slowness in a condition is the
  // circumstance; the fault the clause reports before it decides. So is an action in one:
  // "matrix entries are dropped when they add a new key" asks to add nothing.
  if (best === "optimize" || best === "implement") {
    const conditional = conditionalWords(tokens);
    const symptom = hits.every((hit) => hit.intent === best && conditional[hit.at]) ? findSymptom(tokens) : undefined;
    if (symptom && !conditional[symptom.at]) return { type: "debug", words: [symptom.text] };
  }
  return { type: best, words: [...new Set(decisive.map((hit) => hit.text))] };
}

/** Whether the verb at `at` follows its statement's subject: neither a command's, a question's, a wish's ("we want to add") nor its clause's first word. */
function doneByItself(tokens: readonly TypeWord[], command: readonly boolean[], asked: readonly boolean[], at: number): boolean {
  if (command[at] || asked[at] || tokens[at]?.start || at === 0) return false;
  // A subject runs a few words; further back, the verb is taken as asked for (and a long request stays linear).
  for (let k = at - 1; k >= Math.max(0, at - SUBJECT_WORDS); k--) {
    const word = tokens[k]?.word ?? "";
    // "please add lunch too": a request's "please" makes the verb after it asked for.
    if (WISH.has(word) || word === "to" || word === "should" || word === "must" || word === "can" || word === "will" || word === "please" || word === "pls") return false;
    if (tokens[k]?.start) return true;
  }
  return at <= SUBJECT_WORDS;
}

/** The most words a statement's subject runs to before its verb: "writethrus from Reuters" is three. */
const SUBJECT_WORDS = 10;

/** Verbs that keep a fault out: "reject NaN", "refuse any timeout" ask for a check, not a fix. */
const GUARDS = new Set(["reject", "refuse", "disallow", "forbid"]);
/** Words that may stand between such a verb and the fault it keeps out. */
const GUARDED = new Set(["a", "an", "any", "all", "every", "each"]);

/** Where the verb that keeps out the fault word at `at` stands, if one does ("to reject a NaN"). */
function guardOf(words: readonly string[], at: number): number | undefined {
  let k = at - 1;
  while (k >= 0 && GUARDED.has(words[k] ?? "")) k--;
  return k >= 0 && GUARDS.has(words[k] ?? "") ? k : undefined;
}

/** Words that open a condition: what follows tells when, not what is reported. */
const CONDITION = new Set(["when", "if", "whenever", "while", "once", "unless"]);

/** For each word, whether it stands after a condition's word in its clause ("... when the uplink is slow"). */
function conditionalWords(tokens: readonly TypeWord[]): boolean[] {
  let inside = false;
  return tokens.map((token) => {
    if (token.start) inside = false;
    const now = inside;
    if (CONDITION.has(token.word)) inside = true;
    return now;
  });
}

/** Auxiliaries of a passive: "the cut-off is evaluated in UTC" says what the code does. */
const PASSIVE_AUX = new Set(["is", "are", "was", "were", "get", "gets", "got", "been", "being"]);

/**
 * An analyze or refactor word as a passive participle describes what the code does ("the
 * cut-off is evaluated in UTC", "names are extracted from the header"), as a past implement
 * word tells what was done; "should be reviewed" still asks (its auxiliary is "be").
 */
function isDescribed(entry: Entry, words: readonly string[], at: number): boolean {
  if (entry.intent !== "analyze" && entry.intent !== "refactor") return false;
  return isPastForm(words[at] ?? "", entry.words[0] ?? "") && PASSIVE_AUX.has(words[at - 1] ?? "");
}


/** Verbs before an -ing form that say it goes on: "keeps writing". */
const KEEPS = new Set(["keep", "keeps", "kept"]);
const FIX_ARTICLE = new Set(["a", "an", "the", "each", "every", "this", "that"]);

/** "a GPS fix", "the fix": the word after an article, or after an article and one word. */
function isNamedFix(words: readonly string[], at: number): boolean {
  if (words[at] !== "fix" && words[at] !== "fixes") return false;
  return FIX_ARTICLE.has(words[at - 1] ?? "") || FIX_ARTICLE.has(words[at - 2] ?? "");
}

/** Words that end a noun phrase looking back from a word: a verb before it ("to build", "will build") makes it a verb. */
const NOT_IN_PHRASE = new Set(["to", "will", "can", "could", "should", "must", "would", "shall", "and", "or", "then", "please", "not", "also", "we", "i", "you", "they"]);
/** How far back a noun phrase's determiner may stand: "the first green build". */
const PHRASE_REACH = 3;

/**
 * An implement verb written as a thing, after a determiner and its modifiers: "don't cancel the
 * running build", "on the first green build", "add the build step". It names what is there, not
 * what to make; a verb of the same request still asks ("create a build").
 */
function isThing(entry: Entry, tokens: readonly TypeWord[], at: number): boolean {
  // "a CSV export added to the reports" wishes for it, as the past form does (see `past` above).
  if (entry.intent !== "implement" || entry.noun || entry.words.length !== 1 || isPastForm(tokens[at]?.word ?? "", entry.words[0] ?? "")) return false;
  // A phrase ends with its clause: in "only the insight part: add telemetry", "add" opens a command.
  for (let k = at - 1; k >= Math.max(0, at - PHRASE_REACH) && !tokens[k + 1]?.start; k--) {
    const word = tokens[k]?.word ?? "";
    if (DETERMINER.has(word)) return true;
    if (NOT_IN_PHRASE.has(word)) return false;
  }
  return false;
}

/** Prepositions of time: "after a rename", "since the migration" tell when, not what to do. */
const WHEN = new Set(["after", "since", "during", "before", "until"]);
const DETERMINER = new Set(["a", "an", "the", "this", "that", "our", "my", "your", "their", "its", "last", "every", "each"]);

/** Words before an action that make it a state something is in: "pending review", "waiting for review". */
const AWAITING = new Set(["pending", "awaiting", "under"]);
const WAITING = new Set(["wait", "waits", "waiting", "waited", "held", "queued", "ready", "sent", "submitted"]);

/** An action named as the moment something happened or a state something is in: "ingested twice after a rename", "held for review". */
function isEvent(words: readonly string[], at: number): boolean {
  const before = DETERMINER.has(words[at - 1] ?? "") ? at - 2 : at - 1;
  const word = words[before] ?? "";
  return WHEN.has(word) || AWAITING.has(word) || (word === "for" && WAITING.has(words[before - 1] ?? ""));
}
