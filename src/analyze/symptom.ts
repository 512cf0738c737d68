import type { TypeWord } from "./asking.js";
import { plainFault } from "./fault-cues.js";

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

/** Words before a clause's first real word. */
const FILLER = new Set(["please", "pls", "kindly", "also", "and", "then", "but", "so", "ok", "okay", "hey", "hi", "now", "just"]);
/** Words that open a noun phrase: a statement's subject starts with one ("the cart ...", "no-show appointments ..."), a command's object follows its verb ("send the ..."). */
const DETERMINER = new Set(["the", "a", "an", "this", "these", "those", "our", "my", "your", "their", "its", "his", "her",
  "every", "each", "all", "some", "any", "no", "it", "them", "me", "us", "everything", "everyone", "both"]);
/** Words that open a command's object; not "no", "all", "both", which follow a subject as often ("users no longer ...", "sessions all expire"). */
const OBJECT = new Set([...DETERMINER].filter((w) => w !== "no" && w !== "all" && w !== "both"));
/** Verbs that open requests as commands, in base form; the task keywords are scored apart. */
const COMMAND = new Set([
  "make", "let", "allow", "send", "keep", "give", "move", "merge", "upgrade", "update", "bump", "translate", "replace",
  "support", "use", "change", "set", "switch", "show", "hide", "remove", "delete", "drop", "convert", "compact", "split",
  "award", "backfill", "port", "reduce", "increase", "lower", "raise", "ensure", "prevent", "stop", "start", "enable",
  "disable", "turn", "ignore", "skip", "accept", "reject", "return", "print", "store", "save", "load", "sort", "group",
  "round", "retry", "require", "validate", "check", "handle", "treat", "include", "exclude", "schedule", "notify", "mark",
  "track", "record", "expose", "display", "list", "apply", "run", "call", "pass", "put", "take", "try", "wrap", "rewrite",
  "rework", "polish", "tidy", "improve", "enhance", "prefix", "document", "verify", "generate", "compute", "calculate",
  "normalize", "parse", "format", "render", "emit", "publish", "never", "always", "do", "don", "pick", "get", "go", "cut",
  "clear", "reset", "restore", "bring", "cap", "warn", "block", "deny", "forbid", "mention", "rotate",
  "overwrite", "repeat", "jump", "overlap", "deprecate", "retire", "bundle", "ship", "release", "deploy", "install", "pin", "freeze", "localize",
  "swap",
]);
/** A wish or a requirement, not a report: "should not stack", "must survive", "make sure ... never". */
const WISH = new Set(["should", "shouldn", "must", "shall", "ought", "need", "needs", "want", "wants", "ensure", "sure", "would"]);

/** Words that report a fault wherever they stand after a statement's subject. */
const FAULT = new Set([
  "never", "still", "always", "twice", "lose", "loses", "losing", "lost", "ignore", "ignores", "ignored", "ignoring",
  "miss", "misses", "missed", "missing", "drop", "drops", "dropped", "dropping", "reject", "rejects", "rejected",
  "differ", "differs", "differed", "overlap", "overlaps", "overlapped", "overlapping", "repeat", "repeats", "repeated",
  "jump", "jumps", "jumped", "skip", "skips", "skipped", "happen", "happens", "happened",
  "vanish", "vanishes", "vanished", "disappear", "disappears", "disappeared", "flicker", "flickers", "flickering",
  "corrupt", "corrupts", "corrupted", "corruption", "stuck", "garbled", "garbage",
  "duplicate", "duplicates", "duplicated", "overwrite", "overwrites", "overwritten", "overwriting",
  "disagree", "disagrees", "disagreed", "mismatch", "mismatches", "mismatched", "inconsistent", "invalid", "malformed",
  // A state that does not change when it should: "vents stay open in the rain", "the copy stays in transit forever".
  "stay", "stays", "stayed", "remain", "remains", "remained", "forever", "overshoot", "overshoots", "overshooting",
  // Timing that wanders off or apart: "SCC captions drift by ~1 s per 10 min", "clients desync after a rollback".
  "drift", "drifts", "drifted", "drifting", "desync", "desyncs", "desynced",
  // Motion that will not settle: "the robot oscillates in a straight aisle", "the chart jitters on hover".
  "oscillate", "oscillates", "oscillating", "jitter", "jitters", "jittering", "jittery", "wobble", "wobbles", "wobbling",
  // What ended of itself: "Gmail sync stopped after the token refresh" (a command says "stop").
  "stopped",
  // What happens despite what should prevent it: "signed URLs expire after 5 min although we set 6h".
  "although", "despite",
  // A figure too high or too low: "bot traffic is inflating weekly active users", "the roll-up overcounts seats".
  "inflate", "inflates", "inflated", "inflating", "overcount", "overcounts", "overcounted", "overcounting", "undercount", "undercounts",
  "undercounted", "undercounting", "overstate", "overstates", "overstated", "understate", "understates", "understated",
  // How often a fault comes back: "the off-course alert goes off constantly".
  "constantly",
  // What is gone of itself: "importing a backup from 1.x wipes My filters".
  "wipe", "wipes", "wiped",
  // Sound that comes out wrong: "G.729 calls sound robotic since the transcoding change".
  "robotic", "distorted", "muffled", "crackling", "crackly",
  // What is left over or spills past its bounds: "an A40 merge leaves the appointments orphaned", "letters overflow onto a second page".
  "orphaned", "overflow", "overflows", "overflowed", "overflowing",
]);
/** Faults of a few words: "instead of", "out of order", "no longer", "off by", "all the time", "arrive without". */
const FAULT_PHRASE = [["instead", "of"], ["even", "though"], ["out", "of", "order"], ["out", "of", "sync"], ["no", "longer"], ["off", "by"], ["all", "the", "time"], ["every", "time"],
  // What comes in lacking a part of it: "delivery orders arrive without the modifiers".
  ["arrive", "without"], ["arrives", "without"], ["arrived", "without"], ["come", "in", "without"], ["comes", "in", "without"], ["came", "in", "without"],
  // A figure against the one it should match: "MRR for March is double what Stripe shows".
  ["double", "what"], ["half", "what"], ["triple", "what"], ["twice", "what"],
  // What ends of itself on some event: "timers in cook mode stop when I switch tabs".
  ["stop", "when"], ["stops", "when"], ["stop", "after"], ["stops", "after"],
  // How often, against how often it should: "fish bite way too often in the rain".
  ["too", "often"], ["too", "many", "times"],
  // A fault fixed once that returns: "YouTube ads are back since yesterday".
  ["are", "back"], ["is", "back"],
  // Part of what comes out is lost at its edge: "the summary PDF cuts off the capital gains section".
  ["cuts", "off"], ["cutting", "off"],
  // Where the reporter puts the fault: "the solver is fine, the problem is travel".
  ["problem", "is"], ["issue", "is"], ["problem", "was"], ["issue", "was"]];
/** Counted or charged twice over, after "double": "the roll-up double counts deals", "customers are double charged". */
const DOUBLED = new Set(["count", "counts", "counted", "counting", "charge", "charges", "charged", "book", "books", "booked"]);
/** Auxiliaries whose "not" says something does not happen: "does not find", "are not issued", "won't load". */
const AUXILIARY = new Set(["do", "does", "did", "is", "are", "was", "were", "am", "wo", "will", "has", "have", "had", "would"]);
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

/** A statement's passive or "get" verb: "settings are lost", "users get logged out", "VAT is computed on the discounted price". */
const PASSIVE = new Set(["is", "are", "was", "were", "get", "gets", "got", "gotten", "getting", "been"]);
/** Participles that say what something is, not what is done to it: "is based on", "is supposed to". */
const DESCRIBING = new Set(["based", "implemented", "used", "called", "named", "located", "defined", "supposed", "needed", "required", "expected",
  "wanted", "planned", "allowed", "meant", "intended", "interested", "done", "finished", "involved", "related", "concerned"]);
const IRREGULAR_PARTICIPLE = new Set(["sent", "lost", "set", "split", "shown", "made", "kept", "left", "put", "cut", "hit", "spent",
  "paid", "held", "sold", "told", "found", "taken", "given", "seen", "shut", "stuck", "thrown", "broken", "stolen", "drawn",
  "frozen", "chosen", "hidden", "forgotten", "overwritten", "eaten", "run", "read", "dropped", "stopped", "skipped", "mapped", "logged", "kicked", "charged", "reset"]);
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

/** A past participle: "respected", "sent"; not one that says what something is ("based", "supposed"). */
function isParticiple(word: string): boolean {
  return !DESCRIBING.has(word) && (IRREGULAR_PARTICIPLE.has(word) || /^[a-z]{2,}ed$/.test(word));
}

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
/** A relative pronoun before the verb: "results that are returned" describe the results. */
const RELATIVE = new Set(["that", "which", "who", "whom", "where"]);
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
  "show", "display", "render", "list", "mark", "treat", "count", "parse", "come", "comes", "came"]);
/** Verbs that make one thing into another. */
const TURNS_INTO = new Set(["turns", "turned", "converts", "converted", "changes", "changed", "becomes", "became", "rounds", "rounded"]);
/** How far after such a verb its "as" may stand: "shows people as", "reads the due dates as". */
const TAKES_AS_REACH = 6;
/** "as" that takes nothing for anything: "as well", "as soon as", "as expected". */
const AS_OTHER = new Set(["well", "soon", "expected", "usual", "before", "intended", "designed", "documented", "long", "far", "much", "many", "if", "though"]);

/** Where each command clause's verb stands ("send" in "please send the reminder ..."). */
export function commandHeads(words: readonly TypeWord[]): number[] {
  return clauses(words).filter(([from, end]) => isCommand(words, from, end)).map(([from, end]) => headOf(words, from, end));
}

/** For each word, whether its clause is a command ("send the reminder ...") rather than a statement. */
export function commandClauses(words: readonly TypeWord[]): boolean[] {
  const out = new Array<boolean>(words.length).fill(false);
  for (const [from, end] of clauses(words)) {
    if (!isCommand(words, from, end)) continue;
    for (let k = from; k < end; k++) out[k] = true;
  }
  return out;
}

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
  if (word === "not" && AUXILIARY.has(words[k - 1]?.word ?? "")) return `${words[k - 1]?.word === "wo" ? "will" : words[k - 1]?.word} not`;
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

/** Words a question opens with. */
const ASKING = new Set(["how", "why", "what", "where", "who", "when", "which", "does", "do", "did", "is", "are", "was", "were", "has", "have", "can", "could", "should", "will", "would", "any"]);

/**
 * Whether a clause of a sentence ending in "?" asks: its last clause does, and one that opens as a
 * question. "runners show as offline although they are running, heartbeat?" states a fault, then
 * guesses its cause.
 */
function asks(words: readonly TypeWord[], from: number, end: number): boolean {
  if (!words[from]?.question) return false;
  return end >= words.length || words[end]?.start === "sentence" || ASKING.has(words[from]?.word ?? "");
}

/** Clauses as [from, end) word ranges: a sentence or a part of one after `,` or `:`. */
function clauses(words: readonly TypeWord[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let k = 1; k <= words.length; k++) {
    if (k === words.length || words[k]?.start) {
      if (k > from) out.push([from, k]);
      from = k;
    }
  }
  return out;
}

function headOf(words: readonly TypeWord[], from: number, end: number): number {
  let head = from;
  while (head < end - 1 && FILLER.has(words[head]?.word ?? "")) head++;
  return head;
}

/** A clause that opens with a verb in base form: one known to open commands, or one whose object follows it ("page the on-call"). */
function isCommand(words: readonly TypeWord[], from: number, end: number): boolean {
  const head = headOf(words, from, end);
  const word = words[head]?.word ?? "";
  // A letter before a figure is a code, not a verb: "G.729 calls sound robotic", "H.264 streams stutter".
  if (DETERMINER.has(word) || /^\d/.test(word) || word.length < 2 || notBaseForm(word)) return false;
  // Written in capitals or joined by a hyphen, a verb's letters are a name or a noun: "TURN credentials expire", "port-in orders get rejected".
  if (words[head]?.caps || words[head]?.hyphened) return false;
  if (SUBORDINATOR.has(word)) return commandAfter(words, head + 1, end);
  const next = head + 1 < end ? words[head + 1]?.word ?? "" : "";
  // "round robin always gives the meeting to the same rep": a compound subject, then how often.
  if (!OBJECT.has(next) && HOW_OFTEN.has(words[head + 2]?.word ?? "") && head + 3 < end) return false;
  // "call recordings are deleted after 30 days", "update intervals are ignored", "list order should put children first":
  // a compound subject, then its verb.
  if (!OBJECT.has(next) && next !== "" && (PLURAL_VERB.has(words[head + 2]?.word ?? "") || MODAL.has(words[head + 2]?.word ?? ""))) return false;
  return COMMAND.has(word) || (OBJECT.has(next) && !subjectAfter(words, head + 1, end)) || (/^\d/.test(next) && !verbAfterNumber(words, head + 2, end));
}

/**
 * Whether a word and a figure are a name ("Class 2", "plan 2 student loan repayments", "FB-2231"), the
 * subject of a verb further on: "Class 2 is still charged", "Level 7 referees get appointed", "FB-2231 last
 * will messages not published". A command's figure counts its object ("bump 3 crates to ...").
 */
function verbAfterNumber(words: readonly TypeWord[], from: number, end: number): boolean {
  for (let k = from; k < end; k++) {
    const word = words[k]?.word ?? "";
    if (SUBORDINATOR.has(word) || RELATIVE.has(word)) return false;
    if (FINITE.has(word) || PLURAL_VERB.has(word) || PASSIVE.has(word) || FAULT.has(word)) return true;
    if (word === "not" && isParticiple(words[k + 1]?.word ?? "")) return true;
  }
  return false;
}

/** Modals after a compound subject: "list order should put ...", "sort keys must be stable", "print jobs won't start". */
const MODAL = new Set(["should", "must", "would", "could", "can", "will", "wo", "shouldn", "mustn", "isn", "wasn", "doesn", "didn"]);

/** Verbs a plural subject comes before: "call recordings are deleted", "drop rates were wrong". */
const PLURAL_VERB = new Set(["are", "were", "have", "don", "do", "aren", "weren"]);

/** Adverbs of how often, between a statement's subject and its verb. */
const HOW_OFTEN = new Set(["always", "never", "still", "sometimes", "often", "randomly"]);

/** How far after an "it" its verb may stand: "it do not", "it records are". */
const SUBJECT_REACH = 2;

/**
 * Whether the "it" at `at` is a subject, a finite verb after it: a module's name is read as "it"
 * (see `maskAsWord`), so "PDF reports do not show the flags" reads "pdf it do not show" and
 * "duplicate patient records are merged" "duplicate it records are merged": a statement about the
 * reports, not a command "pdf it". A command's "it" is its object ("speed it up", "fix it").
 */
function subjectAfter(words: readonly TypeWord[], at: number, end: number): boolean {
  if (words[at]?.word !== "it") return false;
  // "SCC captions drift by 1 s": a fault's verb right after it is its verb too.
  if (at + 1 < end && FAULT.has(words[at + 1]?.word ?? "")) return true;
  // "tree supports fuse to the model and won't come off": a negated auxiliary further on is its verb's.
  for (let k = at + 2; k + 1 < Math.min(end, at + 2 + NEGATION_REACH) && !SUBORDINATOR.has(words[k]?.word ?? ""); k++) if ((words[k]?.word === "wo" || words[k]?.word === "don" || words[k]?.word === "doesn") && words[k + 1]?.word === "not") return true;
  for (let k = at + 1; k < Math.min(end, at + 1 + SUBJECT_REACH); k++) if (FINITE.has(words[k]?.word ?? "")) return true;
  // Further on when a phrase describes it first: "TOML front matter with a date like 2024-03-01 is read as UTC";
  // not past a condition ("page it when the queue is full").
  if (words[at + 1]?.word !== "with") return false;
  for (let k = at + 2; k < end && !SUBORDINATOR.has(words[k]?.word ?? ""); k++) if (FINITE.has(words[k]?.word ?? "")) return true;
  return false;
}

/** How far after an "it" its negated auxiliary may stand: "it fuse to the model and won't". */
const NEGATION_REACH = 8;

/** Finite verbs a clause's subject comes before. */
const FINITE = new Set(["is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "wo", "can", "cannot"]);

/**
 * An -ing or -ed form opens a statement, not a command: its phrase is the subject ("moving a table
 * to another table loses the dessert course", "required modifier groups can be skipped").
 */
function notBaseForm(word: string): boolean {
  if (COMMAND.has(word)) return false;
  return /^[a-z]{3,}ing$/.test(word) || (/^[a-z]{3,}ed$/.test(word) && !ENDS_IN_ED.has(word)) || (/^[a-z]{3,}ly$/.test(word) && !ENDS_IN_LY.has(word));
}

/**
 * Base forms that end in -ly: "apply the discount", "reply to the thread". Other -ly words open
 * a statement's subject ("monthly reserve export is missing the closed claims", "nightly build fails").
 */
const ENDS_IN_LY = new Set(["apply", "reply", "supply", "multiply", "rely", "comply", "imply", "fly", "ally", "tally", "rally", "bully"]);

/** Base forms that end in -ed: "embed the player", "seed the database". */
const ENDS_IN_ED = new Set(["embed", "feed", "seed", "speed", "need", "shed", "proceed", "succeed", "exceed", "breed", "bleed", "heed", "weed"]);

/** Words that open a condition: "when the screen is offline nothing prints" states a fault, "when it fails send a mail" commands. */
const SUBORDINATOR = new Set(["when", "whenever", "if", "once", "after", "before", "while", "since", "because", "until", "unless"]);

/** Whether a command verb stands in the rest of a clause that opens with a condition: "if the user is banned send an email". */
function commandAfter(words: readonly TypeWord[], from: number, end: number): boolean {
  for (let k = from; k < end; k++) if (COMMAND.has(words[k]?.word ?? "")) return true;
  return false;
}
