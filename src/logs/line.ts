import { headlessGoFrames } from "./go.js";
import { placeFrame } from "./json-stack.js";
import { spanning, type LineParser } from "./lines.js";
import { dashLine, jsonLine, pipeLine } from "./logger-lines.js";
import type { Frame } from "./types.js";

const LEVEL = "(?:ERROR|CRITICAL|FATAL)";
const NAME = "[A-Za-z_][\\w$.:/-]*";
// Up to 80 characters of timestamp, pid or host before the level.
const PREFIX = "^(?:.{0,80}?[\\s\\]|])?";
const FORMS: RegExp[] = [
  // `2026-11-25 10:00:01,123 ERROR ledger.core.journal: msg`, `[ERROR] name: msg`
  new RegExp(`${PREFIX}\\[?${LEVEL}\\]?\\s+(${NAME}):\\s+(.*)$`),
  // Python's default format: `ERROR:ledger.core.journal:msg`
  new RegExp(`^${LEVEL}:(${NAME}):(.*)$`),
  // log4j and logback: `ERROR [main] com.acme.ledger.Journal - msg` (the brackets hold the thread)
  new RegExp(`${PREFIX}${LEVEL}\\s+\\[[^\\]]*\\]\\s+(${NAME})\\s+-\\s+(.*)$`),
  // `ERROR [ledger.core.journal] msg`
  new RegExp(`${PREFIX}${LEVEL}\\s+\\[(${NAME})\\]:?\\s+(.*)$`),
  // Rust's env_logger: `[2026-11-25T10:00:01Z ERROR ledger::journal] msg`
  new RegExp(`^\\[[^\\]]*?\\b${LEVEL}\\s+(${NAME})\\]\\s+(.*)$`),
];

/**
 * JSON log lines, `time | logger | LEVEL | message` lines, then
 * `ERROR <logger>: <message>` and its common variants, with or without a timestamp
 * first. The error has no frames; the mapper resolves the logger name instead.
 */
export const parseLine: LineParser = (lines, at, log) => {
  const line = lines[at] ?? "";
  const written = log.written[at] ?? line;
  const called = callerLine(written);
  if (called) {
    // zap's console encoder prints the stack on the lines after, without a goroutine header.
    const { frames, next } = headlessGoFrames(lines, at + 1);
    return spanning(at, frames.length > 0 ? next : at + 1, { format: "line", message: called.message, frames: frames.length > 0 ? frames : [called.frame] });
  }
  // The wrapper may be the logger line's own timestamp and level: then the line as written is read.
  return fromLine(line, at) ?? (written === line ? undefined : fromLine(written, at));
};

/** Where a level word is looked for: a timestamp, a pid and a thread fit before it. */
const CALLER_HEAD = 160;
const SEVERE_WORDS = new Set(["ERROR", "CRITICAL", "FATAL", "PANIC", "DPANIC"]);

/**
 * A line whose level word is followed by the place of the call that logged: zap's console
 * encoder (`2026-01-02T03:04:05.000Z\tERROR\tbilling/tax.go:88\tmsg`), Python's
 * `%(levelname)s [%(pathname)s:%(lineno)d]` formats. Read by splitting the line's head on white
 * space: no pattern over the whole line.
 */
function callerLine(line: string): { frame: Frame; message: string } | undefined {
  const head = line.slice(0, CALLER_HEAD);
  const tokens = head.split(/[ \t]+/, 8);
  const level = tokens.findIndex((t) => SEVERE_WORDS.has(t.replace(/^\[|\]:?$/g, "").toUpperCase()));
  const place = level >= 0 ? tokens[level + 1] : undefined;
  if (place === undefined || place.length === 0) return undefined;
  const found = placeFrame(place.replace(/^[[(]|[\])]?:?$/g, ""));
  if (!found) return undefined;
  const from = line.indexOf(place, head.indexOf(tokens[level]!) + tokens[level]!.length) + place.length;
  return { frame: found, message: line.slice(from).trim() };
}

function fromLine(line: string, at: number) {
  const json = jsonLine(line);
  if (json) return spanning(at, at + 1, { format: "line", frames: [], ...json });
  if (!/ERROR|CRITICAL|FATAL/.test(line)) return undefined;
  const piped = pipeLine(line);
  if (piped) return spanning(at, at + 1, { format: "line", frames: [], ...piped });
  for (const form of FORMS) {
    const match = form.exec(line);
    if (match) {
      const logger = withoutTrailing(match[1] ?? "", ":.");
      return spanning(at, at + 1, { format: "line", message: (match[2] ?? "").trim(), frames: [], logger });
    }
  }
  const dashed = dashLine(line);
  return dashed ? spanning(at, at + 1, { format: "line", frames: [], ...dashed }) : undefined;
}

/** `text` without trailing characters from `chars`: a loop, since `/[:.]+$/` retries at every dot. */
function withoutTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}
