import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// A Ruby backtrace line: `app/models/user.rb:12:in 'User#name'` (3.4 quotes with '), `` in `name' ``
// (before 3.4); after `from ` in an uncaught exception's report, `# ` in RSpec's, bare in Rails' and
// minitest's. A path is a `.rb`, `.rake` or `.erb` file, or `bin/x`/`exe/x`.
export const FRAME = /^\s*(?:from |# )?((?:\S*\/)?(?:[^\s/:]+\.(?:rb|rake|erb)|(?:bin|exe)\/[\w.-]+)):(\d+):in [`']([^'`]*)'(.*)$/;
// An uncaught exception's first line ends with the message and the class: `: undefined method 'x' for nil (NoMethodError)`.
const HEAD_MESSAGE = /^: (.*)$/;
// RSpec's `NoMethodError:` line above the message.
const CLASS_COLON = /^[A-Z]\w*(?:::[A-Z]\w*)*:$/;

/**
 * A Ruby backtrace: an uncaught exception (`file:12:in 'm': msg (Error)` then `from` lines),
 * or a run of backtrace lines under a Rails or RSpec error (`# ./app/models/user.rb:12:in ...`).
 * Frames innermost first, as Ruby prints them.
 */
export const parseRuby: LineParser = (lines, at) => {
  const first = FRAME.exec(lines[at] ?? "");
  if (!first) return undefined;
  const frames: Frame[] = [frame(first[1]!.replace(/^\.\//, ""), Number(first[2]), undefined, first[3])];
  let message = HEAD_MESSAGE.exec(first[4] ?? "")?.[1] ?? "";
  if (!message) message = messageAbove(lines, at);
  let i = at + 1;
  for (; i < lines.length; i++) {
    const m = FRAME.exec(lines[i] ?? "");
    if (!m) {
      // RSpec and Rails print `... 12 levels...` and blank lines inside; a line that is neither ends it.
      if (/^\s*(?:from |# )?\.\.\. \d+ levels\.\.\.$/.test(lines[i] ?? "")) continue;
      break;
    }
    frames.push(frame(m[1]!.replace(/^\.\//, ""), Number(m[2]), undefined, m[3]));
  }
  return spanning(at, i, { format: "ruby", message, frames });
};

/**
 * The message above a bare backtrace: the nearest line with text within three lines (Rails:
 * `NoMethodError (undefined method 'x' for nil):`), joined to RSpec's `NoMethodError:` above it.
 */
function messageAbove(lines: readonly string[], at: number): string {
  for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
    const text = (lines[k] ?? "").trim();
    if (!text) continue;
    const above = (lines[k - 1] ?? "").trim();
    return CLASS_COLON.test(above) ? `${above} ${text}` : text;
  }
  return "";
}
