import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// Swift's runtime backtracer (5.9+): `0 0x000055d5c0c8c1a7 Tax.rate() + 23 in App at /build/Sources/Billing/Tax.swift:42:5`,
// `1 [ra] [inlined] 0x… …`; a symbolicated crash report's `0  App  0x000055d5c0c8c1a7 $s7Billing… + 120 at /x/Tax.swift:42`.
const FRAME = /^\s*(\d{1,5}) +(?:\[[a-z]{1,8}\] +){0,3}(?:[\w.+-]{1,128} +)?0x[0-9a-fA-F]{1,16} (.*)$/;
// `Billing/Tax.swift:42: Fatal error: Unexpectedly found nil …` (5.4 and later).
const FATAL = /^(\S{1,1024}?\.swift):(\d{1,9}): ((?:Fatal error|Precondition failed|Assertion failed).*)$/;
/** Lines above frame 0 searched for what went wrong: the backtracer writes `Thread 0 crashed:` between. */
const MESSAGE_LINES = 6;

/**
 * A Swift crash: the runtime backtracer's or a crash report's numbered frames from frame 0,
 * innermost first (frames without ` at file:line` are system code and left out), with the
 * nearest `Fatal error`/`Program crashed` line above as the message; or a `Fatal error` line
 * that names its file and line.
 */
export const parseSwift: LineParser = (lines, at) => {
  const first = lines[at] ?? "";
  const fatal = FATAL.exec(first);
  if (fatal) return spanning(at, at + 1, { format: "swift", message: fatal[3]!, frames: [frame(fatal[1]!, Number(fatal[2]))] });
  const old = oldFatal(first);
  if (old) return spanning(at, at + 1, { format: "swift", message: old.message, frames: [old.frame] });
  const start = FRAME.exec(first);
  if (!start || start[1] !== "0" || !placeOf(start[2]!)) return undefined;
  const frames: Frame[] = [];
  let i = at;
  for (; i < lines.length; i++) {
    const m = FRAME.exec(lines[i] ?? "");
    if (!m) break;
    const place = placeOf(m[2]!);
    if (place) frames.push(place);
  }
  return spanning(at, i, { format: "swift", message: messageAbove(lines, at), frames });
};

/** Where `Fatal error:` may start: after a process name or a timestamp. */
const FATAL_HEAD = 64;

/** `Fatal error: Unexpectedly found nil …: file Billing/Tax.swift, line 42` (before Swift 5.4): found by string search. */
function oldFatal(line: string): { message: string; frame: Frame } | undefined {
  const start = line.indexOf("Fatal error: ");
  if (start < 0 || start > FATAL_HEAD) return undefined;
  const file = line.lastIndexOf(": file ");
  const comma = line.lastIndexOf(", line ");
  if (file < start || comma < file) return undefined;
  const path = line.slice(file + ": file ".length, comma);
  const number = line.slice(comma + ", line ".length).trim();
  if (!path.endsWith(".swift") || !/^\d{1,9}$/.test(number)) return undefined;
  return { message: line.slice(start, file), frame: frame(path, Number(number)) };
}

/** `Tax.rate() + 23 in App at /x/Tax.swift:42:5` -> the file, line and function; undefined without ` at ….swift:N`. */
function placeOf(body: string): Frame | undefined {
  const at = body.lastIndexOf(" at ");
  if (at < 0) return undefined;
  const parts = body.slice(at + 4).trim().split(":");
  const numbers: number[] = [];
  while (parts.length > 1 && numbers.length < 2 && /^\d{1,9}$/.test(parts[parts.length - 1]!)) numbers.unshift(Number(parts.pop()));
  const file = parts.join(":");
  if (numbers.length === 0 || !file.endsWith(".swift")) return undefined;
  const plus = body.lastIndexOf(" + ", at);
  return frame(file, numbers[0], numbers[1], plus > 0 ? body.slice(0, plus) : undefined);
}

function messageAbove(lines: readonly string[], at: number): string {
  for (let k = at - 1; k >= Math.max(0, at - MESSAGE_LINES); k--) {
    const text = (lines[k] ?? "").replace(/^\W{0,4}/u, "").trim();
    if (/^(?:Fatal error|Program crashed|Precondition failed|Assertion failed|Crashed Thread)|Fatal error: /.test(text)) return text;
  }
  return "crash";
}
