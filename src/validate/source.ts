import { maskRuby } from "./ruby-mask.js";
import { maskDart } from "./dart-mask.js";
import type { ImportStyle } from "../spec/imports.js";
import { COMPONENT_FILE } from "../spec/components.js";

const JS_EXTENSIONS = new Set([".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".mts", ".cts"]);

/** The language of a Python or TS/JS source file by its extension (what signatures are read from); undefined for others. */
export function styleOfFile(path: string): "python" | "js" | undefined {
  // By index, not a regular expression: an architecture gate asks this of every file of the tree once per run.
  const dot = path.lastIndexOf(".");
  const ext = dot < 0 || dot === path.length - 1 || path.includes("/", dot) ? "" : path.slice(dot);
  if (ext === ".py") return "python";
  if (JS_EXTENSIONS.has(ext)) return "js";
  return undefined;
}

const C_EXTENSIONS = new Set([".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx"]);

/**
 * The import style of a file the architecture check scans (Python, TS/JS, Vue and Svelte components, Go, Java, Kotlin,
 * Rust, Ruby, C#, PHP, C and C++, Swift, Elixir, Dart); undefined for files it does not read. A component's code is its scripts (spec/components.ts `codeOf`).
 */
export function importStyleOfFile(path: string): ImportStyle | undefined {
  if (path.endsWith(".go")) return "go";
  if (COMPONENT_FILE.test(path)) return "js";
  if (path.endsWith(".cs")) return "csharp";
  if (path.endsWith(".php")) return "php";
  const dot = path.lastIndexOf(".");
  if (dot > 0 && C_EXTENSIONS.has(path.slice(dot))) return "c";
  if (path.endsWith(".rs")) return "rust";
  if (path.endsWith(".rb")) return "ruby";
  if (path.endsWith(".java") || path.endsWith(".kt") || path.endsWith(".scala")) return "java";
  if (path.endsWith(".swift")) return "swift";
  if (path.endsWith(".ex") || path.endsWith(".exs")) return "elixir";
  if (path.endsWith(".dart")) return "dart";
  return styleOfFile(path);
}

/**
 * The source with comments and string contents blanked out (newlines kept, so lines stay
 * where they were), so that the line-based import extractors see only code. JS string
 * literals that are import specifiers (after `from`, `import`, `require(`, `import(`) are kept.
 */
export function maskSource(text: string, style: ImportStyle): string {
  if (style === "csharp") return maskCSharp(text);
  if (style === "php") return maskPhp(text);
  if (style === "swift") return maskSwift(text);
  if (style === "elixir") return maskElixir(text);
  if (style === "dart") return maskDart(text);
  return style === "python" ? maskPython(text) : style === "js" ? maskJs(text) : style === "rust" ? maskRust(text) : style === "ruby" ? maskRuby(text) : maskCLike(text);
}

/** C#: comments, and strings blanked whole (verbatim `@"..."` and raw `"""..."""` over lines too): a `using` names no string. */
function maskCSharp(text: string): string {
  return blankSpans(text, (i) => {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") return { end: indexOrEnd(text, "\n", i) };
    if (c === "/" && next === "*") return { end: pastNext(text, "*/", i + 2) };
    if (c === "'") return { end: stringEnd(text, i + 1, "'", true).end };
    if (c === '"' && text.startsWith('"""', i)) {
      let open = i;
      while (text[open] === '"') open++;
      return { end: pastNext(text, text.slice(i, open), open) };
    }
    if (c === '"' && (text[i - 1] === "@" || (text[i - 2] === "@" && text[i - 1] === "$") || (text[i - 2] === "$" && text[i - 1] === "@"))) return { end: verbatimEnd(text, i + 1) };
    if (c === '"') return { end: stringEnd(text, i + 1, '"', true).end };
    return undefined;
  });
}

/** Past the `"` closing a C# verbatim string, where `""` is a quote inside it. */
function verbatimEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') i++;
    else return i + 1;
  }
  return text.length;
}

/** A string after these is a path a PHP file loads (`require_once __DIR__ . '/x.php'`): kept. */
const PHP_PATH_BEFORE = /\b(?:require|include)(?:_once)?\s*\(?\s*(?:(?:__DIR__|dirname\s*\(\s*__FILE__\s*\))\s*\.\s*)?$/;
/** How far back a string is looked at for a `require` before it: the words above fit in it. */
const PHP_PATH_LOOKBACK = 64;

/** PHP: `//`, `#` and `/* *\/` comments and strings blanked (heredocs too), but a `require`d path kept. */
function maskPhp(text: string): string {
  return blankSpans(text, (i) => {
    const c = text[i]!;
    const next = text[i + 1];
    if ((c === "/" && next === "/") || c === "#") return { end: indexOrEnd(text, "\n", i) };
    if (c === "/" && next === "*") return { end: pastNext(text, "*/", i + 2) };
    if (c === "'" || c === '"') {
      const keep = PHP_PATH_BEFORE.test(text.slice(Math.max(0, i - PHP_PATH_LOOKBACK), i));
      return { end: stringEnd(text, i + 1, c, false).end, ...(keep ? { keep } : {}) };
    }
    if (c === "<" && text.startsWith("<<<", i)) {
      const head = /^<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1[ \t]*\n/.exec(text.slice(i, i + 80));
      if (!head) return undefined;
      const close = new RegExp(`\\n[ \\t]*${head[2]!}\\b`, "g");
      close.lastIndex = i + head[0].length - 1;
      const m = close.exec(text);
      return { end: m ? m.index + m[0].length : text.length };
    }
    return undefined;
  });
}

const blank = (s: string) => s.replace(/[^\n]/g, " ");

function maskPython(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "#") {
      const end = indexOrEnd(text, "\n", i);
      out += blank(text.slice(i, end));
      i = end;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      const { end, closed } = stringEnd(text, i + quote.length, quote, !triple);
      out += quoted(text, i, end, quote.length, closed ? quote.length : 0, false);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Copies `text` with the spans `spanAt` finds blanked: at each index it returns where the span
 * starting there ends (and whether to keep it as written), or undefined for a plain character.
 */
function blankSpans(text: string, spanAt: (i: number) => { end: number; keep?: boolean } | undefined): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const span = spanAt(i);
    if (!span) {
      out += text[i];
      i++;
      continue;
    }
    const piece = text.slice(i, span.end);
    out += span.keep ? piece : blank(piece);
    i = span.end;
  }
  return out;
}

/** `#[path = ` before a string: the file a `mod` is read from, which the module tree needs. */
const RUST_PATH_ATTR = /#\[\s*path\s*=\s*$/;

/**
 * Rust: comments (nested block comments too) and string and character literals blanked, so a
 * brace in `"{}"` does not count; a lifetime (`'a`, `'_`) is code. Raw strings `r#"..."#` too.
 * A `#[path = "..."]` attribute's string is kept.
 */
function maskRust(text: string): string {
  return blankSpans(text, (i) => {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") return { end: indexOrEnd(text, "\n", i) };
    if (c === "/" && next === "*") return { end: nestedCommentEnd(text, i + 2) };
    if (c === "r" && /^r#*"/.test(text.slice(i, i + 260)) && !/\w/.test(text[i - 1] ?? "")) {
      const hashes = /^r(#*)"/.exec(text.slice(i, i + 260))![1]!;
      return { end: pastNext(text, `"${hashes}`, i + 2 + hashes.length) };
    }
    if (c === '"') return { end: stringEnd(text, i + 1, '"', false).end, keep: RUST_PATH_ATTR.test(text.slice(Math.max(0, i - 40), i)) };
    if (c === "'" && (next === "\\" || text[i + 2] === "'")) return { end: stringEnd(text, i + 1, "'", true).end };
    return undefined;
  });
}

/** Where a Rust block comment whose body starts at `from` ends, nested ones inside it included. */
function nestedCommentEnd(text: string, from: number): number {
  let depth = 1;
  let end = from;
  while (end < text.length && depth > 0) {
    if (text.startsWith("/*", end)) depth++;
    else if (text.startsWith("*/", end)) depth--;
    else {
      end++;
      continue;
    }
    end += 2;
  }
  return end;
}

/**
 * Go, Java and Kotlin: comments, Go's raw strings and character literals blanked. Double-quoted
 * strings stay, since Go's import paths are such strings and one never spans a line.
 */
function maskCLike(text: string): string {
  return blankSpans(text, (i) => {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") return { end: indexOrEnd(text, "\n", i) };
    if (c === "/" && next === "*") return { end: pastNext(text, "*/", i + 2) };
    if (c === "`") return { end: pastNext(text, "`", i + 1) };
    if (c === "'") return { end: stringEnd(text, i + 1, "'", true).end };
    if (c === '"') return { end: stringEnd(text, i + 1, '"', true).end, keep: true };
    return undefined;
  });
}

/** Swift: comments, and strings blanked whole, a multi-line `"""` one over its lines (an `import` inside one is text). */
function maskSwift(text: string): string {
  return blankSpans(text, (i) => {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") return { end: indexOrEnd(text, "\n", i) };
    if (c === "/" && next === "*") return { end: pastNext(text, "*/", i + 2) };
    if (c === '"' && text.startsWith('"""', i)) return { end: pastNext(text, '"""', i + 3) };
    if (c === '"') return { end: stringEnd(text, i + 1, '"', true).end };
    return undefined;
  });
}

/**
 * Elixir: `#` comments, `"..."` and `'...'` (their `#{...}` too) and `"""`/`\'\'\'` heredocs (`@moduledoc`) blanked;
 * a `?#` character literal is code. A module named in a doc is no dependency.
 */
function maskElixir(text: string): string {
  return blankSpans(text, (i) => {
    const c = text[i]!;
    if (c === "#" && text[i - 1] !== "?") return { end: indexOrEnd(text, "\n", i) };
    if ((c === '"' || c === "'") && text.startsWith(c.repeat(3), i)) return { end: pastNext(text, c.repeat(3), i + 3) };
    if ((c === '"' || c === "'") && text[i - 1] !== "?") return { end: stringEnd(text, i + 1, c, false).end };
    return undefined;
  });
}

const SPECIFIER_BEFORE = /(?:\bfrom|\bimport|\b(?:require|import)\s*\()\s*$/;
// A `/` after one of these (or at the start) begins a regular expression, not a division.
const REGEX_BEFORE = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|void|yield|await))\s*$/;

function maskJs(text: string): string {
  const out = new MaskedText();
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = indexOrEnd(text, "\n", i);
      out.add(blank(text.slice(i, end)));
      i = end;
    } else if (c === "/" && next === "*") {
      const close = text.indexOf("*/", i + 2);
      const end = close < 0 ? text.length : close + 2;
      out.add(blank(text.slice(i, end)));
      i = end;
    } else if (c === '"' || c === "'" || c === "`") {
      const { end, closed } = stringEnd(text, i + 1, c, c !== "`");
      const keep = c !== "`" && SPECIFIER_BEFORE.test(out.lineTail());
      out.add(quoted(text, i, end, 1, closed ? 1 : 0, keep));
      i = end;
    } else if (c === "/" && REGEX_BEFORE.test(out.lineTail())) {
      const end = regexEnd(text, i + 1);
      out.add("/" + blank(text.slice(i + 1, end)));
      i = end;
    } else {
      out.add(c);
      i++;
    }
  }
  return out.text();
}

/** Longest line end the look-behind patterns read: a keyword and the white space after it. */
const TAIL = 256;

/**
 * The masked output, built in pieces, with the current line's masked text kept apart: the
 * look-behind patterns read that line, and re-reading the whole output for each string or
 * `/` made masking quadratic in the file's size.
 */
class MaskedText {
  private readonly pieces: string[] = [];
  private line = "";
  /** Whether `line` lost its start (a long line): then it does not begin the line. */
  private cut = false;

  add(piece: string): void {
    this.pieces.push(piece);
    const newline = piece.lastIndexOf("\n");
    if (newline < 0) this.line += piece;
    else {
      this.line = piece.slice(newline + 1);
      this.cut = false;
    }
  }

  /** The current line; on a long (minified) line its last TAIL characters, marked as cut so `^` cannot match there. */
  lineTail(): string {
    if (this.line.length > TAIL) {
      this.line = this.line.slice(-TAIL);
      this.cut = true;
    }
    return this.cut ? `\u0000${this.line}` : this.line;
  }

  text(): string {
    return this.pieces.join("");
  }
}

/** Index just past the next `what` from `from`, or the text's end. */
function pastNext(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at < 0 ? text.length : at + what.length;
}

function indexOrEnd(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at < 0 ? text.length : at;
}

/** The string literal at `start..end` with its contents blanked unless `keep`; quotes stay. */
function quoted(text: string, start: number, end: number, open: number, close: number, keep: boolean): string {
  if (keep) return text.slice(start, end);
  return text.slice(start, start + open) + blank(text.slice(start + open, end - close)) + text.slice(end - close, end);
}

/** Index just past the closing quote; an unclosed single-line string ends at the line's end. */
function stringEnd(text: string, from: number, quote: string, singleLine: boolean): { end: number; closed: boolean } {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (singleLine && c === "\n") return { end: i, closed: false };
    else if (text.startsWith(quote, i)) return { end: i + quote.length, closed: true };
  }
  return { end: text.length, closed: false };
}

/** Index just past a regular expression literal's closing `/` and flags; stays on one line. */
function regexEnd(text: string, from: number): number {
  let inClass = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "\n") return i;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      let end = i + 1;
      while (end < text.length && /[a-z]/i.test(text[end]!)) end++;
      return end;
    }
  }
  return text.length;
}
