import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

const START = /^(panic|fatal error): (.*)$/;
const GOROUTINE = /^goroutine \d+ \[[^\]]*\]:$/;
/** The goroutine that was running: where a trace pasted without its `panic:` line starts. */
const RUNNING = /^goroutine \d+ \[running\]:$/;
// A tab as Go prints it, or the spaces a terminal or chat box turns it into.
const FILE = /^(?:\t| {2,})(.+?):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;
/** net/http's log line for a panic its handler recovered (`2026/12/04 10:00:00 http: panic serving 127.0.0.1:42072: msg`), above that goroutine. */
const HTTP_PANIC = /\bhttp: panic serving \S+: (.+)$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine \d+)?$/;
// Lines allowed between `panic:` and the goroutine header: `[signal ...]`, re-panics, blanks.
const PREAMBLE_LINES = 8;

/**
 * `panic: msg` (or `fatal error: msg`), then the panicking goroutine's frames, innermost
 * first: a function line and a tab-indented `file:line +0x..` line each. Only the first
 * goroutine is read; with GOTRACEBACK=all the others are other goroutines' business, and
 * are passed over. A trace copied from its `goroutine 1 [running]:` line on (the panic's
 * message left behind) is read alike, with that line as its message. A server's handler panic,
 * which net/http recovers and logs, starts at its `http: panic serving` line, whose message it is.
 */
export const parseGo: LineParser = (lines, at) => {
  const first = lines[at] ?? "";
  const served = HTTP_PANIC.exec(first);
  if (served && RUNNING.test(lines[at + 1] ?? "")) {
    const { frames, next } = goroutine(lines, at + 2);
    return spanning(at, otherGoroutines(lines, next), { format: "go", message: served[1]!, frames });
  }
  const start = START.exec(first);
  if (!start && !RUNNING.test(first)) return undefined;
  const message = !start ? first.slice(0, -1) : start[1] === "panic" ? (start[2] ?? "").replace(/ \[recovered\]$/, "") : first;

  let i = at;
  if (start) {
    const limit = Math.min(lines.length, at + 1 + PREAMBLE_LINES);
    for (i++; i < limit && !GOROUTINE.test(lines[i] ?? ""); i++);
    if (i >= limit) return spanning(at, at + 1, { format: "go", message, frames: [] });
  }
  const { frames, next } = goroutine(lines, i + 1);
  return spanning(at, otherGoroutines(lines, next), { format: "go", message, frames });
};

/** The frames of a goroutine from its first function line, and the line after them. */
function goroutine(lines: readonly string[], from: number): { frames: Frame[]; next: number } {
  const frames: Frame[] = [];
  let i = from;
  for (; i + 1 < lines.length; i += 2) {
    const fn = lines[i] ?? "";
    const file = FILE.exec(lines[i + 1] ?? "");
    if (fn.trim() === "" || /^\s/.test(fn) || !file) break;
    const created = CREATED_BY.exec(fn);
    frames.push(frame(file[1] ?? "", Number(file[2]), undefined, created ? created[1] : withoutArguments(fn)));
  }
  return { frames, next: i };
}

/**
 * The frames of a Go stack printed without its goroutine header, as loggers keep one in a field
 * (zap's `stacktrace`, `debug.Stack()` in a record): function and tab-indented `file:line` lines.
 */
export function headlessGoFrames(lines: readonly string[], from = 0): { frames: Frame[]; next: number } {
  return goroutine(lines, from);
}

/** Past the goroutines GOTRACEBACK=all prints after the first, each after a blank line. */
function otherGoroutines(lines: readonly string[], at: number): number {
  let i = at;
  while ((lines[i] ?? "").trim() === "" && GOROUTINE.test(lines[i + 1] ?? "")) i = goroutine(lines, i + 2).next;
  return i;
}

/** `pkg.(*T).Post(0xc000010, {0x4989f8, 0x0})` -> `pkg.(*T).Post`. */
function withoutArguments(call: string): string {
  const text = call.trim();
  if (!text.endsWith(")")) return text;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ")") depth++;
    else if (text[i] === "(" && --depth === 0) return text.slice(0, i);
  }
  return text;
}
