import type { Intent } from "./keywords.js";
import { typeWords } from "./text.js";

/** A word that counts towards a type: where it stands, as written, and whether it is a noun (nouns count only without verbs). */
export interface TypeHit {
  intent: Intent;
  at: number;
  text: string;
  noun: boolean;
}

const EXCEPTION_NAME = /\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b/g;
/**
 * An HTTP error status something answered ("returns 500", "gives a 401", "webhook calls return 422" after a
 * plural subject) or someone got ("he get 500 and not 401"); "return 404 for ..." and "always return 404" ask for one.
 */
const ERROR_STATUS = /\b(?:returns|returned|returning|gives|gave|giving|throws|threw|responds with|answers with|fails with|gets?|got|getting|receives?|received)\s+(?:an?\s+)?(?:http\s+)?[45]\d\d\b/gi;
/** "return 422" after a word: an answer when that word is a plural subject (see `byPluralSubject`). */
const RETURN_STATUS = /\breturn\s+(?:an?\s+)?(?:http\s+)?[45]\d\d\b/gi;
/** Words in -s before "return" that are no plural subject: "always return 404", "does it return 500". */
const NOT_PLURAL = new Set(["always", "does", "is", "was", "has", "this", "its", "us", "please", "pls"]);
/** A query or call per item where one would do: "does one query per answer", "makes an HTTP request for each row". */
const PER_ITEM = /\b(?:one|a|an|1)\s+(?:sql\s+|db\s+|database\s+|http\s+|api\s+|network\s+)?(?:query|select|request|call|round\s*trip)\s+(?:per|for\s+each|for\s+every)\b/gi;
/** How long something takes, in figures ("takes 8 seconds to load", "took over 3 hours"): slowness reported. */
const DURATION = /\b(?:take|takes|took|taking)\s+(?:(?:over|about|around|almost|nearly|more than|up to)\s+)?(?:\d+(?:[.,]\d+)?\s*|(?:two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+)(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b/gi;
/** A time stated in figures ("queue times are over 5 minutes", "load time was 9 s"): slowness reported. */
const TIME_IS = /\btimes?\s+(?:is|are|was|were)\s+(?:(?:over|about|around|almost|nearly|more than|up to|at least)\s+)?\d+(?:[.,]\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b/gi;
/**
 * A tool's error line pasted as it printed it: "│ Error: creating EC2 NAT Gateway: ..." (Terraform's box),
 * "error[E0382]: borrow of moved value", "ERROR: relation does not exist". The words after it are the tool's.
 */
const ERROR_LINE = /\b(?:error|fatal)(?:\[[A-Za-z0-9]+\])?:(?=[ \t])/gi;
/** What may stand before such a line's word on its line: Terraform's box, a quote's ">", indentation. */
const LINE_LEAD = /^[ \t│|>]*$/;

/** Whether only a line's lead (up to 8 characters of it) stands before `at` on its line; a bounded look back. */
function opensLine(text: string, at: number): boolean {
  const from = Math.max(0, at - 9);
  const lead = text.slice(from, at);
  const line = lead.lastIndexOf("\n");
  return line >= 0 ? LINE_LEAD.test(lead.slice(line + 1)) : from === 0 && LINE_LEAD.test(lead);
}
/** A bill by the month ("$9k a month", "€400/day"): with a word to cut it, what it costs to run is the work. */
const COST_RATE = /[$€£]\s?\d[\d,.]*\s*[km]?\s*(?:a|an|per|\/)\s*(?:month|mo|year|yr|day|week|hour|hr)\b/gi;
const CUT = /\b(?:cut|reduce|lower|trim|bring (?:it |that |this )?down|save)\b/i;
/** Whether the word before `at` is a plural subject: "webhook calls return 422". */
function byPluralSubject(text: string, at: number): boolean {
  const before = /([a-z]{2,}s)\s+$/i.exec(text.slice(Math.max(0, at - 40), at))?.[1]?.toLowerCase();
  return before !== undefined && !NOT_PLURAL.has(before);
}

/**
 * The index of the word at a match's start (a word boundary), counted on from the last match's:
 * counting from the text's start for each was quadratic (7,000 "one query per" in 100 KB took 17 s).
 */
function wordCounter(text: string): (index: number) => number {
  let from = 0;
  let count = 0;
  return (index) => {
    if (index < from) [from, count] = [0, 0];
    count += typeWords(text.slice(from, index)).length;
    from = index;
    return count;
  };
}

/**
 * Hits read off the text as written, not its words: an exception's class name, an error status, a tool's
 * error line (debug); a duration, a time in figures, a query per item, a bill to cut (optimize). Words already
 * used (by what a question explains) count for nothing.
 */
export function patternHits(text: string, used: readonly boolean[]): TypeHit[] {
  const hits: TypeHit[] = [];
  // An exception's class name (`TypeError`, `IllegalStateException`) and an error status are a bug report, unless to be explained.
  const wordAt = wordCounter(text);
  const errorLines = [...text.matchAll(ERROR_LINE)].filter((m) => opensLine(text, m.index));
  for (const m of [...errorLines, ...text.matchAll(EXCEPTION_NAME), ...text.matchAll(ERROR_STATUS), ...[...text.matchAll(RETURN_STATUS)].filter((r) => byPluralSubject(text, r.index))]) {
    const at = wordAt(m.index);
    if (!used[at]) hits.push({ intent: "debug", at, text: /^[A-Z]/.test(m[0]) ? m[0] : m[0].toLowerCase(), noun: false });
  }
  const costs = CUT.test(text) ? [...text.matchAll(COST_RATE)] : [];
  for (const m of [...text.matchAll(DURATION), ...text.matchAll(TIME_IS), ...text.matchAll(PER_ITEM), ...costs]) {
    const at = wordAt(m.index);
    if (!used[at]) hits.push({ intent: "optimize", at, text: m[0].toLowerCase(), noun: false });
  }
  return hits;
}
