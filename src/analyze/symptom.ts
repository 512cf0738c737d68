import type { TypeWord } from "./asking.js";
import { asks, clauses, headOf, isCommand, RELATIVE, SUBORDINATOR } from "./command-clause.js";
import { plainFault } from "./fault-cues.js";
import { DESCRIBING, FAULT, FAULT_PHRASE, IRREGULAR_PARTICIPLE, PASSIVE, isParticiple } from "./fault-words.js";

export { commandClauses, commandHeads } from "./command-clause.js";

/**
 * A fault a request reports without any task word: "settings are lost after reflashing", "the
 * export button does nothing", "password reset emails never arrive". Such a request asks to have
 * the fault fixed, so it is `debug` (see `detectType`). Only a statement reports one: in a
 * command ("send the reminder 48 hours ahead instead of 24", "never send mail at night") or a
 * wish ("discounted items should not stack with coupons") the same words say what is wanted.
 * Everything here looks at a word and a few after it: linear in the request.
 */
export interface Symptom {
  at: number;
  text: string;
}

/** Subjects that stand for what the statement before spoke of: "..., it should be the other way round". */
const PRONOUN_SUBJECT = new Set(["it", "this", "that", "they"]);

/** A wish or a requirement, not a report: "should not stack", "must survive", "make sure ... never". */
const WISH = new Set(["should", "shouldn", "must", "shall", "ought", "need", "needs", "want", "wants", "ensure", "sure", "would"]);

/** Counted or charged twice over, after "double": "the roll-up double counts deals", "customers are double charged". */
const DOUBLED = new Set(["count", "counts", "counted", "counting", "charge", "charges", "charged", "book", "books", "booked"]);
/** Auxiliaries whose "not" says something does not happen: "does not find", "are not issued", "won't load". */
// "re" of "they're not type rated": "are".
const AUXILIARY = new Set(["do", "does", "did", "is", "are", "re", "was", "were", "am", "wo", "will", "has", "have", "had", "would"]);
/** Verbs of an outcome and the values that make it a wrong result: "shows zero", "comes back empty", "does nothing", "goes above 200%". */
const OUTCOME = new Set(["show", "shows", "showed", "shown", "showing", "return", "returns", "returned", "returning", "come", "comes",
  "came", "go", "goes", "went", "gone", "going", "read", "reads", "give", "gives", "gave", "print", "prints", "printed",
  "display", "displays", "displayed", "stay", "stays", "stayed", "turn", "turns", "turned", "end", "ends", "ended",
  "divide", "divides", "divided", "become", "becomes", "became", "find", "finds", "found", "do", "does", "did", "get",
  "gets", "got", "report", "reports", "reported", "let", "lets",
  // "the weekly report arrives empty", "questions with two right answers score zero".
  "arrive", "arrives", "arrived", "score", "scores", "scored",
  // "statements download as a blank PDF", "the page loads blank", "the shipping bin pays nothing for iridium quality".
  "download", "downloads", "downloaded", "load", "loads", "loaded", "open", "opens", "opened", "pay", "pays", "paid",
  // "the stats say 0 trackers blocked".
  "say", "says", "said",
  // What people get to see: "parents see the matches without the ground's address".
  "see", "sees", "saw"]);
const DEGENERATE = new Set(["zero", "zeros", "zeroes", "0", "nothing", "empty", "negative", "blank", "null", "none", "above", "below", "beyond",
  // "returns no orders", "shows no results".
  "no"]);
/** Particles after "break" that split rather than fail: "break up the importer", "break down the costs". */
const BREAK_APART = new Set(["up", "down", "out", "apart", "away"]);
/** How far after "break" its "into" may stand: "break the importer's parsing into two". */
const INTO_REACH = 6;
/** Where a hollow value is a circumstance, not what comes out: "a traceback on an empty file", "a check for an empty cabin". */
const PREPOSITION = new Set(["for", "on", "in", "with", "of", "at", "to", "from", "by", "into", "onto", "about", "without", "like", "as", "than", "upon", "over", "under", "after", "before"]);
/** Values of a thing that leave it hollow, after "a" or "an": "attaches an empty WAV", "have a zero duration". */
const HOLLOW = new Set(["empty", "blank", "zero", "null"]);
/** How far after an outcome verb its value may stand: "comes back empty", "returns a negative quantity". */
const OUTCOME_REACH = 3;
/** "an hour late", "too early": a time unit before "late" or "early". */
const LATE_BY = new Set(["too", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "ms"]);

const HAS = new Set(["has", "have", "had"]);
/** Parts of code a thing may lack by design, for a feature to add rather than a fault. */
const CODE_PART = new Set(["field", "fields", "method", "methods", "column", "columns", "property", "properties", "attribute", "attributes",
  "test", "tests", "docs", "documentation", "type", "types", "option", "options", "flag", "flags", "endpoint", "endpoints", "support", "way"]);
/** A count of more than one, before "times". */
const MANY = /^(?:[2-9]|\d{2,}|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many)$/;
/** Words after "N times" that make it a rate or a ratio: "3 times a day", "10 times faster". */
const NOT_REPEATED = new Set(["a", "an", "per", "each", "every", "daily", "faster", "slower", "more", "less", "fewer", "as", "bigger", "smaller",
  "larger", "longer", "shorter", "higher", "lower", "the", "over", "cheaper"]);
/** Verbs before a clause's last "off": "something's off", "the totals look off". */
const SEEMS = new Set(["s", "is", "are", "was", "were", "look", "looks", "seem", "seems", "feel", "feels"]);

/** Words after "nothing" that are no verb of it: "nothing else", "nothing was", "nothing less". */
const NOT_A_VERB = new Set(["was", "has", "less", "unless", "towards", "besides", "changed"]);

/** Forms of "be" before a state. */
const BE = new Set(["is", "are", "was", "were"]);
/** Values that, as a state, are a wrong result: "is empty", "are blank", "is 0". Not "above", "below": "is below the limit" may be fine. */
const DEGENERATE_STATE = new Set(["zero", "0", "empty", "blank", "null", "negative", "nan", "undefined",
  // "MAPE is infinite for zero loads", "the mapping is stale for new estates".
  "infinite", "infinity", "inf", "stale", "outdated",
  // "the selected row is unreadable on a light theme".
  "unreadable", "unusable", "illegible"]);
/** Words before a "not" that do not make it a state's negation: "or not", "why not", "if not". */
const NOT_ELLIPTIC = new Set(["or", "why", "if", "whether", "and", "but", "do", "does", "did", "should", "must", "can", "could", "would", "will", "may", "might", "shall", "to", "please", "pls"]);


/** Whether a condition's word ("when", "if") stands before `k` in its clause. */
function inCondition(words: readonly TypeWord[], k: number): boolean {
  for (let i = k - 1; i >= 0; i--) {
    if (SUBORDINATOR.has(words[i]?.word ?? "")) return true;
    if (words[i]?.start) return false;
  }
  return false;
}

/** Words between the verb and its participle: "are never sent", "is still shown". */
const ADVERB = new Set(["never", "always", "sometimes", "often", "still", "also", "randomly", "not", "being", "silently", "incorrectly", "wrongly"]);
/** Verbs of going on or ending, before an -ing form: "keeps growing", "stops following". */
const CONTINUING = new Set(["keep", "keeps", "kept", "stop", "stops", "stopped", "quit", "quits", "cease", "ceases", "ceased"]);
/** "shows up rotated", "spam gets through". */
const PARTICLE_FAULT: ReadonlyArray<[ReadonlySet<string>, ReadonlySet<string>]> = [
  [new Set(["show", "shows", "showed", "showing", "turn", "turns", "turned"]), new Set(["up"])],
  [new Set(["get", "gets", "got", "slip", "slips", "slipped", "go", "goes", "went"]), new Set(["through"])],
  // Put where it does not belong: "the 'Company' column ends up in the contact's title".
  [new Set(["end", "ends", "ended", "ending"]), new Set(["up"])],
];

/** Verbs that take one thing for another, and the "as" after them: "shows people as online", "reads dates as strings". */
const TAKES_AS = new Set(["shows", "showed", "displays", "displayed", "marks", "marked", "treats", "treated", "counts", "counted",
  "lists", "listed", "reports", "reported", "reads", "saves", "saved", "stores", "stored", "exports", "exported", "labels",
  "labelled", "labeled", "renders", "rendered", "parses", "parsed", "classifies", "classified", "flags", "flagged",
  // A plural subject's forms ("dates show as 45123", "the rows render as blanks"; commands with these verbs are no statements),
  // and what comes out as something else ("literals like 1_000 come out as 1").
  "show", "display", "render", "list", "mark", "treat", "count", "parse", "come", "comes", "came",
  // What a classifier takes one thing for: "kettle detected as the oven", "the heat pump is recognised as an EV charger".
  "detected", "detects", "recognised", "recognized", "recognises", "recognizes", "identified", "identifies", "categorised", "categorized", "tagged"]);
/** Verbs that make one thing into another. */
const TURNS_INTO = new Set(["turns", "turned", "converts", "converted", "changes", "changed", "becomes", "became", "rounds", "rounded"]);
/** How far after such a verb its "as" may stand: "shows people as", "reads the due dates as". */
const TAKES_AS_REACH = 6;
/** "as" that takes nothing for anything: "as well", "as soon as", "as expected". */
const AS_OTHER = new Set(["well", "soon", "expected", "usual", "before", "intended", "designed", "documented", "long", "far", "much", "many", "if", "though"]);


/** The first fault reported in a statement, if any. */
export function findSymptom(words: readonly TypeWord[]): Symptom | undefined {
  let statement = false;
  for (const [from, end] of clauses(words)) {
    const command = isCommand(words, from, end);
    // What should have been, after a statement of what is: "deductible subtracted on every payment, not once per claim".
    if (statement && words[from]?.start === "clause" && words[from]?.word === "not") return { at: from, text: "not" };
    // So is a clause saying what it should be: "the limit is shown in km/h, should be mph"; "..., it should be the other way round".
    const should = words[from]?.word === "should" ? from : PRONOUN_SUBJECT.has(words[from]?.word ?? "") && words[from + 1]?.word === "should" ? from + 1 : undefined;
    if (statement && words[from]?.start === "clause" && should !== undefined && words[should + 1]?.word === "be") return { at: should, text: "should be" };
    // What it should do, after a statement of what it does: "carry forward only looks at last year, it should look back three years".
    if (statement && words[from]?.start === "clause" && should !== undefined && should > from && words[should + 1]?.word !== "not" && /^[a-z]{2,}$/.test(words[should + 1]?.word ?? "")) return { at: should, text: "should" };
    const question = asks(words, from, end);
    statement = !command && !question;
    if (question || command) continue;
    const head = headOf(words, from, end);
    for (let k = head; k < end; k++) {
      const word = words[k]?.word ?? "";
      // What should have happened and did not: "the alerts fire 10 minutes after the rule should have", "should have been sent".
      if (word === "should" && words[k + 1]?.word === "have" && (k + 2 >= end || words[k + 2]?.word === "been" || isParticiple(words[k + 2]?.word ?? ""))) return { at: k, text: "should have" };
      // What should be, then what is: "old URLs should redirect but the alias pages are blank".
      if (WISH.has(word) || ((word === "has" || word === "have") && words[k + 1]?.word === "to")) {
        const but = butAfter(words, k, end);
        if (but === undefined) break;
        k = but;
        continue;
      }
      const text = cueAt(words, k, end);
      if (text) return { at: k, text };
    }
  }
  return undefined;
}

/** Where a "but" stands after `k` in its clause. */
function butAfter(words: readonly TypeWord[], k: number, end: number): number | undefined {
  for (let i = k + 1; i < end; i++) if (words[i]?.word === "but") return i;
  return undefined;
}

function cueAt(words: readonly TypeWord[], k: number, end: number): string | undefined {
  const word = words[k]?.word ?? "";
  const next = words[k + 1]?.word;
  if (FAULT.has(word)) return word;
  // "CJK titles break the episode list"; not "break up", "break it into two" (a statement's verb, a command's is no cue).
  if (word === "break" && !BREAK_APART.has(next ?? "") && !words.slice(k + 1, Math.min(end, k + 1 + INTO_REACH)).some((w) => w.word === "into")) return word;
  // What comes with a hollow part: "CDRs have a zero duration", "voicemail to email attaches an empty WAV".
  if ((next === "a" || next === "an") && HOLLOW.has(words[k + 2]?.word ?? "") && k > 0 && !PREPOSITION.has(word)) return `${word} ${next} ${words[k + 2]?.word}`;
  if (word === "double" && DOUBLED.has(next ?? "")) return `${word} ${next}`;
  const phrase = FAULT_PHRASE.find((p) => k + p.length <= end && p.every((w, i) => words[k + i]?.word === w));
  if (phrase) return phrase.join(" ");
  if (word === "not" && AUXILIARY.has(words[k - 1]?.word ?? "")) return `${words[k - 1]?.word === "wo" ? "will" : words[k - 1]?.word === "re" ? "are" : words[k - 1]?.word} not`;
  // Without its auxiliary, as tickets are written: "politeness not respected", "connection limit not enforced".
  if (word === "not" && k > 0 && isParticiple(next ?? "") && !NOT_ELLIPTIC.has(words[k - 1]?.word ?? "")) return `not ${next}`;
  // A state that is a wrong result: "the page is empty", "the score is 0 for every claim"; not in a condition ("if the cart is empty").
  if (BE.has(word) && DEGENERATE_STATE.has(words[k + (ADVERB.has(next ?? "") ? 2 : 1)]?.word ?? "") && !SUBORDINATOR.has(words[headOf(words, 0, end)]?.word ?? "") && !inCondition(words, k)) {
    return `${word} ${words[k + (ADVERB.has(next ?? "") ? 2 : 1)]?.word}`;
  }
  if ((word === "late" || word === "early") && LATE_BY.has(words[k - 1]?.word ?? "")) return `${words[k - 1]?.word} ${word}`;
  // Off by an amount of time: "the forecast is an hour off after the clock change"; not "take a day off".
  if (word === "off" && LATE_BY.has(words[k - 1]?.word ?? "") && BE.has(words[k - 3]?.word ?? "")) return `${words[k - 2]?.word} ${words[k - 1]?.word} off`;
  // What is missing from what comes out: "the exported GPX has no elevation"; not a part of the code ("FillEvent has no commission field").
  if (HAS.has(word) && next === "no" && !words.slice(k + 2, Math.min(end, k + 5)).some((w) => CODE_PART.has(w.word))) return `${word} no`;
  // Counted over: "the same person appears 3 times in dim_customers"; not "3 times faster", "3 times a day".
  if (word === "times" && k > 0 && MANY.test(words[k - 1]?.word ?? "") && !NOT_REPEATED.has(next ?? "")) return `${words[k - 1]?.word} times`;
  // A figure said to be wrong without saying how: "NRR is over 200%, something's off".
  if (word === "off" && k === end - 1 && SEEMS.has(words[k - 1]?.word ?? "")) return `${words[k - 1]?.word} off`;
  // Allowed past what should stop it: "the break-glass role can be assumed without MFA".
  if (word === "can" && next === "be" && isParticiple(words[k + 2]?.word ?? "") && words.slice(k + 3, Math.min(end, k + 6)).some((w) => w.word === "without")) return `can be ${words[k + 2]?.word} without`;
  if (word === "too" && k === end - 1) return word;
  // "nothing prints in the kitchen", "nothing happened": what should come about does not.
  if (word === "nothing" && /^[a-z]{2,}(?:s|ed)$/.test(next ?? "") && !NOT_A_VERB.has(next ?? "")) return `${word} ${next}`;
  if (PASSIVE.has(word) && !RELATIVE.has(words[k - 1]?.word ?? "")) {
    const at = ADVERB.has(next ?? "") ? k + 2 : k + 1;
    const participle = at < end ? words[at]?.word ?? "" : "";
    if (!DESCRIBING.has(participle) && (IRREGULAR_PARTICIPLE.has(participle) || /^[a-z]{2,}ed$/.test(participle))) return `${word} ${participle}`;
  }
  if (PARTICLE_FAULT.some(([verbs, particles]) => verbs.has(word) && particles.has(next ?? ""))) return `${word} ${next}`;
  // "keeps growing", and what ends when it should go on: "live logs stop following after a minute".
  if (CONTINUING.has(word) && /^[a-z]{2,}ing$/.test(next ?? "")) return `${word} ${next}`;
  if (TAKES_AS.has(word)) {
    // A figure's parts ("1.250,00" is three words) do not count towards the reach: "reads the total 1.250,00 as 1.25".
    for (let i = k + 1, reach = 0; i < end && reach < TAKES_AS_REACH; i++) {
      if (words[i]?.word === "as" && !AS_OTHER.has(words[i + 1]?.word ?? "")) return `${word} as`;
      if (!/^\d+$/.test(words[i]?.word ?? "")) reach++;
    }
  }
  // One figure made into another: "csv import turns 1.234,56 into 1.234".
  if (TURNS_INTO.has(word) && /^\d/.test(next ?? "")) {
    for (let i = k + 1; i < end && /^\d+$/.test(words[i]?.word ?? ""); i++) {
      if (words[i + 1]?.word === "into" && /^\d/.test(words[i + 2]?.word ?? "")) return `${word} into`;
    }
  }
  if (OUTCOME.has(word) && next !== undefined) {
    for (let i = k + 1; i < Math.min(end, k + 1 + OUTCOME_REACH); i++) {
      const value = words[i]?.word ?? "";
      // "no longer" is a fault phrase of its own: "the weekly report no longer lists archived teams".
      if (DEGENERATE.has(value) && !(value === "no" && words[i + 1]?.word === "longer")) return `${word} ${value}`;
    }
    // What comes out lacking a part: "importing gives a recipe with no ingredients".
    for (let i = k + 2; i < Math.min(end, k + 2 + OUTCOME_REACH); i++) {
      if (words[i]?.word === "without" || (words[i]?.word === "with" && words[i + 1]?.word === "no")) return `${word} ${words[i]?.word === "without" ? "without" : "with no"}`;
    }
  }
  return plainFault(words, k, end);
}
