import { frame, spanning, splitLocation, type LineParser } from "./lines.js";

/** Where a compiler error points and what it says. */
interface Diagnostic {
  file: string;
  line: number;
  column?: number;
  message: string;
}

/**
 * A compiler's error line, with the lines that belong to it: javac and Gradle's javac
 * (`src/main/java/com/acme/Journal.java:12: error: ...`, then the source line, a caret and
 * `  required:` lines), Maven (`[ERROR] /build/src/main/java/.../Journal.java:[12,43] ...`),
 * tsc (`src/main.ts(3,7): error TS2322: ...`, or `--pretty`'s `src/main.ts:3:7 - error TS2322: ...`),
 * Kotlin (`e: file:///build/src/main/kotlin/Cart.kt:12:5 ...`, or the older `e: Cart.kt: (12, 5): ...`),
 * and the `file:line[:col]: error: ...` of gcc, clang and mypy. Warnings and notes are not errors.
 * The location is found by plain string search, never a pattern that could retry at every
 * character of a hostile line.
 */
export const parseCompiler: LineParser = (lines, at) => {
  const found = diagnostic(lines[at] ?? "");
  if (!found) return undefined;
  let next = at + 1;
  // javac and gcc quote the source line and put a caret under the column.
  if (CARET.test(lines[next + 1] ?? "")) next += 2;
  // Then what the error says besides, indented: javac's `  symbol:`/`  required:`, Maven's `[ERROR]   required:`.
  while (next < lines.length && DETAIL.test(lines[next] ?? "") && !diagnostic(lines[next] ?? "")) next++;
  return spanning(at, next, { format: "compiler", message: found.message, frames: [frame(found.file, found.line, found.column)] });
};

const CARET = /^\s*\^[\s~]*$/;
const DETAIL = /^(?:\[ERROR\] )?\s+\S/;

/** The error a line reports, in any of the forms above; undefined for anything else. */
function diagnostic(text: string): Diagnostic | undefined {
  if (text.startsWith("[ERROR] ")) return maven(text.slice("[ERROR] ".length));
  if (text.startsWith("e: ")) return kotlin(text.slice("e: ".length));
  let at = text.indexOf("): error TS");
  if (at > 0) {
    const open = text.lastIndexOf("(", at);
    return open > 0 ? located(text.slice(0, open), text.slice(open + 1, at), ",", text.slice(at + 3)) : undefined;
  }
  at = text.indexOf(" - error TS");
  if (at > 0) return fromPlace(splitLocation(text.slice(0, at)), text.slice(at + 3));
  for (const marker of [": error: ", ": fatal error: "]) {
    at = text.indexOf(marker);
    if (at > 0) return lineAndColumn(text.slice(0, at), text.slice(at + 2));
  }
  return undefined;
}

/** `/build/src/.../Journal.java:[12,43] message`. */
function maven(text: string): Diagnostic | undefined {
  const open = text.indexOf(":[");
  const close = open > 0 ? text.indexOf("] ", open) : -1;
  return close > 0 ? located(text.slice(0, open), text.slice(open + 2, close), ",", text.slice(close + 2)) : undefined;
}

/** `file:///build/Cart.kt:12:5 message` (Kotlin 1.7 on), `/build/Cart.kt: (12, 5): message` (before). */
function kotlin(text: string): Diagnostic | undefined {
  const path = text.startsWith("file://") ? text.slice("file://".length) : text;
  const old = path.indexOf(": (");
  if (old > 0) {
    const close = path.indexOf("): ", old);
    return close > 0 ? located(path.slice(0, old), path.slice(old + 3, close), ", ", path.slice(close + 3)) : undefined;
  }
  const space = path.indexOf(" ");
  return space > 0 ? fromPlace(splitLocation(path.slice(0, space)), path.slice(space + 1)) : undefined;
}

/** `file:12` or `file:12:5` before a message. */
function lineAndColumn(place: string, message: string): Diagnostic | undefined {
  const withColumn = splitLocation(place);
  if (withColumn) return fromPlace(withColumn, message);
  const colon = place.lastIndexOf(":");
  return colon > 0 ? located(place.slice(0, colon), place.slice(colon + 1), ",", message) : undefined;
}

/** A file and `12` or `12<separator>5`. */
function located(file: string, numbers: string, separator: string, message: string): Diagnostic | undefined {
  const [line, column, ...more] = numbers.split(separator);
  if (more.length > 0 || !DIGITS.test(line ?? "") || (column !== undefined && !DIGITS.test(column))) return undefined;
  return fromPlace({ file, line: Number(line), ...(column !== undefined ? { column: Number(column) } : {}) }, message);
}

function fromPlace(place: { file: string; line: number; column?: number } | undefined, message: string): Diagnostic | undefined {
  if (!place || !isSourceFile(place.file) || message.trim() === "") return undefined;
  return { ...place, message: message.trim() };
}

const DIGITS = /^\d+$/;

/** A path whose last part has an extension and no white space: `src/main.ts`, not `Build failed`. */
function isSourceFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return !/\s/.test(name) && /\.\w+$/.test(name);
}
