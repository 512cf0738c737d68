import { frame, indentOf, spanning, splitLocation, type LineParser } from "./lines.js";
import { nodeFrame } from "./node.js";
import type { Frame } from "./types.js";

// jest: `  ● computeTax › rounds half even` opens a failing test's report (`● Console` is output).
// Jest puts it two spaces in; at most four are allowed, so that few reports can be open over one line
// and each line is read a few times at most, however many bullets a log has.
const BULLET = /^( {0,4})● (.+)$/;
// vitest: ` FAIL  src/billing/tax.test.ts > computeTax > rounds half even` (or `[ file ]` for the file itself).
const VITEST_FAIL = /^\s*FAIL +(\S+) (?:> |\[ )/;
// vitest's frames: ` ❯ computeTax src/billing/tax.ts:14:22`, ` ❯ src/billing/tax.test.ts:12:5`.
const ARROW = /^\s*❯ (.+)$/;
const SEPARATOR = /^\s*⎯/;
// vitest's default reporter on stdout (its reports go to stderr): ` ❯ test/tasks.test.ts (2 tests | 1 failed) 5ms`,
// then `   × finish > throws on an unknown id 3ms` for each failed test.
const VITEST_FILE = /^\s*❯ (\S+\.[cm]?[jt]sx?) \((\d{1,7}) tests? \| (\d{1,7}) failed[^)]{0,80}\)/;
const FAILED_TEST = /^\s+[×✗] (.+?)(?: \d+m?s)?$/;
/** A report is this long at most; the rest of a longer one is not read. */
const MAX_REPORT = 400;

/**
 * A failing jest test (`● suite › test`, its message, the code frame, then `at` lines) or vitest
 * test (`FAIL  file > suite > test`, the error, then `❯ fn file:12:5` lines with code frames
 * between, up to the `⎯⎯⎯` rule). Frames innermost first; an assertion that failed in the test
 * itself has only the test file's frame (vitest: its file, when it prints no frame). A file's
 * line of vitest's summary on stdout (`❯ test/x.test.ts (2 tests | 1 failed)`) is that file.
 */
export const parseJest: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  const bullet = BULLET.exec(line);
  if (bullet && !/^Console\s*$/.test(bullet[2]!)) return jestReport(lines, at, indentOf(line));
  const fail = VITEST_FAIL.exec(line);
  if (fail) return vitestReport(lines, at, fail[1]!);
  const file = VITEST_FILE.exec(line);
  return file ? vitestSummary(lines, at, file[1]!, file[3]!) : undefined;
};

/** A file's line of vitest's summary and its failed tests' lines: the test file is the one frame, without a line (the summary has none). */
function vitestSummary(lines: readonly string[], at: number, file: string, failed: string) {
  let i = at + 1;
  const tests: string[] = [];
  // Its tests' lines are indented; the next file's line or anything else ends it.
  for (; i < lines.length && i < at + MAX_REPORT; i++) {
    const line = lines[i] ?? "";
    if (!/^\s/.test(line) || ARROW.test(line)) break;
    const test = FAILED_TEST.exec(line);
    if (test) tests.push(test[1]!);
  }
  const message = tests.length > 0 ? `${tests[0]}${tests.length > 1 ? ` (and ${tests.length - 1} more)` : ""}` : `${failed} failed`;
  return spanning(at, i, { format: "node", message, frames: [frame(file)] });
}

function jestReport(lines: readonly string[], at: number, indent: number) {
  const frames: Frame[] = [];
  let message = "";
  let i = at + 1;
  for (; i < lines.length && i < at + MAX_REPORT; i++) {
    const line = lines[i] ?? "";
    if (line.trim() !== "" && indentOf(line) <= indent) break;
    if (!message && line.trim() !== "") message = line.trim();
    const found = /^\s+at /.test(line) ? nodeFrame(line) : undefined;
    if (found) frames.push(found);
  }
  if (frames.length === 0) return undefined;
  return spanning(at, i, { format: "node", message, frames });
}

function vitestReport(lines: readonly string[], at: number, file: string) {
  const frames: Frame[] = [];
  let message = "";
  let i = at + 1;
  for (; i < lines.length && i < at + MAX_REPORT; i++) {
    const line = lines[i] ?? "";
    if (SEPARATOR.test(line) || VITEST_FAIL.test(line)) break;
    if (!message && line.trim() !== "") message = line.trim();
    const arrow = ARROW.exec(line);
    if (!arrow) continue;
    const body = arrow[1]!.trim();
    const space = body.lastIndexOf(" ");
    const place = splitLocation(body.slice(space + 1));
    if (place) frames.push(frame(place.file, place.line, place.column, space > 0 ? body.slice(0, space) : undefined));
  }
  if (frames.length === 0 && /\.[cm]?[jt]sx?$/.test(file)) frames.push(frame(file));
  if (frames.length === 0) return undefined;
  return spanning(at, i, { format: "node", message, frames });
}
