import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// `--- FAIL: TestAdd (0.00s)` at the start of a line: a failed top-level test (subtests are indented).
const FAILED = /^--- FAIL: (\S+) \([\d.]+s\)\s*$/;
// `    money_test.go:7: Add(100, 250) = -150, want 350`: what `t.Errorf` and `t.Fatalf` print.
const LOCATION = /^\s+([\w.-]+\.go):(\d+): ?(.*)$/;
// `FAIL\tgithub.com/acme/books/money\t0.019s`, `ok  \t...`: the package the tests above were in.
const PACKAGE = /^(?:FAIL|ok)[ \t]+(\S+)[ \t]+(?:\d+(?:\.\d+)?s|\(cached\)|\[[a-z ]+\])/;
// How far a test's output and its package line may be from its `--- FAIL` line.
const WINDOW = 2000;

/**
 * A failed `go test` test: `--- FAIL: TestX`, with the `file_test.go:12: message` lines of
 * `t.Errorf`/`t.Fatalf` after it (or, with `-v`, before it, from its `=== RUN` line on). go
 * prints file names only, so each is put under the package of the next `FAIL <package>` line
 * (`github.com/acme/books/money/money_test.go`), which ends in the package's folder.
 */
export const parseGoTest: LineParser = (lines, at) => {
  const failed = FAILED.exec(lines[at] ?? "");
  if (!failed) return undefined;
  const name = failed[1]!;
  let next = at + 1;
  while (next < lines.length && /^\s+\S/.test(lines[next] ?? "")) next++;
  let found = locations(lines, at + 1, next);
  if (found.length === 0) found = locations(lines, runLine(lines, at, name), at);
  const pkg = packageAfter(lines, next);
  const frames: Frame[] = found.map((l) => frame(pkg ? `${pkg}/${l.file}` : l.file, l.line, undefined, name));
  const message = found[0]?.message ? `${name}: ${found[0].message}` : `${name} failed`;
  return spanning(at, next, { format: "go", message, frames });
};

function locations(lines: readonly string[], from: number, to: number): { file: string; line: number; message: string }[] {
  const found: { file: string; line: number; message: string }[] = [];
  for (let i = from; i < to; i++) {
    const m = LOCATION.exec(lines[i] ?? "");
    if (m) found.push({ file: m[1]!, line: Number(m[2]), message: m[3]!.trim() });
  }
  return found;
}

/** The `=== RUN   TestX` line of a `-v` run before `at`, or `at` when there is none near. */
function runLine(lines: readonly string[], at: number, name: string): number {
  const run = `=== RUN   ${name}`;
  for (let i = at - 1; i >= Math.max(0, at - WINDOW); i--) {
    const line = lines[i] ?? "";
    if (line.trimEnd() === run) return i + 1;
    if (FAILED.test(line) || PACKAGE.test(line)) break;
  }
  return at;
}

/**
 * The package of the first `FAIL <package>`/`ok <package>` line at or after `from`. The last
 * scan is remembered: the tests of one package share its line, and a log of many `--- FAIL`
 * lines and no package line would otherwise be scanned again from each.
 */
function packageAfter(lines: readonly string[], from: number): string | undefined {
  const seen = scanned.get(lines);
  let i = from;
  if (seen && from >= seen.from && from < seen.to) {
    if (seen.pkg !== undefined) return seen.pkg;
    i = seen.to;
  }
  const end = Math.min(lines.length, from + WINDOW);
  for (; i < end; i++) {
    const m = PACKAGE.exec(lines[i] ?? "");
    if (m) {
      scanned.set(lines, { from, to: i + 1, pkg: m[1] });
      return m[1];
    }
  }
  scanned.set(lines, { from, to: Math.max(i, from) });
  return undefined;
}

const scanned = new WeakMap<readonly string[], { from: number; to: number; pkg?: string }>();
