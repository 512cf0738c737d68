/** A string on a line after these is kept: the file an `import`, `export` or `part` directive loads, or a conditional import's other file. */
const KEEP_AFTER = /^\s*(?:import|export|part)\b|\bif\s*\([^)]*\)\s*$/;

/**
 * Dart source with comments (`//`, nested `/* *\/`) and string contents blanked (newlines kept, so
 * lines stay where they were): single, double and triple quotes, raw `r'...'` strings. The strings of
 * a directive's lines are kept, for the import extractor.
 */
export function maskDart(text: string): string {
  let out = "";
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let end: number | undefined;
    let keep = false;
    if (c === "/" && text[i + 1] === "/") end = lineEnd(text, i);
    else if (c === "/" && text[i + 1] === "*") end = commentEnd(text, i + 2);
    else if (c === "'" || c === '"' || ((c === "r" || c === "R") && /['"]/.test(text[i + 1] ?? "") && !/\w/.test(text[i - 1] ?? ""))) {
      const raw = c === "r" || c === "R";
      const open = raw ? i + 1 : i;
      const quote = text.startsWith(text[open]!.repeat(3), open) ? text[open]!.repeat(3) : text[open]!;
      end = stringEnd(text, open + quote.length, quote, raw);
      keep = KEEP_AFTER.test(out.slice(lineStart));
    }
    if (end === undefined) {
      out += c;
      if (c === "\n") lineStart = out.length;
      i++;
      continue;
    }
    const piece = text.slice(i, end);
    out += keep ? piece : piece.replace(/[^\n]/g, " ");
    const newline = piece.lastIndexOf("\n");
    if (newline >= 0) lineStart = out.length - (piece.length - newline - 1);
    i = end;
  }
  return out;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

/** Past the `*\/` closing a block comment whose body starts at `from`, nested ones inside it included. */
function commentEnd(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const step = text.startsWith("/*", i) ? 1 : text.startsWith("*/", i) ? -1 : 0;
    depth += step;
    i += step === 0 ? 1 : 2;
  }
  return i;
}

/** Past the closing quote; a single-quoted string ends at its line's end if unclosed, a raw one has no escapes. */
function stringEnd(text: string, from: number, quote: string, raw: boolean): number {
  for (let i = from; i < text.length; i++) {
    if (!raw && text[i] === "\\") i++;
    else if (text.startsWith(quote, i)) return i + quote.length;
    else if (quote.length === 1 && text[i] === "\n") return i;
  }
  return text.length;
}
