import { maskSource } from "../validate/source.js";

const DEF = /^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)/;
const DECORATOR = /^[ \t]*@/;
const FIELD = /^[ \t]+([A-Za-z_]\w*)[ \t]*:(?!=)[ \t]*\S/;
const MAX_SIGNATURE = 400;

/**
 * The public surface of a Python file: top-level `def`/`class` lines and the methods of
 * public classes, each with its whole signature (parameters, annotations, defaults, over
 * as many lines as it takes), its decorators, and its docstring's first line. Names
 * starting with `_` are private, except `__init__`. Read from masked source, so a `def`
 * inside a string or comment is not one, and brackets inside strings do not confuse
 * where a signature ends; the text shown is the original's.
 */
export function pythonSignatures(text: string): string[] {
  const source = text.replace(/\r\n?/g, "\n");
  const masked = maskSource(source, "python");
  const lines = masked.split("\n");
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; i++) {
    starts.push(at);
    at += lines[i]!.length + 1;
  }
  const out: string[] = [];
  let classIndent: number | undefined;
  let memberIndent: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    const m = DEF.exec(line);
    if (indent === 0 && !m && !DECORATOR.test(line)) {
      classIndent = undefined; // Top-level code ends the class.
      continue;
    }
    if (indent > 0 && classIndent !== undefined && memberIndent === undefined) memberIndent = indent;
    if (!m) {
      // A public class's annotated attributes (dataclass fields) are part of its interface.
      const field = indent > 0 && indent === memberIndent && classIndent !== undefined ? FIELD.exec(line) : null;
      if (field && !field[1]!.startsWith("_")) out.push(`    ${source.slice(starts[i]! + indent, starts[i]! + line.length).trim()}`);
      continue;
    }
    const [kind, name] = [m[2]!, m[3]!];
    if (indent === 0) {
      classIndent = undefined;
      memberIndent = undefined;
    } else if (classIndent === undefined || indent !== memberIndent) continue;
    const isPublic = !name.startsWith("_") || name === "__init__";
    if (indent === 0 && kind === "class" && isPublic) classIndent = 0;
    if (!isPublic) continue;
    const end = signatureEnd(masked, starts[i]! + indent);
    const signature = source.slice(starts[i]! + indent, end).replace(/\s*\n\s*/g, " ").replace(/\(\s+/g, "(").replace(/,\s*\)/g, ")");
    const pad = indent === 0 ? "" : "    ";
    for (const d of decorators(lines, source, starts, i)) out.push(pad + d);
    const doc = docstring(source, masked, end + 1);
    out.push(pad + (signature.length > MAX_SIGNATURE ? `${signature.slice(0, MAX_SIGNATURE - 1)}…` : signature) + (doc ? `  # ${doc}` : ""));
  }
  return out;
}

/** Index of the `:` that ends the signature starting at `from`: the first at bracket depth 0. */
function signatureEnd(masked: string, from: number): number {
  let depth = 0;
  for (let i = from; i < masked.length; i++) {
    const c = masked[i]!;
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === ":" && depth === 0) return i;
    else if (c === "\n" && depth === 0 && masked[i - 1] !== "\\") return i;
  }
  return masked.length;
}

/** The decorator lines right above line `i`, as written. */
function decorators(lines: string[], source: string, starts: number[], i: number): string[] {
  const found: string[] = [];
  for (let j = i - 1; j >= 0 && DECORATOR.test(lines[j]!); j--) found.unshift(source.slice(starts[j]!, starts[j]! + lines[j]!.length).trim());
  return found;
}

/** The first line of the docstring that follows a signature's `:`, when there is one. */
function docstring(source: string, masked: string, from: number): string | undefined {
  const rest = /^[ \t]*(?:\n[ \t]*)*/.exec(masked.slice(from, from + 200));
  const at = from + (rest?.[0].length ?? 0);
  const quote = /^[rRuUbB]?("""|'''|"|')/.exec(source.slice(at, at + 5));
  if (!quote) return undefined;
  const body = source.slice(at + quote[0].length, at + 2000);
  const line = body.split(quote[1]!)[0]!.split("\n").map((l) => l.trim()).find((l) => l !== "");
  return line && line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
