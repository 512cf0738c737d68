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
  return overwrite(text, spans, () => " ");
}

/**
 * The text with each span's characters given by `at` (a later span over an earlier), in one array:
 * a new string per span, sliced around it, was quadratic (6,000 paths in a 120 KB request took seconds).
 */
function overwrite(text: string, spans: readonly Span[], at: (k: number, span: Span) => string): string {
  if (spans.length === 0) return text;
  const units = text.split("");
  for (const span of spans) {
    for (let k = span.start; k < Math.min(span.end, units.length); k++) units[k] = at(k, span);
  }
  return units.join("");
}

/** The span of `spans` (in order, apart) holding `hit` whole, by halving. */
export function spanHolding(spans: readonly Span[], hit: Span): Span | undefined {
  let [low, high] = [0, spans.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (span.end <= hit.start) low = mid + 1;
    else if (span.start > hit.start) high = mid - 1;
    else return hit.end <= span.end ? span : undefined;
  }
  return undefined;
}

/**
 * Replaces each span with the word `it`, padded with spaces (spaces alone for a one-letter
 * span); offsets stay valid. For the task type, a masked name or path still stands where
 * it was written: "the importer has a bug" reads "the it has a bug", not "has a bug"
 * (which would open a question).
 */
export function maskAsWord(text: string, spans: readonly Span[]): string {
  return overwrite(text, spans, (k, { start, end }) => (end - start < 2 ? " " : k === start ? "i" : k === start + 1 ? "t" : " "));
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
