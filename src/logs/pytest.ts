import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

const EXCEPTION = /^[A-Z][\w.]*$/;

/**
 * pytest's report of a failing test: a `____ test_name ____` block (`--tb=long`, `short`,
 * `auto`) whose `path.py:N: ...` lines are the frames, outermost first, and whose `E   `
 * lines hold the error; a `--tb=line` line (`/abs/x.py:3: TypeError: msg`); a summary line
 * (`FAILED tests/test_x.py::test_y - TypeError: ...`), whose only frame is the test's file.
 * A block with no location line (`--tb=native`) is left to the Python traceback parser.
 */
export const parsePytest: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  if (isHeader(line)) return block(lines, at);
  const summary = summaryOf(line);
  if (summary) return spanning(at, at + 1, { format: "pytest", message: summary.message, frames: [frame(summary.file)] });
  const located = locationOf(line);
  if (located && EXCEPTION.test(located.rest.split(":", 1)[0] ?? "")) {
    return spanning(at, at + 1, { format: "pytest", message: located.rest, frames: [frame(located.file, located.line)] });
  }
  return undefined;
};

/** `____ test_name ____`, `____ TestX.test_y[1-2] ____`, `____ ERROR collecting tests/x.py ____`. */
function isHeader(line: string): boolean {
  return /^_{3,} \S/.test(line) && / _{3,}$/.test(line);
}

/** `FAILED tests/test_x.py::test_y - TypeError: ...` (`-rf`, `-ra`; `ERROR` for an error in set-up or collection). */
function summaryOf(line: string): { file: string; message: string } | undefined {
  const word = line.startsWith("FAILED ") ? "FAILED" : line.startsWith("ERROR ") ? "ERROR" : undefined;
  if (!word) return undefined;
  const rest = line.slice(word.length + 1);
  const space = rest.indexOf(" ");
  const id = space < 0 ? rest : rest.slice(0, space);
  const file = id.split("::", 1)[0] ?? "";
  if (!file.endsWith(".py") || file.length <= 3) return undefined;
  const after = space < 0 ? "" : rest.slice(space);
  if (after !== "" && !after.startsWith(" - ")) return undefined;
  return { file, message: after.slice(3).trim() || word };
}

function block(lines: readonly string[], at: number) {
  const frames: Frame[] = [];
  let message = "";
  let inError = false;
  let i = at + 1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isHeader(line) || line.startsWith("====")) break;
    const error = /^E {2,}(.*)$/.exec(line);
    if (error) {
      // The first line of the last group of `E` lines: the exception that ended the test.
      if (!inError) message = (error[1] ?? "").trim();
      inError = true;
      continue;
    }
    inError = false;
    const located = locationOf(line);
    if (located) frames.push(frame(located.file, located.line, undefined, located.rest.startsWith("in ") ? located.rest.slice(3) : undefined));
  }
  if (frames.length === 0) return undefined;
  return spanning(at, i, { format: "pytest", message, frames: frames.reverse() });
}

/**
 * `tests/test_x.py:9: `, `clinic/billing.py:3: TypeError`, `x.py:3: in f`: a string scan for
 * the first `.py:` (a pattern would retry at every colon of a hostile line).
 */
function locationOf(line: string): { file: string; line: number; rest: string } | undefined {
  if (line === "" || /^\s/.test(line)) return undefined;
  const dot = line.indexOf(".py:");
  if (dot <= 0) return undefined;
  const tail = line.slice(dot + 4);
  const colon = tail.indexOf(":");
  if (colon <= 0 || !/^\d+$/.test(tail.slice(0, colon))) return undefined;
  const rest = tail.slice(colon + 1);
  if (rest !== "" && !rest.startsWith(" ")) return undefined;
  return { file: line.slice(0, dot + 3), line: Number(tail.slice(0, colon)), rest: rest.trim() };
}
