/**
 * CMake's comments gone: `# to the line's end` and bracket comments (`#[[ ... ]]`, `#[==[ ... ]==]`),
 * in one pass with `indexOf`; an unclosed bracket comment runs to the end, as CMake reads it. The
 * pattern `/#\[(=*)\[[\s\S]*?\]\1\]/g` scanned to the end again from every unclosed `#[[`:
 * 240 KB of them took 5 s.
 */
export function stripCmakeComments(text: string): string {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf("#"); at >= 0; at = text.indexOf("#", from)) {
    out.push(text.slice(from, at));
    const bracket = /^\[(=*)\[/.exec(text.slice(at + 1, at + 1 + MAX_EQUALS + 2));
    if (bracket) {
      const close = text.indexOf(`]${bracket[1]}]`, at + 1 + bracket[0].length);
      from = close < 0 ? text.length : close + bracket[1]!.length + 2;
    } else {
      const end = text.indexOf("\n", at);
      from = end < 0 ? text.length : end;
    }
  }
  out.push(text.slice(from));
  return out.join("");
}

/** More `=` than any bracket comment has: a longer run is read as a line comment. */
const MAX_EQUALS = 64;

/**
 * Each call of one of `names` (lower-case) in `code` (comments stripped), with its arguments as
 * written: `add_test(NAME t COMMAND x)` -> `{ name: "add_test", args: "NAME t COMMAND x" }`. One pass:
 * a call left open ends the search (no later `)` can close another), where `/add_test\s*\(([^)]*)\)/g`
 * scanned to the end from every open call (20,000 unclosed calls: 6 s).
 */
export function cmakeCalls(code: string, names: ReadonlySet<string>): { name: string; args: string }[] {
  const calls: { name: string; args: string }[] = [];
  const call = /\b([A-Za-z_]\w{0,63})[ \t]*\(/g;
  for (let m = call.exec(code); m; m = call.exec(code)) {
    const name = m[1]!.toLowerCase();
    if (!names.has(name)) continue;
    const open = m.index + m[0].length;
    const close = code.indexOf(")", open);
    if (close < 0) break;
    calls.push({ name, args: code.slice(open, close) });
    call.lastIndex = close + 1;
  }
  return calls;
}
