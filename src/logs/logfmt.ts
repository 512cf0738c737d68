import { placeFrame, stackIn } from "./json-stack.js";
import { spanning, type LineParser } from "./lines.js";
import type { Frame, LogError } from "./types.js";
import { unwrap } from "./wrappers.js";

/** Fields a logfmt line holds at most that are read: the rest of a longer line is not looked at. */
const MAX_FIELDS = 64;
/** Fewer `key=value` fields than this is prose with an `=` in it, not a logfmt record. */
const MIN_FIELDS = 3;
/** A line longer than this is not read as a record (a stack of a few hundred frames fits), as JSON records (logs/json-stack.ts). */
const MAX_RECORD = 256 * 1024;
/** A level field is looked for this far into a line: a timestamp and a few fields fit before it. */
const LEVEL_HEAD = 512;
const LEVEL_FIELD = /(?:^|[ \t])(?:level|lvl|severity|log\.level)=/i;
const SEVERE = new Set(["error", "err", "fatal", "crit", "critical", "panic", "dpanic", "alert", "emerg"]);
const LEVEL_KEYS = ["level", "lvl", "severity", "log.level"];
/** Where the call that logged is: slog's `source=` (AddSource), go-kit's `caller=`, logrus' `file=` (ReportCaller). */
const CALLER_KEYS = ["source", "caller", "file", "src", "location"];
const STACK_KEYS = ["stack", "stacktrace", "stack_trace", "trace", "err.stack", "error.stack", "exception"];
const LOGGER_KEYS = ["logger", "component", "module", "name"];
const MESSAGE_KEYS = ["msg", "message", "err", "error"];

type Inner = (text: string) => LogError[];

/**
 * A logfmt record at level error or worse (`time=… level=ERROR source=/app/billing/tax.go:88
 * msg="rate missing"`, go-kit, logrus, slog's TextHandler, Heroku's router): the call that
 * logged is a frame, a `stack=` field (its `\n`s escaped) is read as a log of its own by
 * `inner`, which reads no logfmt, so one level only; the logger, when named, is kept for a
 * record none of whose frames is the project's.
 */
export function logfmtStack(inner: Inner): LineParser {
  return (lines, at, log) => {
    if (!LEVEL_FIELD.test((lines[at] ?? "").slice(0, LEVEL_HEAD))) return undefined;
    // The whole line: a record with a stack is longer than a line is cut to (logs/lines.ts).
    const whole = unwrap(log.whole[at] ?? lines[at] ?? "");
    const fields = whole.length > MAX_RECORD ? undefined : logfmtFields(whole);
    if (!fields) return undefined;
    const level = valueOf(fields, LEVEL_KEYS);
    if (level === undefined || !SEVERE.has(level.toLowerCase())) return undefined;
    const stack = valueOf(fields, STACK_KEYS);
    const stacked = stack?.includes("\n") ? stackIn(stack, inner) : undefined;
    const place = valueOf(fields, CALLER_KEYS);
    const caller = place === undefined ? undefined : placeFrame(place, fields.get("func") ?? fields.get("function"));
    const frames: Frame[] = [...(stacked?.frames ?? []), ...(caller ? [caller] : [])];
    const logger = valueOf(fields, LOGGER_KEYS);
    if (frames.length === 0 && logger === undefined) return undefined;
    // A Go stack's own first line is its goroutine's header, which says nothing of the error: the record's message does.
    const told = stacked && !/^goroutine \d/.test(stacked.message) ? stacked.message : "";
    const message = told || valueOf(fields, MESSAGE_KEYS) || "";
    return spanning(at, at + 1, { format: "logfmt", message, frames, ...(logger === undefined ? {} : { logger }) });
  };
}

function valueOf(fields: ReadonlyMap<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

/**
 * The `key=value` fields of a logfmt line, values unquoted (`"…"` with `\"`, `\\`, `\n`, `\t`),
 * or undefined when it is not one: fewer than `MIN_FIELDS`, or a word that is no field. One scan.
 */
export function logfmtFields(line: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  let i = 0;
  const n = line.length;
  while (i < n && fields.size < MAX_FIELDS) {
    while (i < n && (line[i] === " " || line[i] === "\t")) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && isKeyChar(line.charCodeAt(i))) i++;
    if (i === keyStart || line[i] !== "=") return fields.size >= MIN_FIELDS ? fields : undefined;
    const key = line.slice(keyStart, i);
    i++;
    let value = "";
    if (line[i] === '"') {
      i++;
      let closed = false;
      const parts: string[] = [];
      let from = i;
      while (i < n) {
        const c = line[i];
        if (c === '"') {
          closed = true;
          break;
        }
        if (c === "\\" && i + 1 < n) {
          parts.push(line.slice(from, i), unescape(line[i + 1]!));
          i += 2;
          from = i;
          continue;
        }
        i++;
      }
      if (!closed) return undefined;
      parts.push(line.slice(from, i));
      value = parts.join("");
      i++;
    } else {
      const from = i;
      while (i < n && line[i] !== " " && line[i] !== "\t") i++;
      value = line.slice(from, i);
    }
    if (!fields.has(key)) fields.set(key, value);
  }
  return fields.size >= MIN_FIELDS ? fields : undefined;
}

function isKeyChar(c: number): boolean {
  // a-z A-Z 0-9 _ . - @ /
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;
}

function unescape(c: string): string {
  return c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "" : c;
}
