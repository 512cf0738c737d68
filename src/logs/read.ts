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

/**
 * The most of a log whose errors are parsed at first: its last 1 MB. Parsing costs about 0.6 s
 * of CPU a MB (every line tried by every parser); a crash is at the end, and the 30,000th
 * repeat of an error further up changes neither the scope nor the excerpt. A log whose last
 * MB holds no error is parsed as read, up to `LOG_MAX_BYTES`, as before.
 */
export const LOG_PARSE_BYTES = 1024 * 1024;

export interface LogFile {
  /** Relative to the project root, `/`-separated. */
  path: string;
  text: string;
  /** The error lines, at most about 80, for prompts. */
  excerpt: string;
  errors: LogError[];
  /** Set when the log was larger than `LOG_MAX_BYTES` and only its end was read: says so, for a warning. */
  truncated?: string;
  /** Set when only the log's last `LOG_PARSE_BYTES` were searched for errors (it held some): says so, for a warning. */
  searched?: string;
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
  const tail = tailOf(read.text, LOG_PARSE_BYTES);
  const tailErrors = tail === undefined ? undefined : parseLog(tail);
  // No error in its end: the log as read is searched, as a log no longer than the window always is.
  const [text, errors] = tail !== undefined && tailErrors!.length > 0 ? [tail, tailErrors!] : [read.text, parseLog(read.text)];
  const log: LogFile = { path: shownPath, text, excerpt: excerptLog(text, errors), errors };
  if (read.truncated) log.truncated = `The log is larger than ${limit}: only its last ${limit} are read`;
  if (text !== read.text) log.searched = `The log is ${megabytes(Buffer.byteLength(read.text))}${read.truncated ? " as read" : ""}: only its last ${LOG_PARSE_BYTES / 1024 / 1024} MB (${count(text)} lines, where it ends) is searched for errors; to have an earlier error read, pass the part of the log that holds it`;
  return log;
}

/** The last `max` bytes of `text` from a line's start (about: counted in UTF-16 units, at most `max` of them); undefined when `text` is no longer. */
function tailOf(text: string, max: number): string | undefined {
  if (text.length <= max) return undefined;
  const newline = text.indexOf("\n", text.length - max);
  return newline < 0 ? undefined : text.slice(newline + 1);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function count(text: string): string {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return lines.toLocaleString("en-US");
}
