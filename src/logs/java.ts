import { isJavaAt, javaFrame, javaIndent } from "./java-frames.js";
import { indentOf, rootFirst, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// `Exception in thread "main" java.lang.IllegalStateException: msg`, `com.acme.Foo: msg`:
// the JVM prints the class's qualified name, so a package is required.
const HEADER = /^(\s*)(?:Exception in thread "[^"]*"\s+)?((?:[a-z_$][\w$]*\.)+[A-Z_$][\w$]*(?::\s?.*)?)$/;
const CAUSED_BY = /^(\s*)Caused by: (.+)$/;
const ELIDED = /^\s+\.\.\. \d+ (?:more|common frames omitted)\s*$/;
const SUPPRESSED = /^\s+Suppressed: /;
// A multi-line message may sit between the header and the first `at` line.
const MESSAGE_LINES = 10;

interface Link {
  message: string;
  frames: Frame[];
}

/**
 * A JVM (Java, Kotlin, Scala) stack trace: header, `at` lines innermost first, then
 * `Caused by:` sections, each the cause of the one above; the last is the root cause.
 * `Suppressed:` sections are read past but not used.
 */
export const parseJava: LineParser = (lines, at) => {
  const header = HEADER.exec(lines[at] ?? "");
  if (!header) return undefined;
  const first = firstFrame(lines, at);
  if (first === undefined) return undefined;

  const base = header[1]?.length ?? 0;
  const links: Link[] = [{ message: (header[2] ?? "").trim(), frames: [] }];
  let frameIndent = javaIndent(lines[first] ?? "");
  let skipping = false; // inside a Suppressed block
  let i = first;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const cause = CAUSED_BY.exec(line);
    if (cause && (cause[1]?.length ?? 0) <= base) {
      links.push({ message: (cause[2] ?? "").trim(), frames: [] });
      skipping = false;
      frameIndent = -1;
    } else if (isJavaAt(line)) {
      if (frameIndent < 0) frameIndent = javaIndent(line);
      const found = javaFrame(line);
      if (!skipping && javaIndent(line) === frameIndent && found) links[links.length - 1]?.frames.push(found);
    } else if (SUPPRESSED.test(line)) {
      skipping = true;
    } else if (ELIDED.test(line) || (skipping && indentOf(line) > base && CAUSED_BY.test(line))) {
      continue;
    } else {
      break;
    }
  }
  return spanning(at, i, { format: "java", ...rootFirst(links) });
};

/** Index of the first `at` line after a header, allowing a multi-line message. */
function firstFrame(lines: readonly string[], at: number): number | undefined {
  for (let i = at + 1; i < lines.length && i <= at + MESSAGE_LINES; i++) {
    const line = lines[i] ?? "";
    if (isJavaAt(line)) return i;
    // Another header or stack first: this line was not the header of that stack.
    if (/^\s+at /.test(line) || CAUSED_BY.test(line) || HEADER.test(line)) return undefined;
  }
  return undefined;
}
