import type { LogError } from "./types.js";

/** What a logger line holds: the logger name and the message. */
export type LoggerLine = Pick<LogError, "logger" | "message">;

const LEVELS = new Set(["ERROR", "CRITICAL", "FATAL"]);
const NAME = /^[A-Za-z_][\w$.:/-]*$/;
/** More fields than any logger format has: the rest of the line is the message. */
const MAX_FIELDS = 8;

/**
 * `2025-11-20 09:14:02 | DATA.SCHWAB | ERROR | Token refresh failed` and the same fields in
 * another order (`time | LEVEL | logger | message`): the logger is the name next to the
 * level, the message what follows both. A split on `|`, no pattern over the whole line.
 */
export function pipeLine(line: string): LoggerLine | undefined {
  if (!line.includes("|")) return undefined;
  const fields = line.split("|", MAX_FIELDS + 1).map((f) => f.trim());
  if (fields.length < 3) return undefined;
  const level = fields.findIndex((f, i) => i < MAX_FIELDS && LEVELS.has(f.toUpperCase()));
  if (level < 0) return undefined;
  const isName = (i: number) => i >= 0 && i < fields.length && !LEVELS.has((fields[i] ?? "").toUpperCase()) && NAME.test(fields[i] ?? "") && !/^\d/.test(fields[i] ?? "");
  const logger = isName(level - 1) ? level - 1 : isName(level + 1) && level + 2 < fields.length ? level + 1 : -1;
  if (logger < 0) return undefined;
  // The message may hold `|` itself: take it from the original line, after the last field used.
  const messageStart = nthIndex(line, "|", Math.max(level, logger) + 1);
  const message = messageStart < 0 ? "" : line.slice(messageStart + 1).trim();
  return { logger: fields[logger]!, message };
}

function nthIndex(text: string, char: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(char, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/**
 * `[ERROR] DATA.SCHWAB - msg`, `2025-11-20 09:14:02 ERROR DATA.SCHWAB - msg`: a level word
 * (bracketed or not) in the line's first 120 characters, a logger name, then ` - ` or `: `.
 * A scan from the level word on; only the first level word counts.
 */
export function dashLine(line: string): LoggerLine | undefined {
  const head = line.slice(0, 120);
  let at = -1;
  let word = "";
  for (const level of LEVELS) {
    const i = head.indexOf(level);
    if (i >= 0 && (at < 0 || i < at)) [at, word] = [i, level];
  }
  if (at < 0) return undefined;
  const before = at === 0 ? " " : line[at - 1]!;
  if (before !== " " && before !== "[" && before !== "\t") return undefined;
  let i = at + word.length;
  if (line[i] === "]") i++;
  if (line[i] !== " " && line[i] !== "\t") return undefined;
  while (line[i] === " " || line[i] === "\t") i++;
  const end = line.indexOf(" ", i);
  if (end < 0) return undefined;
  const logger = line.slice(i, end);
  if (!NAME.test(logger) || !line.startsWith("- ", end + 1)) return undefined;
  return { logger, message: line.slice(end + 3).trim() };
}

const LEVEL_KEYS = ["level", "levelname", "severity", "lvl", "log.level"];
const LOGGER_KEYS = ["logger", "logger_name", "loggerName", "name", "log.logger", "module"];
const MESSAGE_KEYS = ["msg", "message", "event", "error"];

/** A JSON record's level is error or worse: a level word, or pino's numbers (50 error, 60 fatal). */
export function severeLevel(fields: Record<string, unknown>): boolean {
  const level = LEVEL_KEYS.map((k) => fields[k]).find((v) => v !== undefined);
  return typeof level === "number" ? level >= 50 : typeof level === "string" && (LEVELS.has(level.toUpperCase()) || PANICS.has(level.toUpperCase()));
}

/** zap's levels above error. */
const PANICS = new Set(["PANIC", "DPANIC"]);

/**
 * A JSON log line (structlog, python-json-logger, pino, bunyan) at level error or worse:
 * `{"level": "error", "logger": "DATA.SCHWAB", "msg": "..."}`, with `name`/`message` too,
 * and pino's numeric levels (50 error, 60 fatal). `JSON.parse` is linear in the line.
 */
export function jsonLine(line: string): LoggerLine | undefined {
  const text = line.trim();
  if (!text.startsWith("{") || !text.endsWith("}")) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) return undefined;
  const fields = record as Record<string, unknown>;
  if (!severeLevel(fields)) return undefined;
  const logger = LOGGER_KEYS.map((k) => fields[k]).find((v): v is string => typeof v === "string" && NAME.test(v));
  if (!logger) return undefined;
  const message = MESSAGE_KEYS.map((k) => fields[k]).find((v): v is string => typeof v === "string") ?? "";
  return { logger, message };
}
