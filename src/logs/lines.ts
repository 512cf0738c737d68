import type { Frame, LogError } from "./types.js";

/** What a format parser returns: the error and the index of the first line after it. */
export interface Match {
  error: LogError;
  next: number;
}

/**
 * Tries to read one error starting at `lines[at]`; undefined when none starts there. `lines`
 * are unwrapped (logs/wrappers.ts); `log` has them as written too, for parsers that read a
 * wrapper (a logger line's timestamp and level) or a whole long line (a JSON record).
 */
export type LineParser = (lines: readonly string[], at: number, log: LogView) => Match | undefined;

/** The log's lines as written (ANSI codes, CR and CI timestamps gone), cut and whole. */
export interface LogView {
  written: readonly string[];
  whole: readonly string[];
}

// CSI (colours, cursor moves) and OSC (titles, hyperlinks) escape sequences.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// GitHub Actions' raw logs put an ISO timestamp before every line.
const CI_STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z /;

/**
 * Longest line a parser reads; the rest of a longer line is cut. No stack line, file path
 * or logger name is this long, and the cut bounds what any pattern can cost on a line.
 */
export const MAX_LINE_LENGTH = 4096;

/** The log's lines without ANSI codes, CR or CI timestamps, each cut to `MAX_LINE_LENGTH`. */
export function logLines(text: string): string[] {
  return wholeLines(text).map(cut);
}

/** The log's lines without ANSI codes, CR or CI timestamps, as long as they are. */
export function wholeLines(text: string): string[] {
  return text
    .replace(ANSI, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(CI_STAMP, ""));
}

export function cut(line: string): string {
  return line.length > MAX_LINE_LENGTH ? line.slice(0, MAX_LINE_LENGTH) : line;
}

/** True when `line` ends with `{` and optional white space (a stack followed by properties). */
export function endsWithBrace(line: string): boolean {
  return line.trimEnd().endsWith("{");
}

/**
 * `file:12:5` -> file, line and column, split at the last two colons: a string scan, since
 * a pattern such as `^(.+?):(\d+):(\d+)$` retries at every colon of a hostile line.
 */
export function splitLocation(text: string): { file: string; line: number; column: number } | undefined {
  const last = text.lastIndexOf(":");
  if (last <= 0) return undefined;
  const before = text.lastIndexOf(":", last - 1);
  if (before <= 0) return undefined;
  const line = text.slice(before + 1, last);
  const column = text.slice(last + 1);
  if (!DIGITS.test(line) || !DIGITS.test(column)) return undefined;
  return { file: text.slice(0, before), line: Number(line), column: Number(column) };
}

const DIGITS = /^\d+$/;

export function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

/** A `LogError` spanning `lines[at]` up to (not including) `lines[next]`. */
export function spanning(at: number, next: number, error: Omit<LogError, "line" | "endLine">): Match {
  return { error: { ...error, line: at + 1, endLine: Math.max(at + 1, next) }, next };
}

/** `"12"` -> 12; undefined for a missing group. */
export function toNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/**
 * The root cause's message and the chain, from messages listed outermost first, and
 * the frames, root cause first, from each link's frames (already innermost first).
 */
export function rootFirst(links: { message: string; frames: LogError["frames"] }[]): Pick<LogError, "message" | "frames" | "chain"> {
  const fromRoot = [...links].reverse();
  const result: Pick<LogError, "message" | "frames" | "chain"> = {
    message: fromRoot[0]?.message ?? "",
    frames: fromRoot.flatMap((link) => link.frames),
  };
  if (links.length > 1) result.chain = fromRoot.map((link) => link.message);
  return result;
}

/** A frame without the keys that are undefined, so frames compare and print cleanly. */
export function frame(file: string, line?: number, column?: number, fn?: string): Frame {
  const result: Frame = { file };
  if (line !== undefined) result.line = line;
  if (column !== undefined) result.column = column;
  if (fn !== undefined && fn !== "") result.function = fn;
  return result;
}
