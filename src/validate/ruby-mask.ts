/** A string on a line after one of these is kept: it names a file the line loads. */
const KEEP_AFTER = /\b(?:require_relative|require|load|autoload|expand_path|File\.join)\b[^\n]*$/;
/** After these (or at a line's start) a `/` or a bare `%(` begins a literal, not a division or a modulo. */
const OPERAND_BEFORE = /(?:^|[(,=~!&|?{};[+\-*<>]|\b(?:when|if|unless|elsif|while|until|and|or|not|return|then|do|in))\s*$/;
const HEREDOC = /^<<([~-]?)(["'`]?)([A-Za-z_]\w*)\2/;
const PERCENT = /^%([qQwWiIrsx]?)([^\w\s])/;
const PAIRS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/**
 * Ruby source with comments and literal contents blanked (newlines kept, so lines stay where
 * they were): `#` comments, `=begin`/`=end` blocks, what follows `__END__`, quoted strings
 * (`#{...}` inside them too), heredocs, `%w[]`/`%q()` literals and regular expressions. The
 * strings of a line that loads a file (`require`, `require_relative`, `load`, `autoload`,
 * `File.expand_path`, `File.join`) are kept: the import extractor reads them.
 */
export function maskRuby(text: string): string {
  const out: string[] = [];
  let line = "";
  const add = (piece: string) => {
    out.push(piece);
    const newline = piece.lastIndexOf("\n");
    line = newline < 0 ? line + piece : piece.slice(newline + 1);
  };
  const heredocs: { id: string; indented: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const lineStart = i === 0 || text[i - 1] === "\n";
    if (lineStart && text.startsWith("=begin", i) && /\s/.test(text[i + 6] ?? "\n")) {
      const close = /^=end\b.*$/m.exec(text.slice(i + 6));
      const end = close ? i + 6 + close.index + close[0].length : text.length;
      add(blank(text.slice(i, end)));
      i = end;
    } else if (lineStart && /^__END__(?:\n|$)/.test(text.slice(i, i + 8))) {
      add(blank(text.slice(i)));
      break;
    } else if (c === "\n") {
      add("\n");
      i++;
      // Heredoc bodies start on the line after their opener, one after another.
      for (const h of heredocs.splice(0)) {
        const end = heredocEnd(text, i, h);
        add(blank(text.slice(i, end)));
        i = end;
      }
    } else if (c === "#") {
      const end = lineEnd(text, i);
      add(blank(text.slice(i, end)));
      i = end;
    } else if (c === "$" && /["'`]/.test(text[i + 1] ?? "")) {
      // `$"` (the loaded features) is a variable, not a string.
      add(text.slice(i, i + 2));
      i += 2;
    } else if (c === '"' || c === "'" || c === "`") {
      const end = quoteEnd(text, i + 1, c, "", c !== "'");
      add(literal(text, i, end, 1, c, KEEP_AFTER.test(line)));
      i = end;
    } else if (c === "<" && text[i + 1] === "<" && heredocAt(text, i)) {
      const m = HEREDOC.exec(text.slice(i, i + 200))!;
      heredocs.push({ id: m[3]!, indented: m[1] !== "" });
      add(m[0]);
      i += m[0].length;
    } else if (c === "%" && percentAt(text, i, line)) {
      const m = PERCENT.exec(text.slice(i, i + 3))!;
      const open = m[2]!;
      const close = PAIRS[open] ?? open;
      const end = quoteEnd(text, i + m[0].length, close, PAIRS[open] ? open : "", /[QWIrx]|^$/.test(m[1]!));
      add(literal(text, i, end, m[0].length, close, false));
      i = end;
    } else if (c === "/" && OPERAND_BEFORE.test(line)) {
      const end = quoteEnd(text, i + 1, "/", "", true);
      add(literal(text, i, end, 1, "/", false));
      i = end;
    } else {
      add(c);
      i++;
    }
  }
  return out.join("");
}

const blank = (s: string) => s.replace(/[^\n]/g, " ");

function lineEnd(text: string, from: number): number {
  const at = text.indexOf("\n", from);
  return at < 0 ? text.length : at;
}

/** `<<~SQL`, `<<-EOS`, `<<'EOS'`, `<<HEREDOC`: not `class << self` or `list << item`. */
function heredocAt(text: string, i: number): boolean {
  const m = HEREDOC.exec(text.slice(i, i + 200));
  return !!m && (m[1] !== "" || m[2] !== "" || /^[A-Z_][A-Z0-9_]*$/.test(m[3]!));
}

/** A `%` literal: with a type letter always; a bare `%(` or `%[` only where an operand begins (not `a % (b)`). */
function percentAt(text: string, i: number, line: string): boolean {
  const m = PERCENT.exec(text.slice(i, i + 3));
  if (!m) return false;
  if (m[1]) return true;
  return "([{<|!/^".includes(m[2]!) && OPERAND_BEFORE.test(line);
}

/** Just past the heredoc's terminator line (its id alone on a line, indented for `<<~` and `<<-`), newline included. */
function heredocEnd(text: string, from: number, h: { id: string; indented: boolean }): number {
  let at = from;
  while (at < text.length) {
    const end = lineEnd(text, at);
    const body = text.slice(at, end);
    if ((h.indented ? body.trim() : body) === h.id) return Math.min(end + 1, text.length);
    at = end + 1;
  }
  return text.length;
}

/**
 * Just past the literal's closing delimiter, from its first content character: nested pairs
 * of `open`/`close` counted, escapes skipped, `#{...}` interpolation passed over when `interpolates`.
 */
function quoteEnd(text: string, from: number, close: string, open: string, interpolates: boolean): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (interpolates && c === "#" && text[i + 1] === "{") i = interpolationEnd(text, i + 2) - 1;
    else if (open && c === open) depth++;
    else if (c === close) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (close === "/" && c === "\n") return i;
  }
  return text.length;
}

/** Just past the `}` closing an interpolation whose body starts at `from` (braces counted). */
function interpolationEnd(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The literal at `start..end` with its contents blanked unless `keep`; its opening (`"`, `%w[`) and its `close`, when it was closed, stay. */
function literal(text: string, start: number, end: number, open: number, close: string, keep: boolean): string {
  if (keep) return text.slice(start, end);
  const closed = end > start + open && text[end - 1] === close ? 1 : 0;
  return text.slice(start, start + open) + blank(text.slice(start + open, end - closed)) + text.slice(end - closed, end);
}
