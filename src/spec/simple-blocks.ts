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
  const lines = text.split("\n");
  // Spaces on the last line, with no line end after them, continue a paragraph in marked.
  if (/^ +$/.test(lines[lines.length - 1]!)) return undefined;
  // Tabs and pipes are left to marked outside code: where the text has none, no line is searched for them.
  const tabsOrPipes = text.includes("\t") || text.includes("|");
  const out: Block[] = [];
  // Paragraphs and code are cut from `text` by line offsets, not joined from its lines: as slices
  // of the spec's text (kept with its module anyway), what is read from them keeps no copy alive.
  const starts = lineStarts(lines);
  const linesText = (from: number, to: number) => (from > to ? "" : text.slice(starts[from], starts[to]! + lines[to]!.length));
  /** The open paragraph's first and last line, -1 when none is open. */
  let paraLine = -1;
  let paraLast = -1;
  /** Right after a list item (no blank line since): a plain line here would continue it. */
  let afterItem = false;
  const closePara = () => {
    if (paraLine >= 0) out.push(textBlock(linesText(paraLine, paraLast), paraLine + firstLine, false));
    paraLine = -1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const first = line.charCodeAt(0);
    if (line.length === 0 || (first === SPACE && BLANK.test(line))) {
      closePara();
      afterItem = false;
      continue;
    }
    if (tabsOrPipes && (line.includes("\t") || line.includes("|"))) return undefined;
    // Each pattern below is tried only on lines starting with a character it can start with: most lines are prose.
    const starts = first < 128 ? STARTS[first]! : 0;
    if ((starts & OUTSIDE_START && OUTSIDE.test(line)) || (starts & ITEM_START && EMPTY_ITEM.test(line))) return undefined;
    const heading = starts & HEADING_START ? HEADING.exec(line) : null;
    if (heading) {
      closePara();
      afterItem = false;
      out.push({ kind: "heading", depth: heading[1]!.length, text: plain(headingText(heading[2]!)), line: i + firstLine });
      continue;
    }
    const fence = starts & FENCE_START ? FENCE.exec(line) : null;
    if (fence) {
      const open = fence[1]!;
      if (open[0] === "`" && fence[2]!.includes("`")) return undefined;
      const close = closingLine(lines, i + 1, open);
      if (close < 0) return undefined;
      closePara();
      afterItem = false;
      // marked keeps a closing blank line of the content as a line end of its own.
      const code = linesText(i + 1, close - 1) + (close > i + 1 && lines[close - 1] === "" ? "\n" : "");
      out.push({ kind: "code", lang: unescapePunctuation(fence[2]!.trim()).trim().toLowerCase(), text: code, line: i + 1 + firstLine });
      i = close;
      continue;
    }
    if (line.charCodeAt(line.length - 1) === SPACE) return undefined;
    const item = starts & ITEM_START ? ITEM.exec(line) : null;
    if (!item && starts & ITEM_START && ANY_ITEM.test(line)) return undefined;
    if (item) {
      const content = item[2]!;
      // A nested container, a heading or code in an item, a task box: marked's business.
      if (!content || ITEM_CONTENT_ASIDE.test(content)) return undefined;
      // Only a bullet or `1.` interrupts a paragraph; `2.` there continues it.
      if (paraLine >= 0 && item[1] && item[1] !== "1") return undefined;
      closePara();
      afterItem = true;
      out.push(textBlock(content, i + firstLine, true));
      continue;
    }
    // A plain line right after an item continues that item (a lazy continuation).
    if (afterItem) return undefined;
    if (paraLine < 0) paraLine = i;
    paraLast = i;
  }
  closePara();
  return out;
}

const BLANK = /^ *$/;
const SPACE = 32;
/** Which patterns below a line can match, by its first character: `OUTSIDE`, `EMPTY_ITEM` / `ITEM` / `ANY_ITEM`, `HEADING`, `FENCE`. */
const OUTSIDE_START = 1;
const ITEM_START = 2;
const HEADING_START = 4;
const FENCE_START = 8;
const STARTS = new Uint8Array(128);
for (const [chars, flag] of [[" ><=-*_[", OUTSIDE_START], ["*+-0123456789", ITEM_START], ["#", HEADING_START], ["`~", FENCE_START]] as const) {
  for (const c of chars) STARTS[c.charCodeAt(0)]! |= flag;
}
/** Lines this reader leaves to marked: indented, quotes, HTML, rules and setext underlines, link definitions. */
const OUTSIDE = /^(?: |>|<|=+ *$|-+ *$|(?:[-*_] *){3,}$|\[[^\]]*\]:)/;
const HEADING = /^(#{1,6})(?= |$)(.*)$/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A bullet (`-`, `*`, `+`) or an ordered marker (`1.`, `2)`), one space, the content. */
const ITEM = /^(?:[*+-]|(\d{1,9})[.)]) (?! )(.*)$/;
/** Any list item marker, with however many spaces after it. */
const ANY_ITEM = /^(?:[*+-]|\d{1,9}[.)])(?: |$)/;
/** An empty item (`*`, `+`, `1.`), which marked reads as a list. */
const EMPTY_ITEM = /^(?:[*+]|\d{1,9}[.)])$/;
const ITEM_CONTENT_ASIDE = /^(?:#|`{3}|~{3}|>|<|\[[ xX]\] |(?:[*+-]|\d{1,9}[.)])(?: |$)|(?:[-*_] *){3,}$)/;

/** The offset in the text of each of its lines. */
function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
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

/** The index of the line closing a fence opened with `open`, or -1 when it is never closed. */
function closingLine(lines: string[], from: number, open: string): number {
  for (let j = from; j < lines.length; j++) {
    const l = lines[j]!;
    let at = 0;
    while (l[at] === " ") at++;
    if (at <= 3 && l.startsWith(open, at) && /^[~`]* *$/.test(l.slice(at + open.length))) return j;
  }
  return -1;
}

function unescapePunctuation(text: string): string {
  return text.replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\]^_`{|}~])/g, "$1");
}

export { codespans } from "./codespans.js";

/** Plain heading texts by raw text: specs repeat the same few headings ("🎯 Purpose", "Depends On"). */
const plainTexts = new Map<string, string>();
const MAX_PLAIN = 10_000;

/** Heading text without inline markup, emoji, surrounding punctuation or numbering (`3.`, `4)`, `2.1`). */
export function plain(text: string): string {
  let known = plainTexts.get(text);
  if (known === undefined) {
    known = plainOf(text);
    if (plainTexts.size >= MAX_PLAIN) plainTexts.clear();
    plainTexts.set(text, known);
  }
  return known;
}

function plainOf(text: string): string {
  return unescape(text.replace(/[*_`]/g, ""))
    .replace(/^(?:[^\p{L}\p{N}]+|\d+(?:\.\d+)*[.)]?(?=[^\p{L}\p{N}]))+/u, "")
    .replace(/[^\p{L}\p{N})]+$/u, "")
    .trim();
}

function unescape(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
