import { isAbsolute, join, relative, sep } from "node:path";
import { OrchestrateError } from "../errors.js";
import { fsProblem, readCapped } from "../read-capped.js";
import { excerptLog } from "./excerpt.js";
import { parseLog } from "./parse.js";
import type { LogError } from "./types.js";

/**
 * The most of a log that is read: its last 8 MB. A crash is at a log's end, and the
 * parsers and the excerpt need not see gigabytes of what came before.
 */
export const LOG_MAX_BYTES = 8 * 1024 * 1024;

export interface LogFile {
  /** Relative to the project root, `/`-separated. */
  path: string;
  text: string;
  /** The error lines, at most about 80, for prompts. */
  excerpt: string;
  errors: LogError[];
  /** Set when the log was larger than `LOG_MAX_BYTES` and only its end was read: says so, for a warning. */
  truncated?: string;
}

/**
 * Reads a log named by a request (`logs/error.log`, relative to `root`, or absolute): its
 * last `LOG_MAX_BYTES` at most.
 * @throws OrchestrateError `LOG_UNREADABLE` naming the file when it is missing or unreadable,
 * or is no regular file (a pipe, a device) and gives more than `LOG_MAX_BYTES`.
 */
export function readLog(root: string, path: string): LogFile {
  const absolute = isAbsolute(path) ? path : join(root, path);
  const shown = relative(root, absolute).split(sep).join("/") || path;
  const shownPath = shown.startsWith("../") ? absolute : shown;
  const limit = `${LOG_MAX_BYTES / 1024 / 1024} MB`;
  let read: ReturnType<typeof readCapped>;
  try {
    read = readCapped(absolute, LOG_MAX_BYTES, { tail: true });
  } catch (error) {
    const reason = fsProblem(error, absolute);
    throw new OrchestrateError("LOG_UNREADABLE", `Cannot read log \`${shownPath}\`: ${reason}`, { file: shownPath }, { cause: error });
  }
  if (!read) {
    throw new OrchestrateError("LOG_UNREADABLE", `Cannot read log \`${shownPath}\`: not a regular file and longer than ${limit}; save the log to a file and pass that`, { file: shownPath });
  }
  const errors = parseLog(read.text);
  const log: LogFile = { path: shownPath, text: read.text, excerpt: excerptLog(read.text, errors), errors };
  if (read.truncated) log.truncated = `The log is larger than ${limit}: only its last ${limit} are read`;
  return log;
}
