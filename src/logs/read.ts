import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { OrchestrateError } from "../errors.js";
import { excerptLog } from "./excerpt.js";
import { parseLog } from "./parse.js";
import type { LogError } from "./types.js";

export interface LogFile {
  /** Relative to the project root, `/`-separated. */
  path: string;
  text: string;
  /** The error lines, at most about 80, for prompts. */
  excerpt: string;
  errors: LogError[];
}

/**
 * Reads a log named by a request (`logs/error.log`, relative to `root`, or absolute).
 * @throws OrchestrateError `LOG_UNREADABLE` naming the file when it is missing or unreadable.
 */
export function readLog(root: string, path: string): LogFile {
  const absolute = isAbsolute(path) ? path : join(root, path);
  const shown = relative(root, absolute).split(sep).join("/") || path;
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new OrchestrateError("LOG_UNREADABLE", `Cannot read log \`${shown}\`: ${reason}`, { file: shown }, { cause: error });
  }
  const errors = parseLog(text);
  return { path: shown, text, excerpt: excerptLog(text, errors), errors };
}
