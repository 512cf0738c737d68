/**
 * A line scanner for markdown that knows where lines start and end in the
 * original string and which lines sit inside fenced code blocks or HTML comments,
 * so editors can splice text in by offset and never rewrite a byte they did not mean to.
 */
export interface Line {
  /** Text without its terminator. */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the text, where the terminator (if any) begins. */
  end: number;
  /** Offset just past the terminator: where the next line starts (the source's length for the last line). */
  next: number;
  /** Inside a fenced code block (fence lines included) or a multi-line HTML comment: no markdown structure. */
  verbatim: boolean;
}

export interface Heading {
  /** Index into the line array. */
  index: number;
  level: number;
  /** Heading text, trimmed, closing `#`s removed. */
  text: string;
}

/** The file's line ending, from its first line break (CRLF, LF, or CR alone as in classic Mac files); LF when there is none. */
export function detectEol(source: string): "\n" | "\r\n" | "\r" {
  const match = /\r\n?|\n/.exec(source);
  return (match?.[0] as "\n" | "\r\n" | "\r" | undefined) ?? "\n";
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const LINE_BREAK = /\r\n?|\n/g;

/** Length of a byte order mark at the start: U+FEFF, or its UTF-8 bytes read as Latin-1. */
function bomLength(source: string): number {
  if (source.startsWith("\uFEFF")) return 1;
  return source.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0;
}

/** Lines split at CRLF, LF or a lone CR. */
export function scanLines(source: string): Line[] {
  const lines: Line[] = [];
  let fence: { char: string; size: number } | undefined;
  let comment = false;
  let start = 0;
  const breaks = new RegExp(LINE_BREAK.source, "g");
  for (;;) {
    breaks.lastIndex = start;
    const found = breaks.exec(source);
    const end = found ? found.index : source.length;
    const next = found ? found.index + found[0].length : source.length;
    // A BOM is not part of the first line, so text inserted before that line goes after it.
    const first = start === 0 ? bomLength(source) : start;
    const text = source.slice(first, end);
    let verbatim = fence !== undefined || comment;
    if (fence) {
      const close = FENCE.exec(text);
      if (close?.[1]?.[0] === fence.char && close[1].length >= fence.size && close[2]?.trim() === "") fence = undefined;
    } else if (comment) {
      comment = !text.includes("-->");
    } else {
      const open = FENCE.exec(text);
      if (open?.[1] && !(open[1][0] === "`" && open[2]?.includes("`"))) {
        fence = { char: open[1][0] ?? "`", size: open[1].length };
        verbatim = true;
      } else if (/^ {0,3}<!--/.test(text) && !text.includes("-->", text.indexOf("<!--") + 4)) {
        // Templates are often kept in a comment; headings in it are not headings.
        comment = true;
        verbatim = true;
      }
    }
    lines.push({ text, start: first, end, next, verbatim });
    if (!found) break;
    start = next;
  }
  return lines;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

export function headingOf(line: Line): { level: number; text: string } | undefined {
  if (line.verbatim) return undefined;
  const match = ATX.exec(line.text);
  if (!match?.[1]) return undefined;
  return { level: match[1].length, text: (match[2] ?? "").trim() };
}

export function headings(lines: Line[]): Heading[] {
  const found: Heading[] = [];
  lines.forEach((line, index) => {
    const heading = headingOf(line);
    if (heading) found.push({ index, ...heading });
  });
  return found;
}

const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * The last line in `[from, to)` that belongs to the body of a section: trailing
 * blank lines, link reference definitions and rules are footer material that
 * new text goes before. Returns `from - 1` when the range has no body.
 */
export function lastBodyLine(lines: Line[], from: number, to: number): number {
  let last = to - 1;
  while (last >= from) {
    const line = lines[last];
    if (!line) break;
    const footer =
      !line.verbatim &&
      (line.text.trim() === "" || LINK_DEFINITION.test(line.text) || THEMATIC_BREAK.test(line.text));
    if (!footer) break;
    last--;
  }
  return last;
}

/** Text to insert at `offset`; `rank` orders insertions at the same offset, lowest first. */
export interface Edit {
  offset: number;
  rank: number;
  text: string;
}

/** Applies insertions, all given as offsets into the original `source`. */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.rank - b.rank);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += source.slice(at, edit.offset) + edit.text;
    at = edit.offset;
  }
  return out + source.slice(at);
}

/** Makes `text` one markdown line: collapses runs of whitespace, trims. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
