import { closeSync, constants, openSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { fsProblem } from "../read-capped.js";

/**
 * Writes `report --output`'s file; a missing folder, an unwritable path, a link loop is a one-line
 * error, not a stack. A named pipe no process reads is refused at once: writing to it waited for
 * a reader forever. One something reads (`--output >(gzip > r.gz)`) is written as a file is.
 */
export function writeReport(output: string, text: string): void {
  const path = resolve(output);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isFIFO()) closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`Cannot write the report to \`${output}\`: ${why(error, output)}`);
  }
}

function why(error: unknown, output: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENXIO") return "it is a named pipe no process reads: expected a file (or a pipe something reads)";
  if (code === "ENOENT") return `the folder \`${dirname(output)}\` does not exist`;
  if (code === "EISDIR") return "it is a folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "no space left on the disk (ENOSPC)";
  return code === "ELOOP" ? "a symbolic link loop (ELOOP)" : code ? fsProblem(error, output) : String(error);
}
