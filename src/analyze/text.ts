/** Character range in the request, so a later pass can mask what an earlier one used. */
export interface Span {
  start: number;
  end: number;
}

/** A whitespace-delimited piece of the request without surrounding quotes and punctuation. */
export interface Chunk extends Span {
  text: string;
}

/** A word for name matching: lower-cased, with its place in the request. */
export interface Token extends Span {
  word: string;
}

const LEADING = /^[("'`[{<]+/;
const TRAILING = /[)"'`\]}>,;:!?.]+$/;

export function chunks(request: string): Chunk[] {
  const out: Chunk[] = [];
  for (const match of request.matchAll(/\S+/g)) {
    const lead = LEADING.exec(match[0])?.[0].length ?? 0;
    const text = match[0].slice(lead).replace(TRAILING, "");
    const start = match.index + lead;
    if (text) out.push({ start, end: start + text.length, text });
  }
  return out;
}

/** Replaces the spans with spaces; offsets stay valid. */
export function mask(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const { start, end } of spans) {
    out = out.slice(0, start) + " ".repeat(end - start) + out.slice(end);
  }
  return out;
}

/**
 * Replaces each span with the word `it`, padded with spaces (spaces alone for a one-letter
 * span); offsets stay valid. For the task type, a masked name or path still stands where
 * it was written: "the importer has a bug" reads "the it has a bug", not "has a bug"
 * (which would open a question).
 */
export function maskAsWord(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const { start, end } of spans) {
    const word = end - start >= 2 ? `it${" ".repeat(end - start - 2)}` : " ".repeat(end - start);
    out = out.slice(0, start) + word + out.slice(end);
  }
  return out;
}

/**
 * Words for name matching. camelCase and SCREAMING_CASE split like snake_case, so
 * `OrderBook`, `ORDER_BOOK`, `order-book` and `order book` give the same words.
 */
export function nameTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+/g)) {
    out.push({ word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/**
 * Words for keyword scoring: lower-cased, split on anything but letters and digits, so
 * a hyphenated word counts as its parts (`speed-up` is `speed up`). camelCase is not
 * split here: an identifier such as `addEventListener` states no intent. `n't` reads
 * as `not` so that "isn't working" (or "isnt working") meets the phrase "not working". A snake_case identifier is
 * one word, as a camelCase one is: `hal_uart_write` names a function, it asks for no writing.
 */
export function typeWords(text: string): string[] {
  const plain = text
    .toLowerCase()
    .replace(/\bcan['\u2019]?t\b/g, "can not")
    .replace(/n['\u2019]t\b/g, " not")
    // Written without the apostrophe, as often in quick tickets: "it dont appear", "doesnt load".
    .replace(/\b(do|does|did|is|are|was|were|has|have|had|wo|could|would|should)nt\b/g, "$1 not");
  // Underscores stay in the word, also at its edge: a name masked out of `hal_uart_write` leaves `_write`.
  return plain.match(/_*[a-z0-9]+(?:_+[a-z0-9]+)*_*/g) ?? [];
}

/**
 * Singular form for the plural tolerance of names: `events` -> `event`,
 * `balances` -> `balance`, `classes` -> `class`, `entries` -> `entry`.
 * Words ending in `ss`, `us` or `is` are left alone (`address`, `status`, `analysis`).
 */
export function singular(word: string): string {
  if (word.length <= 3 || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}
