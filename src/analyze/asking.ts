import { KEYWORDS, NEUTRAL, NOUNS, inflects } from "./keywords.js";
import { typeWords } from "./text.js";

/** A word for keyword scoring, and whether a sentence (`.`, `;`, `?`, `!`, a line) or a clause (`,`, `:`) starts at it. */
export interface TypeWord {
  word: string;
  start: "sentence" | "clause" | "";
  /** The word's sentence ends with a question mark. */
  question: boolean;
  /** The clause it opens follows a colon or a dash, not a comma: "plan the failover: which parts ...". */
  afterColon?: boolean;
  /** Written in capitals where it stands (`TURN`, `SET`): a name's letters rather than a verb. */
  caps?: boolean;
  /** Joined to the next word by a hyphen (`port-in`, `check-out`): a noun's part rather than a verb. */
  hyphened?: boolean;
}

/**
 * A request that opens by asking (a question, "explain ...", "review ...") and the
 * words it asks about, `from` up to `end`. Those words are what is asked about, not
 * what is asked for: "explain how invoices are built" builds nothing.
 */
export interface Asking {
  at: number;
  text: string;
  from: number;
  end: number;
  /**
   * "explain", "describe", "walk me through": every keyword of the clause is what is
   * to be explained ("explain why the journal crashes" wants an explanation, not a fix).
   * Otherwise (a question, "review") only actions are: a symptom still decides, so
   * "why does the importer crash?" is debug, "why is the report slow?" optimize.
   */
  explains: boolean;
  /** Where "for" stands in a review's words: what follows is what to look for ("review the page layer for anything that slows down first paint"). */
  lookingFor?: number;
}

/** Verbs that ask for an explanation, as written at the head of a clause. Not task keywords elsewhere: "the describe command". */
const EXPLAIN = ["explain", "describe", "summarize", "summarise", "clarify", "understand", "let me know", "let us know",
  "give me an overview", "give an overview", "give me a summary",
  "walk through", "walk me through", "walk us through", "tell me", "tell us", "show me", "show us"].map((p) => p.split(" "));
/** Analyze verbs in base form ("review", "look into"), from the keywords. */
const REVIEW = KEYWORDS.analyze.filter((k) => !NOUNS.has(k)).map((p) => p.split(" "));
/** Phrases that name a thing: "review comments on the importer" asks for no review. */
const THINGS = NEUTRAL.map((p) => p.split(" "));
const QUESTION = new Set(["how", "why", "what", "where", "who", "when"]);
/** What follows a question word in a question ("how does", "what's", "how to", "what happens"). */
const AUXILIARY = new Set(["does", "do", "did", "is", "are", "was", "were", "can", "could", "should", "would", "will", "s", "to", "happens", "happened", "come"]);
/** Words before the verb of a polite or indirect request: "can you explain", "I'd like to understand", "help me understand". */
const FILLER = new Set(["please", "pls", "kindly", "can", "could", "would", "will", "you", "i", "we", "d", "like", "want", "need", "to",
  "me", "us", "help", "also", "now", "first", "briefly", "quickly", "just", "so", "and", "then", "ok", "okay", "hey", "hi"]);
/**
 * Verbs that open a yes/no question about the code: "does the importer handle BOMs?", "is the
 * journal thread-safe", "can the exporter write CSV?". Only at a sentence's head, or after a
 * comma with a question mark ("quick question: does ...?").
 */
const YES_NO = new Set(["does", "do", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could", "should", "will", "would"]);
/** Also requests ("do the renames", "have a look at the journal"): questions only with a question mark. */
const YES_NO_MARKED = new Set(["do", "have"]);
/**
 * Whom a polite request addresses: "can you add a flag", "could someone fix the test", "are you
 * able to fix it" ask for the work; "should we split the importer?", "does anyone know why"
 * ask a question.
 */
const ADDRESSEE = new Set(["you", "u", "we", "i", "someone", "somebody", "anyone", "anybody"]);
const MODAL = new Set(["can", "could", "would", "will"]);
/**
 * "is it possible to add ...", "would it be possible to ...": a polite request; "is it possible that ..." asks.
 * Also as people write it without the "it": "is possible to have the tables for cups?".
 */
const POSSIBLE = [["it", "possible", "to"], ["it", "be", "possible", "to"], ["possible", "to"]];
const CONJUNCTION = new Set(["and", "then", "but", "so", "also"]);
/** Words between a conjunction and the verb it joins: "and then please fix it", "and make it faster". */
const JOINING = new Set(["then", "also", "please", "just", "now", "make", "it", "them"]);
/** Verbs and symptoms, for "explain the crash and fix it": a base form after a conjunction starts a new request. */
const IMPERATIVE = Object.values(KEYWORDS).flatMap((list) => list.filter((k) => !NOUNS.has(k)).map((p) => p.split(" ")));

/** Words of a text with sentence and clause starts; the same words as `typeWords(text)`. */
export function clauseWords(text: string): TypeWord[] {
  const out: TypeWord[] = [];
  // Sentences at even places, each followed by its end (`?`, `. `, a line break).
  const parts = text.split(/([.;!?\n]+(?:\s|$))/);
  for (let p = 0; p < parts.length; p += 2) {
    const question = parts[p + 1]?.includes("?") ?? false;
    let start: TypeWord["start"] = "sentence";
    // Separators at odd places: a dash between spaces parts clauses as a colon does.
    const pieces = (parts[p] ?? "").split(/([,:]+(?:\s|$)|\s[-\u2013\u2014]+\s)/);
    for (let c = 0; c < pieces.length; c += 2) {
      const afterColon = c > 0 && !(pieces[c - 1] ?? "").includes(",");
      const piece = pieces[c] ?? "";
      // Only a clause's first word is asked about (`symptom.ts`): the piece's own first word, as written.
      const first = /^[^A-Za-z0-9]*([A-Za-z]+)(-[A-Za-z])?/.exec(piece);
      let head = true;
      for (const word of typeWords(piece)) {
        const marks = head && first ? headMarks(first, word) : {};
        out.push({ word, start, question, ...(start === "clause" && afterColon ? { afterColon } : {}), ...marks });
        start = "";
        head = false;
      }
      if (start === "") start = "clause";
    }
  }
  return out;
}

/** Each clause that opens by asking, and the words it asks about. */
export function findAsking(words: readonly TypeWord[]): Asking[] {
  const out: Asking[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!words[i]?.start && !CONJUNCTION.has(words[i - 1]?.word ?? "")) continue;
    const asks = yesNoAt(words, i);
    if (asks !== undefined) {
      const end = clauseEnd(words, asks);
      out.push({ at: i, text: words[i]?.word ?? "", from: asks, end, explains: false });
      i = end - 1;
      continue;
    }
    let at = i;
    while (at < words.length && FILLER.has(words[at]?.word ?? "") && !words[at + 1]?.start) at++;
    const opener = openerAt(words, at);
    if (!opener) continue;
    const from = at + opener.length;
    const end = clauseEnd(words, from);
    const lookingFor = opener.reviews ? words.slice(from, end).findIndex((w) => w.word === "for") : -1;
    out.push({ at, text: words.slice(at, from).map((w) => w.word).join(" "), from, end, explains: opener.explains, ...(lookingFor > 0 ? { lookingFor: from + lookingFor } : {}) });
    i = end - 1;
  }
  return out;
}

/**
 * Where the words a yes/no question asks about start, when one opens at `at`: after the
 * verb and a "not" ("doesn't the journal reject ..."), at a subject that is not the one
 * addressed ("can you add ...") and not a verb ("should add a cache" asks for one).
 */
function yesNoAt(words: readonly TypeWord[], at: number): number | undefined {
  const w = words[at];
  if (!w || !YES_NO.has(w.word)) return undefined;
  if (w.start !== "sentence" && !w.question) return undefined;
  if (YES_NO_MARKED.has(w.word) && !w.question) return undefined;
  // "can't remove a site from the list", "doesn't save the draft": without a question mark, a fault told, not asked.
  if (words[at + 1]?.word === "not" && !w.question) return undefined;
  const from = words[at + 1]?.word === "not" ? at + 2 : at + 1;
  const subject = words[from];
  if (!subject || subject.start) return undefined;
  if (ADDRESSEE.has(subject.word) && (MODAL.has(w.word) || phraseAt(words, from + 1, ["able", "to"], true))) return undefined;
  if (POSSIBLE.some((p) => phraseAt(words, from, p, true))) return undefined;
  if (IMPERATIVE.some((p) => phraseAt(words, from, p, false))) return undefined;
  return from;
}

function openerAt(words: readonly TypeWord[], at: number): { length: number; explains: boolean; reviews?: boolean } | undefined {
  const word = words[at]?.word ?? "";
  const next = words[at + 1];
  if (QUESTION.has(word) && next && !next.start && AUXILIARY.has(next.word)) return { length: 2, explains: false };
  // "what decides which articles go into the feed?": at a question's head, whatever verb follows.
  if (QUESTION.has(word) && next && !next.start && words[at]?.start === "sentence" && words[at]?.question) return { length: 1, explains: false };
  // At a sentence's head only: after a comma "which" starts a relative clause.
  // After a colon or a dash it asks as at a head: "plan the DR failover: which parts need a second region?".
  if (word === "which" && (words[at]?.start === "sentence" || (words[at]?.afterColon && words[at]?.question))) return { length: 1, explains: false };
  const explain = EXPLAIN.find((p) => phraseAt(words, at, p, true));
  if (explain) return { length: explain.length, explains: true };
  if (THINGS.some((p) => phraseAt(words, at, p, false))) return undefined;
  const review = REVIEW.find((p) => phraseAt(words, at, p, true));
  return review ? { length: review.length, explains: false, reviews: true } : undefined;
}

/** The end of the sentence, or a verb in base form after a conjunction or comma ("explain the crash and fix it"). */
function clauseEnd(words: readonly TypeWord[], from: number): number {
  for (let k = from; k < words.length; k++) {
    const w = words[k];
    if (!w) break;
    if (w.start === "sentence") return k;
    if (k === from || (w.start !== "clause" && !CONJUNCTION.has(words[k - 1]?.word ?? ""))) continue;
    let verb = k;
    while (JOINING.has(words[verb]?.word ?? "") && !words[verb + 1]?.start) verb++;
    if (IMPERATIVE.some((p) => phraseAt(words, verb, p, false))) return k;
  }
  return words.length;
}

/** The phrase at `at`, its first word in base form; with `exact`, every word as written. */
function phraseAt(words: readonly TypeWord[], at: number, phrase: readonly string[], exact: boolean): boolean {
  return phrase.every((stem, k) => {
    const w = words[at + k];
    if (!w || (k > 0 && w.start)) return false;
    return k === 0 || exact ? w.word === stem : inflects(w.word, stem);
  });
}

/** Whether a clause's first word, as written, is in capitals (of 3 letters or more) or joined to the next by a hyphen. */
function headMarks(first: RegExpExecArray, word: string): Pick<TypeWord, "caps" | "hyphened"> {
  const written = first[1] ?? "";
  if (written.toLowerCase() !== word) return {};
  return {
    ...(written.length >= 3 && written === written.toUpperCase() ? { caps: true } : {}),
    ...(first[2] !== undefined ? { hyphened: true } : {}),
  };
}
