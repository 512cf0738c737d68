import type { Block } from "./markdown.js";
import { codespans } from "./codespans.js";

/**
 * The blocks of a spec written in plain markdown, read line by line without marked: ATX
 * headings, paragraphs, single-line list items and closed fenced code blocks, nothing
 * indented. Returns undefined at the first construct outside that set (indentation, tabs,
 * tables, quotes, HTML, setext headings, rules, lazy continuations, trailing spaces), and
 * parseBlocks then lexes the whole text with marked. Where it answers, it answers exactly
 * what marked's blocks give (test/spec/simple-blocks.test.ts compares the two), in a
 * fraction of the time: marked was most of a cold `plan` of 10,000 specs.
 */
export function simpleBlocks(text: string, firstLine = 1): Block[] | undefined {
  if (text.includes("\r")) return undefined;
  // Spaces on the last line, with no line end after them, continue a paragraph in marked.
  const lastStart = text.lastIndexOf("\n") + 1;
  if (lastStart < text.length && spacesOnly(text, lastStart, text.length)) return undefined;
  // Tabs and pipes are left to marked outside code: where the text has none, no line is searched for them.
  // The next tab and pipe from the line read on (-1: none left), each looked for again only once passed.
  let nextTab = text.indexOf("\t");
  let nextPipe = text.indexOf("|");
  const tabsOrPipes = nextTab >= 0 || nextPipe >= 0;
  const out: Block[] = [];
  // Read in place, line by line from offsets: splitting into lines and matching each line made
  // a string and a match array a line, most of the 130 MB this allocated for 10,000 specs. Paragraphs
  // and code are slices of the spec's text (kept with its module anyway), so they keep no copy alive.
  /** The open paragraph's first line (-1 when none is open), its offset, and where its last line ends. */
  let paraLine = -1;
  let paraFrom = 0;
  let paraTo = 0;
  /** Right after a list item (no blank line since): a plain line here would continue it. */
  let afterItem = false;
  const closePara = () => {
    if (paraLine >= 0) out.push(textBlock(text.slice(paraFrom, paraTo), paraLine + firstLine, false));
    paraLine = -1;
  };

  for (let i = 0, start = 0; start <= text.length; i++) {
    const found = text.indexOf("\n", start);
    const end = found < 0 ? text.length : found;
    const first = text.charCodeAt(start);
    if (end === start || (first === SPACE && spacesOnly(text, start, end))) {
      closePara();
      afterItem = false;
      start = end + 1;
      continue;
    }
    if (tabsOrPipes) {
      if (nextTab >= 0 && nextTab < start) nextTab = text.indexOf("\t", start);
      if (nextPipe >= 0 && nextPipe < start) nextPipe = text.indexOf("|", start);
      if ((nextTab >= 0 && nextTab < end) || (nextPipe >= 0 && nextPipe < end)) return undefined;
    }
    // Each test below is tried only on lines starting with a character it can start with: most lines are prose.
    const starts = first < 128 ? STARTS[first]! : 0;
    // Where a list item's marker (`-`, `*`, `+`, `1.`, `2)`) ends, -1 when the line starts with none.
    const marker = starts & ITEM_START ? markerEnd(text, start, end) : -1;
    if (starts & OUTSIDE_START && matchesAt(OUTSIDE, text, start)) return undefined;
    // An empty item (`*`, `+`, `1.`), which marked reads as a list.
    if (marker === end && first !== DASH) return undefined;
    const hashes = starts & HEADING_START ? runOf(text, start, end, HASH) : 0;
    // `#` to `######`, then a space or the line end.
    if (hashes > 0 && hashes <= 6 && (start + hashes === end || text.charCodeAt(start + hashes) === SPACE)) {
      closePara();
      afterItem = false;
      // A title (`# 📦 LEDGER_AGENT`) is its spec's own: memoised, 10,000 specs' titles were each copied twice into
      // the memo, kept there to be found by no other spec, and filled it until it was cleared.
      const raw = headingText(text.slice(start + hashes, end));
      out.push({ kind: "heading", depth: hashes, text: hashes === 1 ? plainOf(raw) : plain(raw), line: i + firstLine });
      start = end + 1;
      continue;
    }
    const fenceRun = starts & FENCE_START ? runOf(text, start, end, first) : 0;
    if (fenceRun >= 3) {
      const info = text.slice(start + fenceRun, end);
      if (first === BACKTICK && info.includes("`")) return undefined;
      const close = closingLine(text, end + 1, text.slice(start, start + fenceRun));
      if (!close) return undefined;
      closePara();
      afterItem = false;
      // marked keeps a closing blank line of the content as a line end of its own.
      const body = close.from > end + 1 ? text.slice(end + 1, close.from - 1) : "";
      const code = close.from > end + 1 && text.charCodeAt(close.from - 2) === NEWLINE ? `${body}\n` : body;
      out.push({ kind: "code", lang: unescapePunctuation(info.trim()).trim().toLowerCase(), text: code, line: i + 1 + firstLine });
      i += close.lines;
      start = close.to + 1;
      continue;
    }
    if (text.charCodeAt(end - 1) === SPACE) return undefined;
    // A marker then a space or the line end is an item (`-dash` and `3.14 is pi` are prose); marked's own business unless one space and the content follow.
    if (marker >= 0 && (marker === end || text.charCodeAt(marker) === SPACE)) {
      if (marker === end || text.charCodeAt(marker + 1) === SPACE) return undefined;
      const content = text.slice(marker + 1, end);
      // A nested container, a heading or code in an item, a task box: marked's business.
      if (!content || ITEM_CONTENT_ASIDE.test(content)) return undefined;
      // Only a bullet or `1.` interrupts a paragraph; `2.` there continues it.
      if (paraLine >= 0 && first !== STAR && first !== PLUS && first !== DASH && !(marker === start + 2 && first === ONE)) return undefined;
      closePara();
      afterItem = true;
      out.push(textBlock(content, i + firstLine, true));
      start = end + 1;
      continue;
    }
    // A plain line right after an item continues that item (a lazy continuation).
    if (afterItem) return undefined;
    if (paraLine < 0) {
      paraLine = i;
      paraFrom = start;
    }
    paraTo = end;
    start = end + 1;
  }
  closePara();
  return out;
}

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const BACKTICK = 96;
const DASH = 45;
const STAR = 42;
const PLUS = 43;
const ONE = 49;
/** Which tests below a line can pass, by its first character: `OUTSIDE`, a list item's marker, a heading, a fence. */
const OUTSIDE_START = 1;
const ITEM_START = 2;
const HEADING_START = 4;
const FENCE_START = 8;
const STARTS = new Uint8Array(128);
for (const [chars, flag] of [[" ><=-*_[", OUTSIDE_START], ["*+-0123456789", ITEM_START], ["#", HEADING_START], ["`~", FENCE_START]] as const) {
  for (const c of chars) STARTS[c.charCodeAt(0)]! |= flag;
}
/**
 * Lines this reader leaves to marked: indented, quotes, HTML, rules and setext underlines, link
 * definitions. Matched at a line's start in the whole text (sticky; `$` a line end), so no part of it crosses a line end.
 */
const OUTSIDE = /^(?: |>|<|=+ *$|-+ *$|(?:[-*_] *){3,}$|\[[^\]\n]*\]:)/my;
const ITEM_CONTENT_ASIDE = /^(?:#|`{3}|~{3}|>|<|\[[ xX]\] |(?:[*+-]|\d{1,9}[.)])(?: |$)|(?:[-*_] *){3,}$)/;

/** Whether `pattern` (sticky, multiline) matches `text` at `at`. */
function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/** Whether `text` from `from` to `to` is spaces only. */
function spacesOnly(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) !== SPACE) return false;
  return true;
}

/** How many of `char` the line starting at `from` (ending at `to`) starts with. */
function runOf(text: string, from: number, to: number, char: number): number {
  let at = from;
  while (at < to && text.charCodeAt(at) === char) at++;
  return at - from;
}

/**
 * Where the list item marker the line at `from` starts with ends: a bullet (`-`, `*`, `+`) or
 * one to nine digits and `.` or `)`; -1 when it starts with none. What `/^(?:[*+-]|\d{1,9}[.)])/` matches.
 */
function markerEnd(text: string, from: number, to: number): number {
  const first = text.charCodeAt(from);
  if (first === DASH || first === STAR || first === PLUS) return from + 1;
  let at = from;
  while (at < to && at - from < 10 && isDigit(text.charCodeAt(at))) at++;
  const digits = at - from;
  if (digits === 0 || digits > 9 || at === to) return -1;
  const after = text.charCodeAt(at);
  return after === 46 || after === 41 ? at + 1 : -1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function textBlock(text: string, line: number, item: boolean): Block {
  return { kind: "text", text, codespans: codespans(text), line, item };
}

/** marked's heading text: trimmed, and a closing run of `#` dropped when a space or nothing precedes it. */
function headingText(raw: string): string {
  const text = raw.trim();
  if (!text.endsWith("#")) return text;
  const trimmed = text.replace(/#+$/, "");
  return !trimmed || trimmed.endsWith(" ") ? trimmed.trim() : text;
}

/**
 * The line closing a fence opened with `open`, looked for from the offset `from` on: its
 * offsets and how many lines after the fence's it is; undefined when it is never closed.
 */
function closingLine(text: string, from: number, open: string): { from: number; to: number; lines: number } | undefined {
  for (let start = from, lines = 1; start <= text.length; lines++) {
    const found = text.indexOf("\n", start);
    const end = found < 0 ? text.length : found;
    let at = start;
    while (at < end && text.charCodeAt(at) === SPACE) at++;
    if (at - start <= 3 && text.startsWith(open, at) && CLOSING_REST.test(text.slice(at + open.length, end))) return { from: start, to: end, lines };
    start = end + 1;
  }
  return undefined;
}

const CLOSING_REST = /^[~`]* *$/;

function unescapePunctuation(text: string): string {
  // Nearly every fence's info string (`python`, `bash`) has no backslash to unescape.
  if (!text.includes("\\")) return text;
  return text.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~])/g, "$1");
}

export { codespans } from "./codespans.js";

/** Plain heading texts by raw text: specs repeat the same few headings ("🎯 Purpose", "Depends On"). */
const plainTexts = new Map<string, string>();
const MAX_PLAIN = 10_000;

/** Drops the plain heading texts, whose keys are slices of the spec texts (and hold them): see spec/load.ts `forgetTextMemos`. */
export function forgetPlainTexts(): void {
  plainTexts.clear();
}

/** Heading text without inline markup, emoji, surrounding punctuation or numbering (`3.`, `4)`, `2.1`). */
export function plain(text: string): string {
  let known = plainTexts.get(text);
  if (known === undefined) {
    known = plainOf(text);
    if (plainTexts.size >= MAX_PLAIN) plainTexts.clear();
    // Kept as copies: a heading is a slice of its spec's text, which V8 keeps whole for the slice (and the
    // texts read with it: spec/text-store.ts); a run's prompts read its dependencies' headings to the end.
    const key = unshared(text);
    plainTexts.set(key, known === text ? key : unshared(known));
  }
  return known;
}

/**
 * `text` in a string of its own, not a slice of a larger one: V8 flattens the joined string into
 * a new one before slicing it, and the slice holds only that. A round trip through a Buffer did the
 * same at about five times the cost (each spec's title is a heading of its own: 20,000 copies for 10,000 specs).
 */
function unshared(text: string): string {
  return ` ${text}`.slice(1);
}

function plainOf(text: string): string {
  return unescape(text.replace(/[*_`]/g, ""))
    // Numbered as outlines are: `2.1 Files`, `II. Files`, `B) Files`.
    .replace(/^(?:[^\p{L}\p{N}]+|\d+(?:\.\d+)*[.)]?(?=[^\p{L}\p{N}])|(?:[IVXLC]+|[A-Z])[.)](?=\s))+/u, "")
    .replace(/[^\p{L}\p{N})]+$/u, "")
    .trim();
}

function unescape(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
