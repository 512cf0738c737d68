import { frame, spanning, splitLocation, toNumber, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// Rust 1.73+: `thread 'main' panicked at src/x.rs:12:5:` with the message on the next
// lines; recent releases add the thread id (`thread 'main' (6368) panicked at`).
const NEW = /^thread '([^']*)'(?: \(\d+\))? panicked at (.+):$/;
// Before 1.73: `thread 'main' panicked at 'msg', src/x.rs:12:5`.
// The message and the location are split at the last `', ` by \`oldForm\`: a pattern
// `'(.*)', (.+?):(\d+):(\d+)$` retries the location at every `', ` of a hostile line.
const OLD = /^thread '([^']*)'(?: \(\d+\))? panicked at '/;
const BACKTRACE = /^stack backtrace:$/;
const FUNCTION = /^\s*\d+:\s+(?:0x[0-9a-f]+ - )?(.+)$/;
const AT = /^\s+at (.+?):(\d+)(?::(\d+))?$/;

/**
 * A Rust panic. With RUST_BACKTRACE=1 the frames are the backtrace's, innermost first as
 * printed (the panic machinery of std first); the panic location is added in front
 * when the backtrace does not show it, and is the only frame without a backtrace.
 */
export const parseRust: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  const old = oldForm(line);
  const recentMatch = old ? undefined : NEW.exec(line);
  const recent = recentMatch ? splitLocation(recentMatch[2] ?? "") : undefined;
  if (!old && !recent) return undefined;

  let i = at + 1;
  let message: string;
  let panicked: Frame;
  if (old) {
    message = old.message;
    panicked = old.location;
  } else {
    message = lines[i] ?? "";
    panicked = frame(recent?.file ?? "", recent?.line, recent?.column);
    // The message runs to the backtrace or a `note:` line (assert_eq! prints left and right).
    while (i < lines.length && (lines[i] ?? "").trim() !== "" && !/^(?:note: |stack backtrace:)/.test(lines[i] ?? "")) i++;
  }
  const frames: Frame[] = [];
  if (/^note: run with `RUST_BACKTRACE/.test(lines[i] ?? "")) i++;
  if (BACKTRACE.test(lines[i] ?? "")) i = readBacktrace(lines, i + 1, frames);
  if (!frames.some((f) => samePlace(f, panicked))) frames.unshift(panicked);
  return spanning(at, i, { format: "rust", message: message.trim(), frames });
};

/** `thread 'main' panicked at 'msg', src/x.rs:12:5`: the message and the location. */
function oldForm(line: string): { message: string; location: Frame } | undefined {
  const start = OLD.exec(line);
  if (!start) return undefined;
  const rest = line.slice(start[0].length);
  const split = rest.lastIndexOf("', ");
  if (split < 0) return undefined;
  const location = splitLocation(rest.slice(split + 3));
  if (!location || location.file === "") return undefined;
  return { message: rest.slice(0, split), location: frame(location.file, location.line, location.column) };
}

// anyhow's and eyre's report of an error `main` returned: `Error: msg`, its causes, then the backtrace.
const REPORT = /^Error: (.+)$/;
/** Lines between a report's first line and its backtrace: causes and their headings, a location, a code fence. */
const REPORT_PART = /^(?:\s|$|(?:Caused by|Location|Stack backtrace|Backtrace):?\s*$|```|━)/;
/** How far after `Error:` a report's backtrace may start: its causes and location come first. */
const REPORT_REACH = 40;

/**
 * The report of an error a Rust program's `main` returned through anyhow or eyre, with
 * RUST_BACKTRACE=1: `Error: msg`, `Caused by:` lines, then numbered frames, innermost first, each
 * with its `at file:line` below. Without frames it is no stack (a line of a log saying "Error: ...").
 */
export const parseRustReport: LineParser = (lines, at) => {
  const header = REPORT.exec(lines[at] ?? "");
  if (!header) return undefined;
  const causes: string[] = [(header[1] ?? "").trim()];
  let caused = false;
  const end = Math.min(lines.length - 1, at + 1 + REPORT_REACH);
  for (let i = at + 1; i < end; i++) {
    const text = lines[i] ?? "";
    if (FUNCTION.test(text) && AT.test(lines[i + 1] ?? "")) {
      const frames: Frame[] = [];
      const next = readBacktrace(lines, i, frames);
      // As for other chained errors: the root cause's message, and the chain root first.
      const chain = causes.reverse();
      return spanning(at, next, { format: "rust", message: chain[0] ?? "", frames, ...(chain.length > 1 ? { chain } : {}) });
    }
    if (!REPORT_PART.test(text)) return undefined;
    if (/^Caused by:?\s*$/.test(text)) caused = true;
    else if (caused && /^\s+\S/.test(text)) causes.push(text.trim().replace(/^\d+:\s+/, ""));
    else caused = false;
  }
  return undefined;
};

function readBacktrace(lines: readonly string[], from: number, frames: Frame[]): number {
  let fn: string | undefined;
  let i = from;
  for (; i < lines.length; i++) {
    const text = lines[i] ?? "";
    const at = AT.exec(text);
    const named = at ? undefined : FUNCTION.exec(text);
    if (named) {
      fn = named[1];
    } else if (at) {
      frames.push(frame(at[1] ?? "", Number(at[2]), toNumber(at[3]), fn));
    } else {
      break;
    }
  }
  if (/^note: Some details are omitted/.test(lines[i] ?? "")) i++;
  return i;
}

function samePlace(a: Frame, b: Frame): boolean {
  const plain = (file: string) => file.replace(/^(\.\/)+/, "");
  return plain(a.file) === plain(b.file) && a.line === b.line && a.column === b.column;
}
