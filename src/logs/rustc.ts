import { frame, spanning, splitLocation, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// rustc and cargo: `error[E0061]: this method takes 0 arguments`, then `  --> src/x.rs:17:66`.
const HEAD = /^error(?:\[E\d{4}\])?: (.+)$/;
// The primary span (`-->`) and spans in other files (`:::`), under the heading or its notes.
const SPAN = /^\s*(?:-->|:::) (.+)$/;
/** Lines between the heading and its `-->`: rustc puts it on the next line. */
const ARROW_WITHIN = 3;
/** Lines of one diagnostic read at most (source excerpts, notes, help). */
const MAX_LINES = 400;

/**
 * A Rust compiler error: the file of its `-->` span first, then the files its notes point
 * at (`::: src/cart/line.rs:12:12`). An `error:` with no span nearby (cargo's `could not
 * compile`) is not one.
 */
export const parseRustc: LineParser = (lines, at) => {
  const head = HEAD.exec(lines[at] ?? "");
  if (!head) return undefined;
  let arrow = -1;
  for (let i = at + 1; i <= at + ARROW_WITHIN && i < lines.length; i++) {
    if (/^\s*--> /.test(lines[i] ?? "")) {
      arrow = i;
      break;
    }
  }
  if (arrow < 0) return undefined;
  const frames: Frame[] = [];
  let i = at + 1;
  // The diagnostic runs to the next unindented line that is not a `note:`/`help:` of it.
  for (; i < lines.length && i - at < MAX_LINES; i++) {
    const text = lines[i] ?? "";
    if (i > at + 1 && /^\S/.test(text) && !/^(?:note|help)\b/.test(text) && !/^\d+\s*[|+-]/.test(text)) break;
    const span = SPAN.exec(text);
    const place = span ? splitLocation(span[1]!.trim()) : undefined;
    if (place && !frames.some((f) => f.file === place.file && f.line === place.line)) frames.push(frame(place.file, place.line, place.column));
  }
  return spanning(at, i, { format: "rust", message: head[0], frames });
};
