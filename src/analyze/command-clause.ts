import type { TypeWord } from "./asking.js";
import { FAULT, PASSIVE, isParticiple } from "./fault-words.js";

/**
 * The clauses of a request and which of them are commands ("send the reminder ...") rather than
 * statements ("the reminder is sent twice") or questions: a clause opening with a verb in base form
 * commands, one opening with a subject states. Everything here looks at a word and a few after it.
 */

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

/** A relative pronoun before the verb: "results that are returned" describe the results. */
export const RELATIVE = new Set(["that", "which", "who", "whom", "where"]);

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

/** Words a question opens with. */
const ASKING = new Set(["how", "why", "what", "where", "who", "when", "which", "does", "do", "did", "is", "are", "was", "were", "has", "have", "can", "could", "should", "will", "would", "any"]);

/**
 * Whether a clause of a sentence ending in "?" asks: its last clause does, and one that opens as a
 * question. "runners show as offline although they are running, heartbeat?" states a fault, then
 * guesses its cause.
 */
export function asks(words: readonly TypeWord[], from: number, end: number): boolean {
  if (!words[from]?.question) return false;
  return end >= words.length || words[end]?.start === "sentence" || ASKING.has(words[from]?.word ?? "");
}

/** Clauses as [from, end) word ranges: a sentence or a part of one after `,` or `:`. */
export function clauses(words: readonly TypeWord[]): Array<[number, number]> {
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

export function headOf(words: readonly TypeWord[], from: number, end: number): number {
  let head = from;
  for (;;) {
    while (head < end - 1 && FILLER.has(words[head]?.word ?? "")) head++;
    // A polite request's verb comes after whom it asks: "can we make the offer timeout configurable per city?".
    if (head < end - 2 && POLITE.has(words[head]?.word ?? "") && ASKED.has(words[head + 1]?.word ?? "")) head += 2;
    else return head;
  }
}

/** Modals that open a polite request, and whom it asks: "can you", "could we", "would someone". */
const POLITE = new Set(["can", "could", "would", "will"]);
const ASKED = new Set(["you", "u", "we", "someone", "somebody", "anyone"]);

/** A clause that opens with a verb in base form: one known to open commands, or one whose object follows it ("page the on-call"). */
export function isCommand(words: readonly TypeWord[], from: number, end: number): boolean {
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
  // So with a place after the compound subject: "Block hours in the payroll export are 1 hour short".
  if (!OBJECT.has(next) && next !== "" && PLACE.has(words[head + 2]?.word ?? "") && pluralVerbAfter(words, head + 3, end)) return false;
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
    if (FINITE.has(word) || PLURAL_VERB.has(word) || PASSIVE.has(word) || FAULT.has(word) || REPORTS.has(word)) return true;
    if (word === "not" && isParticiple(words[k + 1]?.word ?? "")) return true;
  }
  return false;
}

/** A named thing's verbs of what it shows or does: "seat 12A shows free on the seat map", "gate B4 says boarding". */
const REPORTS = new Set(["shows", "says", "reads", "displays", "returns", "gives", "prints", "lists", "goes", "comes", "gets", "fails", "crashes"]);

/** Prepositions that open where a compound subject's thing is: "block hours in the payroll export". */
const PLACE = new Set(["in", "on", "of", "from", "for", "at"]);
/** How far after its place a compound subject's verb may stand: "in the payroll export are". */
const PLACE_REACH = 4;

/** Whether a plural verb follows a place's few words, before a relative pronoun or condition opens another clause. */
function pluralVerbAfter(words: readonly TypeWord[], from: number, end: number): boolean {
  for (let k = from; k < Math.min(end, from + PLACE_REACH); k++) {
    const word = words[k]?.word ?? "";
    if (RELATIVE.has(word) || SUBORDINATOR.has(word) || COMMAND.has(word)) return false;
    if (word === "are" || word === "were" || word === "aren" || word === "weren") return true;
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
  // So after one more noun, when "it" is a name inside a compound subject: "home battery reserve drops to 0%".
  if (at + 2 < end && /^[a-z]{3,}$/.test(words[at + 1]?.word ?? "") && FAULT.has(words[at + 2]?.word ?? "")) return true;
  // A ticket's passive without its auxiliary: "Private channel archived but members still see it".
  if (at + 1 < end && /^[a-z]{3,}ed$/.test(words[at + 1]?.word ?? "") && isParticiple(words[at + 1]?.word ?? "")) return true;
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
export const SUBORDINATOR = new Set(["when", "whenever", "if", "once", "after", "before", "while", "since", "because", "until", "unless"]);

/** Whether a command verb stands in the rest of a clause that opens with a condition: "if the user is banned send an email". */
function commandAfter(words: readonly TypeWord[], from: number, end: number): boolean {
  // A verb after "not" or an auxiliary is a statement's: "when a flight is delayed the tracker doesn't warn ...".
  for (let k = from; k < end; k++) if (COMMAND.has(words[k]?.word ?? "") && !NOT_HEAD.has(words[k - 1]?.word ?? "")) return true;
  return false;
}

/** Words before a verb that make it no command's: "does not warn", "will warn", "to warn". */
const NOT_HEAD = new Set(["not", "does", "do", "did", "will", "would", "can", "could", "should", "to"]);
