import type { Warning } from "./types.js";

/** How much of the line `SPEC_NOT_UTF8` quotes, around the first replaced byte. */
const QUOTED = 60;

/**
 * A `SPEC_NOT_UTF8` warning for the spec file `rel` when its text holds U+FFFD, the character
 * bytes that are not UTF-8 decode to (a spec saved as Latin-1 or Windows-1252: `café` as `caf\xe9`).
 * A warning, not an error: such a byte is most often an accent or a curly quote in prose, where
 * refusing the whole tree would cost a run for nothing; but in a path (`**Module**: \`b\xe9.py\``)
 * it names no file on disk, so it is said at its line, with the line, for `check`, `plan` and `run`.
 */
export function notUtf8(text: string, rel: string): Warning | undefined {
  // On a one-byte string (no character past U+00FF, most specs) V8 answers this at once.
  const at = text.indexOf("\uFFFD");
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
  const start = text.lastIndexOf("\n", at) + 1;
  const end = text.indexOf("\n", at);
  const whole = text.slice(start, end < 0 ? undefined : end).trim();
  const shown = whole.length > QUOTED ? `${whole.slice(0, QUOTED)}…` : whole;
  let count = 0;
  for (let i = at; i >= 0; i = text.indexOf("\uFFFD", i + 1)) count++;
  const others = count > 1 ? ` (and ${count - 1} more in the file)` : "";
  return {
    code: "SPEC_NOT_UTF8",
    message: `Spec file is not UTF-8 at this line: a byte of "${shown}" is read as \`\uFFFD\` (U+FFFD)${others}, and a name, path or rule holding it is taken so: expected UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)`,
    file: rel,
    line,
  };
}
