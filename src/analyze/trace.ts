import { logMapper } from "../logs/map.js";
import { parseLog } from "../logs/parse.js";
import type { MappedFrame } from "../logs/types.js";
import type { SpecTree } from "../spec/types.js";

export interface PastedTrace {
  /**
   * The request with the trace's lines blanked: its file paths, code lines and exception name
   * are no prose. As written when no frame is the project's: then its words are all there is.
   */
  text: string;
  /** Each error's innermost project frame, in request order; none for a trace through other people's code only. */
  frames: MappedFrame[];
}

/**
 * A stack trace pasted into the request (a Python traceback, a Node, JVM, Go or Rust stack),
 * read as a log named with `--log` would be: the module where each error happened is the
 * scope, its callers are not ("a bug in the journal surfacing through the importer and the
 * CLI is the journal's"). Undefined for a one-line request or one with no stack frames.
 */
export function pastedTrace(request: string, spec: SpecTree): PastedTrace | undefined {
  if (!request.includes("\n")) return undefined;
  const errors = parseLog(request).filter((e) => e.frames.length > 0);
  if (errors.length === 0) return undefined;
  const map = logMapper(spec);
  const frames = errors.map((e) => map([e]).frames[0]).filter((f) => f !== undefined);
  if (frames.length === 0) return { text: request, frames };
  const lines = request.split(/\r\n|\r|\n/);
  for (const e of errors) {
    for (let n = e.line - 1; n < e.endLine; n++) lines[n] = " ".repeat(lines[n]?.length ?? 0);
  }
  return { text: lines.join("\n"), frames };
}

/** A file and a line number at a request's start (`src/irrigation.cpp:212 opens two valves`). */
const POINTED_LINE = /^\s*`?[\w./\\-]+\.[A-Za-z0-9]+:\d+\b/;

/** Whether the request opens by pointing at a line of a file, as a bug report does. */
export function opensAtLine(request: string): boolean {
  return POINTED_LINE.test(request);
}
