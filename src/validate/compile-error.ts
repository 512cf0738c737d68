import { basename } from "node:path";
import { parseCompiler } from "../logs/compiler.js";

/** Characters of the compiler's message kept in a check's one-line message. */
const MESSAGE_CHARS = 100;

/**
 * The first compiler error in a failed check's output, `does not compile: Money.java:17: ';' expected`
 * (javac, Maven, Gradle, tsc, Kotlin, gcc, clang, mypy; see logs/compiler.ts), and how many there
 * are. A build that stops before its tests otherwise reads `exit 1` alone, the same as failing tests.
 */
export function compileError(text: string): string | undefined {
  const lines = text.split("\n");
  const view = { written: lines, whole: lines };
  let first: string | undefined;
  let count = 0;
  for (let at = 0; at < lines.length; at++) {
    const match = parseCompiler(lines, at, view);
    if (!match) continue;
    const where = match.error.frames[0];
    count++;
    if (!first && where) {
      const message = match.error.message.length > MESSAGE_CHARS ? `${match.error.message.slice(0, MESSAGE_CHARS - 1)}…` : match.error.message;
      first = `${basename(where.file)}${where.line ? `:${where.line}` : ""}: ${message}`;
    }
    at = match.next - 1;
  }
  if (!first) return undefined;
  return `does not compile${count > 1 ? ` (${count} errors)` : ""}: ${first}`;
}

/** The files of the compiler errors in a check's output, in order, each once, as the compiler wrote them. */
export function compileErrorFiles(text: string): string[] {
  const lines = text.split("\n");
  const view = { written: lines, whole: lines };
  const files = new Set<string>();
  for (let at = 0; at < lines.length; at++) {
    const match = parseCompiler(lines, at, view);
    if (!match) continue;
    for (const frame of match.error.frames) files.add(frame.file);
    at = match.next - 1;
  }
  return [...files];
}
