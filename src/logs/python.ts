import { frame, indentOf, rootFirst, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

const HEADER = /^\s*Traceback \(most recent call last\):\s*$/;
// `  File "x.py", line 3, in f`: what follows the line number is read by `frameOf`; the
// pattern `(?:, in (.+?))?\s*$` it replaces backtracks cubically on a line of spaces.
// loguru marks the frame that raised with `> File`.
const FRAME = /^\s*(?:> )?File "(.+)", line (\d+)(.*)$/;
/** `KeyError: 'x'`, `ledger.errors.InvalidAmountError: ...`, `KeyboardInterrupt`: a dotted module path, then a capitalised name. */
const EXCEPTION = /^(?:[a-z_]\w*\.)*[A-Z]\w*(?::\s|:?\s*$)/;
const LINKS = new Set([
  "The above exception was the direct cause of the following exception:",
  "During handling of the above exception, another exception occurred:",
]);

interface Link {
  message: string;
  frames: Frame[];
  next: number;
}

/**
 * `Traceback (most recent call last):`, frames outermost first, then `Type: message`.
 * Chained tracebacks (`raise ... from`, an error while handling another) are one
 * error; Python prints the original first, so it is the root cause.
 */
export const parsePython: LineParser = (lines, at) => {
  if (!HEADER.test(lines[at] ?? "")) return undefined;
  const links: Link[] = [];
  let start: number | undefined = at;
  while (start !== undefined) {
    const link = readTraceback(lines, start);
    links.push(link);
    start = chainedHeader(lines, link.next);
  }
  const last = links[links.length - 1]?.next ?? at + 1;
  return spanning(at, last, { format: "python", ...rootFirst([...links].reverse()) });
};

/**
 * A traceback pasted without its `Traceback (most recent call last):` line, as people copy
 * one from a terminal: from its first `File "...", line N` line, read as if the header stood
 * just above it (the exception line is the first one indented less than the frames).
 */
export const parsePythonFrames: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  if (!frameOf(line)) return undefined;
  // A frame that follows a header or another frame belongs to a traceback read from there.
  const before = lines[at - 1] ?? "";
  if (HEADER.test(before) || frameOf(before)) return undefined;
  // Frames pasted at the margin leave their source lines there too: then only an exception-shaped line ends it.
  const link = indentOf(line) > 0 ? readTraceback(lines, at - 1, indentOf(line) - 1) : readTraceback(lines, at - 1, 0, EXCEPTION);
  return spanning(at, link.next, { format: "python", ...rootFirst([link]) });
};

/**
 * `indent`: the header's, which the exception line does not exceed (default: `lines[at]`'s);
 * `exception`: what the exception line must look like besides.
 */
function readTraceback(lines: readonly string[], at: number, indent = indentOf(lines[at] ?? ""), exception?: RegExp): Link {
  const frames: Frame[] = [];
  let i = at + 1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const found = frameOf(line);
    if (found) {
      frames.push(found);
    } else if (line.trim() === "") {
      // loguru puts a blank line around each frame; elsewhere the traceback was cut off here.
      const after = skipBlank(lines, i);
      if (!frameOf(lines[after] ?? "") && !(frames.length > 0 && isLastLine(lines[after] ?? "", indent))) break;
      i = after - 1;
    } else if (indentOf(line) <= indent && (!exception || exception.test(line))) {
      return { message: line.trim(), frames: frames.reverse(), next: i + 1 };
    }
    // else: the source line, carets or "[Previous line repeated N more times]"
  }
  return { message: "", frames: frames.reverse(), next: i };
}

/** The exception line after a blank one: Python's `Type: message` at the header's indent. */
function isLastLine(line: string, indent: number): boolean {
  return indentOf(line) <= indent && EXCEPTION.test(line.trim());
}

function frameOf(line: string): Frame | undefined {
  const match = FRAME.exec(line);
  if (!match) return undefined;
  const rest = (match[3] ?? "").trimEnd();
  if (rest === "") return frame(match[1] ?? "", Number(match[2]));
  if (!rest.startsWith(", in ") || rest.length === ", in ".length) return undefined;
  return frame(match[1] ?? "", Number(match[2]), undefined, rest.slice(", in ".length));
}

/** Index of the next traceback's header when `lines[from]` starts a chain link. */
function chainedHeader(lines: readonly string[], from: number): number | undefined {
  let i = skipBlank(lines, from);
  if (!LINKS.has((lines[i] ?? "").trim())) return undefined;
  i = skipBlank(lines, i + 1);
  return HEADER.test(lines[i] ?? "") ? i : undefined;
}

function skipBlank(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  return i;
}
