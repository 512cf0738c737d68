import { isJavaAt } from "./java-frames.js";
import { endsWithBrace, frame, indentOf, rootFirst, spanning, splitLocation, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// `TypeError: msg`, `Error [ERR_X]: msg`, `Uncaught RangeError: msg`, `LedgerFailure: msg`.
const HEADER = /^\s*(?:Uncaught )?([A-Za-z_$][\w$.]*)(?: \[[\w.-]+\])?(?:(:)(?: .*)?)?$/;
// `    at fn (file:1:2)`: indent, `at `, then the body, read by string scanning below (the
// pattern `^(\s+)at (.+?)\s*\{?\s*$` it replaces is cubic on a line of spaces).
const AT_START = /^\s+at /;
const NO_FILE = /^(?:native|<anonymous>|index \d+|unknown location)$/;
const ELIDED = /^\s+\.\.\. \d+ lines matching cause stack trace \.\.\.$/;
const CAUSE = /^\s+\[cause\]: (.*)$/;
const MESSAGE_LINES = 10;

interface Link {
  message: string;
  frames: Frame[];
}

/**
 * A V8 stack: `Name: message`, then `    at fn (file:line:col)` lines innermost first.
 * Frames in Node's own code (`node:internal/...`) and without a file are dropped.
 * `[cause]:` errors printed after the stack (`new Error(msg, { cause })`) form a
 * chain whose last cause is the root.
 */
export const parseNode: LineParser = (lines, at) => {
  const header = lines[at] ?? "";
  if (!isHeader(header)) return undefined;
  const first = firstFrame(lines, at);
  if (first === undefined) return undefined;

  const links: Link[] = [{ message: header.trim().replace(/^Uncaught /, ""), frames: [] }];
  let i = readFrames(lines, first, links[0]?.frames ?? []);
  if (endsWithBrace(lines[i - 1] ?? "")) i = readProperties(lines, i, indentOf(header), links);
  return spanning(at, i, { format: "node", ...rootFirst(links) });
};

function isHeader(line: string): boolean {
  const match = HEADER.exec(line);
  if (!match) return false;
  const name = match[1] ?? "";
  // A bare word is a header only when it names an error: "stderr" or "done" are not.
  return /(?:Error|Exception)$/.test(name) || (match[2] === ":" && /^[A-Z]/.test(name));
}

export function isNodeAt(line: string): boolean {
  const body = atBody(line);
  if (body === undefined || isJavaAt(line)) return false;
  const location = splitCall(body)?.location ?? body;
  return splitLocation(location) !== undefined || NO_FILE.test(location);
}

/** The frame of one `    at fn (file:line:col)` line; none for Node's own code or a frame without a file. */
export function nodeFrame(line: string): Frame | undefined {
  const body = atBody(line) ?? "";
  const call = splitCall(body);
  const location = splitLocation(call ? call.location : body);
  if (!location) return undefined;
  const { file } = location;
  if (file.startsWith("node:") || file.startsWith("internal/") || file.includes("<anonymous>")) return undefined;
  return frame(file, location.line, location.column, call?.fn);
}

/**
 * What follows `at ` on a stack line, without the trailing `{` of a stack followed by
 * properties, and without `async ` (`at async fn (file:1:2)`: the marker is not part of the name).
 */
function atBody(line: string): string | undefined {
  const start = AT_START.exec(line);
  if (!start) return undefined;
  let body = line.slice(start[0].length).trimEnd();
  if (body.length > 1 && body.endsWith("{")) body = body.slice(0, -1).trimEnd();
  if (body === "") return undefined;
  return body.startsWith("async ") ? body.slice("async ".length) : body;
}

/** `fn (location)` -> its parts: the first ` (` of a body that ends with `)`. */
function splitCall(body: string): { fn: string; location: string } | undefined {
  if (!body.endsWith(")")) return undefined;
  const open = body.indexOf(" (");
  if (open < 0 || open + 2 > body.length - 1) return undefined;
  return { fn: body.slice(0, open), location: body.slice(open + 2, -1) };
}

/** Index of the first `at` line after a header, allowing a multi-line message. */
function firstFrame(lines: readonly string[], at: number): number | undefined {
  const indent = indentOf(lines[at] ?? "");
  for (let i = at + 1; i < lines.length && i <= at + MESSAGE_LINES; i++) {
    const line = lines[i] ?? "";
    if (isNodeAt(line)) return indentOf(line) > indent ? i : undefined;
    if (/^\s+at /.test(line) || (indentOf(line) === indent && isHeader(line))) return undefined;
  }
  return undefined;
}

/** Reads `at` lines from `from` into `frames`; returns the index after the last. */
function readFrames(lines: readonly string[], from: number, frames: Frame[]): number {
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (ELIDED.test(line)) continue;
    if (!isNodeAt(line)) break;
    const found = nodeFrame(line);
    if (found) frames.push(found);
    if (endsWithBrace(line)) return i + 1;
  }
  return i;
}

/** The `{ code: ..., [cause]: ... }` block after a stack, up to its closing brace. */
function readProperties(lines: readonly string[], from: number, indent: number, links: Link[]): number {
  let i = from;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "}" && indentOf(line) === indent) return i + 1;
    if (line.trim() !== "" && indentOf(line) <= indent) return i; // cut off: never eat what follows
    const cause = CAUSE.exec(line);
    if (cause && isNodeAt(lines[i + 1] ?? "")) {
      const link: Link = { message: (cause[1] ?? "").trim(), frames: [] };
      links.push(link);
      i = readFrames(lines, i + 1, link.frames);
    } else {
      i++;
    }
  }
  return i;
}
