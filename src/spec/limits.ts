import { SpecError } from "../errors.js";

/**
 * Largest spec file read: 256 KB, fifty times a long spec. marked's lexer takes about
 * 4 ms per KB of deeply nested lists, so the cap also bounds the time one file can take.
 */
export const SPEC_MAX_BYTES = 256 * 1024;

/**
 * Deepest nesting of lists and block quotes a spec may have, counted as the containers
 * a line opens (`>`, `-`, `1.`) plus one per two columns of indentation before them.
 * Real specs nest three or four deep; marked's lexer recurses once per level and
 * overflows the stack near 10,000 and takes seconds from a few hundred.
 */
export const MAX_NESTING = 64;

const TAB = 4;

/**
 * Throws SpecError `SPEC_PARSE` at the first line of `text` nested deeper than
 * `MAX_NESTING`, before the lexer sees it. An error rather than a warning with the
 * content read as plain text: a spec nested this deep is broken or hostile, and reading
 * it differently from how any markdown viewer shows it would silently drop what it says.
 * Linear: each line's leading markers are scanned once.
 */
export function checkNesting(text: string, file: string, firstLine = 1): void {
  // Most specs have no line that could be nested that deep: one scan of the text, not a call per line.
  if (!mayBeDeep(text)) return;
  let line = firstLine;
  for (let start = 0; start <= text.length; line++) {
    const end = text.indexOf("\n", start);
    const stop = end < 0 ? text.length : end;
    const depth = nestingOf(text, start, stop);
    if (depth > MAX_NESTING) {
      throw new SpecError("SPEC_PARSE", `Lists and block quotes nested ${depth > 10 * MAX_NESTING ? `more than ${10 * MAX_NESTING}` : depth} deep: expected at most ${MAX_NESTING} levels`, { file, line });
    }
    if (end < 0) break;
    start = end + 1;
  }
}

/**
 * A line that could be nested deeper than `MAX_NESTING`: `nestingOf` reads only these characters
 * at a line's start, and counts at most 2 levels for each (a tab is 4 columns), so a line nested
 * deeper starts with more than `MAX_NESTING / 2` of them.
 */
const DEEP_ENOUGH = new RegExp(`^[ \\t>*+\\-0-9.)]{${MAX_NESTING / 2 + 1}}`, "m");

/** Whether a line of `text` could be nested deeper than `MAX_NESTING` (checkNesting then reads its lines). */
export function mayBeDeep(text: string): boolean {
  return DEEP_ENOUGH.test(text);
}

/** Containers opened at the start of `text[start, stop)`, indentation counted by two columns. */
function nestingOf(text: string, start: number, stop: number): number {
  let depth = 0;
  let columns = 0;
  let i = start;
  for (; i < stop; i++) {
    const c = text[i];
    if (c === " ") columns++;
    else if (c === "\t") columns += TAB;
    else break;
  }
  let markers = 0;
  while (i < stop && depth <= 10 * MAX_NESTING) {
    const c = text[i]!;
    if (c === ">") {
      markers++;
      i++;
    } else if ((c === "-" || c === "*" || c === "+") && isBreak(text[i + 1], i + 1, stop)) {
      markers++;
      i += 2;
    } else if (c >= "0" && c <= "9") {
      let j = i;
      while (j < stop && j - i < 9 && text[j]! >= "0" && text[j]! <= "9") j++;
      if ((text[j] !== "." && text[j] !== ")") || !isBreak(text[j + 1], j + 1, stop)) break;
      markers++;
      i = j + 2;
    } else if (c === " " || c === "\t") {
      i++;
    } else {
      break;
    }
    depth = markers + Math.floor(columns / 2);
  }
  // Indentation alone is a code block or a continuation line, not a container.
  return markers === 0 ? 0 : depth;
}

function isBreak(c: string | undefined, at: number, stop: number): boolean {
  return at >= stop || c === " " || c === "\t";
}
