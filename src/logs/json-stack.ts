import { headlessGoFrames } from "./go.js";
import { frame, spanning, type LineParser } from "./lines.js";
import { jsonLine, severeLevel } from "./logger-lines.js";
import type { Frame, LogError } from "./types.js";
import { unwrap } from "./wrappers.js";

/** A JSON record longer than this is not read (a stack of a few hundred frames fits). */
const MAX_RECORD = 256 * 1024;
/** How deep in a record a stack is looked for: Sentry's `exception.values[0].stacktrace.frames[0].lineno`. */
const MAX_DEPTH = 6;

type Inner = (text: string) => LogError[];

/**
 * A JSON log record holding a stack: in a string field (pino's and bunyan's `err.stack`,
 * winston's `stack`, python-json-logger's `exc_info`, structlog's `exception`, logstash's
 * `stack_trace`, Serilog's `@x`: any string of more than one line is read as a log of its own by
 * `inner`, which reads no JSON records, so one level only), or as frame objects (below). The
 * record's logger, when it names one, is kept for a stack none of whose frames is the project's.
 * The whole line is read (up to `MAX_RECORD`): a record with a stack is longer than a line is cut to.
 */
export function jsonStack(inner: Inner): LineParser {
  return (lines, at, log) => {
    const line = lines[at] ?? "";
    if (!line.trimStart().startsWith("{")) return undefined;
    const whole = unwrap(log.whole[at] ?? line).trim();
    if (whole.length > MAX_RECORD) return undefined;
    const record = parsed(whole);
    const found = record === undefined ? undefined : (stackOf(record, inner) ?? callerOf(record));
    if (!found) return undefined;
    const logger = jsonLine(whole)?.logger;
    return spanning(at, at + 1, logger === undefined ? found : { ...found, logger });
  };
}

/**
 * A log that is one JSON document, as an error tracker exports an event (Sentry's
 * `exception.values[].stacktrace.frames[]`): its error, spanning the whole log.
 */
export function jsonDocument(text: string, inner: Inner): LogError[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") || !trimmed.includes("\n")) return undefined;
  const record = parsed(trimmed);
  const found = record === undefined ? undefined : stackOf(record, inner);
  if (!found) return undefined;
  return [{ ...found, line: 1, endLine: Math.max(1, text.split("\n").length) }];
}

function parsed(text: string): unknown {
  if (!text.endsWith("}")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function stackOf(record: unknown, inner: Inner): Omit<LogError, "line" | "endLine"> | undefined {
  const found: { format: LogError["format"]; message: string; frames: Frame[] }[] = [];
  visit(record, 0, "", inner, found);
  const framed = found.filter((f) => f.frames.length > 0);
  if (framed.length === 0) return undefined;
  // Several stacks in one record are the links of a chain, root cause first as trackers list them.
  return { format: framed[0]!.format, message: framed[0]!.message, frames: framed.flatMap((f) => f.frames) };
}

/**
 * Strings of more than one line, and arrays of frame objects (`{abs_path|filename|file, lineno|line,
 * function|name}`, outermost first as Sentry and structlog list them), depth first. `message`: the
 * nearest `type`/`value` (`exc_type`/`exc_value`) pair above.
 */
function visit(value: unknown, depth: number, message: string, inner: Inner, out: { format: LogError["format"]; message: string; frames: Frame[] }[]): void {
  if (typeof value === "string") {
    const error = value.includes("\n") ? stackIn(value, inner) : undefined;
    if (error) out.push({ format: error.format, message: error.message || message, frames: error.frames });
    return;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    const frames = value.flatMap(frameObject);
    if (frames.length > 0) {
      out.push({ format: "json", message, frames: frames.reverse() });
      return;
    }
  }
  const fields = value as Record<string, unknown>;
  const type = fields.type ?? fields.exc_type;
  const said = fields.value ?? fields.exc_value;
  const here = typeof type === "string" ? (typeof said === "string" && said !== "" ? `${type}: ${said}` : type) : message;
  for (const child of Object.values(fields)) visit(child, depth + 1, here, inner, out);
}

/**
 * The first error with frames in a multi-line string field, read by `inner`; or the frames of a
 * Go stack kept without its goroutine header (zap's `stacktrace`), with no message of its own.
 */
export function stackIn(text: string, inner: Inner): Pick<LogError, "format" | "message" | "frames"> | undefined {
  const error = inner(text).find((e) => e.frames.length > 0);
  if (error) return error;
  const { frames } = headlessGoFrames(text.split("\n"));
  return frames.length > 0 ? { format: "go", message: "", frames } : undefined;
}

/** Fields naming where the call that logged is: zap's and go-kit's `caller`, slog's `source` (an object with `file` and `line`). */
const CALLER_KEYS = ["caller", "source", "src", "location"];

/**
 * A record at level error or worse with no stack, whose call that logged is named (zap's
 * `"caller":"billing/tax.go:88"`, slog's `"source":{"file":…,"line":88}`): that call, one frame.
 */
function callerOf(record: unknown): Omit<LogError, "line" | "endLine"> | undefined {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return undefined;
  const fields = record as Record<string, unknown>;
  if (!severeLevel(fields)) return undefined;
  for (const key of CALLER_KEYS) {
    const value = fields[key];
    const found = typeof value === "string" ? placeFrame(value) : frameObject(value)[0];
    if (found) {
      const message = ["msg", "message", "error"].map((k) => fields[k]).find((v): v is string => typeof v === "string") ?? "";
      return { format: "json", message, frames: [found] };
    }
  }
  return undefined;
}

/**
 * `/app/billing/tax.go:88`, `tax.go:88`, `billing/tax.go:88:5`: a file (with an extension) and a
 * line, else undefined. A split at colons, no pattern over the text.
 */
export function placeFrame(place: string, fn?: string): Frame | undefined {
  const parts = place.split(":");
  let end = parts.length;
  const numbers: number[] = [];
  while (end > 1 && numbers.length < 2 && /^\d{1,9}$/.test(parts[end - 1]!)) numbers.unshift(Number(parts[--end]));
  const file = parts.slice(0, end).join(":");
  if (numbers.length === 0 || !/\.\w{1,8}$/.test(file)) return undefined;
  return frame(file, numbers[0], numbers[1], fn);
}

function frameObject(value: unknown): Frame[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const f = value as Record<string, unknown>;
  const file = [f.abs_path, f.filename, f.file, f.path].find((v): v is string => typeof v === "string" && v !== "");
  const line = [f.lineno, f.line, f.lineNumber].find((v): v is number => typeof v === "number");
  if (file === undefined || line === undefined) return [];
  const fn = [f.function, f.name, f.method].find((v): v is string => typeof v === "string");
  return [frame(file, line, typeof f.colno === "number" ? f.colno : undefined, fn)];
}
