import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// What starts a PHP error: the engine's (`PHP Fatal error:  Uncaught TypeError: ...`, after Apache's
// or php-fpm's prefix too), or an exception's `Stack trace:` and Laravel's `[stacktrace]` below a message.
const FATAL = ["Fatal error: ", "Parse error: ", "Uncaught "];
const TRACE_HEAD = /^(?:Stack trace:|\[stacktrace\])\s*$/;
// `#0 /var/www/src/Api/InvoiceController.php(31): Shop\Billing\Invoice->total()`, `#2 {main}`, `#1 [internal function]: ...`.
const FRAME_START = /^\s*#\d+ /;
/** Lines between a message and its `Stack trace:`: Laravel's exception summary, a multi-line message. */
const MESSAGE_LINES = 4;

/**
 * A PHP error: a fatal error's `... in /path/x.php on line 12` (or an uncaught exception's
 * `... in /path/x.php:12`, Laravel's `... at /path/x.php:12)`), where it was thrown, then the
 * `#0 /path/y.php(31): ...` frames of its stack trace, innermost first. Warnings and notices are
 * no errors. Locations are found by string search from the end of the line.
 */
export const parsePhp: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  const fatal = FATAL.map((word) => line.indexOf(word)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  let traceAt = -1;
  if (fatal === undefined) {
    // A message whose `Stack trace:` follows: the message line is the error's first.
    for (let i = at + 1; i < lines.length && i <= at + MESSAGE_LINES; i++) {
      if (TRACE_HEAD.test(lines[i] ?? "")) {
        traceAt = i;
        break;
      }
    }
    if (traceAt < 0 || !FRAME_START.test(lines[traceAt + 1] ?? "")) return undefined;
  }
  const thrown = thrownAt(line);
  if (fatal !== undefined && !thrown) return undefined;
  const frames: Frame[] = thrown ? [thrown] : [];
  let i = traceAt >= 0 ? traceAt + 1 : at + 1;
  if (traceAt < 0 && TRACE_HEAD.test(lines[i] ?? "")) i++;
  for (; i < lines.length && FRAME_START.test(lines[i] ?? ""); i++) {
    const found = phpFrame(lines[i] ?? "");
    if (found) frames.push(found);
  }
  // `  thrown in /path/x.php on line 18` closes an uncaught exception's report, and says where it was raised.
  if (/^\s+thrown in /.test(lines[i] ?? "")) {
    const thrownLine = thrownAt(lines[i] ?? "");
    if (thrownLine && !(frames[0]?.file === thrownLine.file && frames[0]?.line === thrownLine.line)) frames.unshift(thrownLine);
    i++;
  }
  if (frames.length === 0) return undefined;
  const message = (fatal === undefined ? line : line.slice(fatal)).trim();
  return spanning(at, i, { format: "php", message, frames });
};

/**
 * Where an error was raised, from the end of its message: ` in x.php on line 12`, ` in x.php:12`,
 * ` at x.php:12)`; the last one on the line (a TypeError's `called in a.php on line 31 and defined in b.php:18`).
 */
function thrownAt(line: string): Frame | undefined {
  let found: Frame | undefined;
  let foundAt = -1;
  const onLine = line.lastIndexOf(" on line ");
  if (onLine > 0) {
    const number = /^\d+/.exec(line.slice(onLine + " on line ".length))?.[0];
    const file = line.lastIndexOf(" in ", onLine);
    if (number && file >= 0) [found, foundAt] = [phpFile(line.slice(file + " in ".length, onLine), number), onLine];
  }
  for (const word of [" in ", " at "]) {
    const start = line.lastIndexOf(word);
    if (start <= foundAt) continue;
    const place = /^(\S+\.(?:php|phtml|inc)):(\d+)\)?/.exec(line.slice(start + word.length));
    if (place) [found, foundAt] = [phpFile(place[1]!, place[2]!), start];
  }
  return found;
}

/** `#0 /var/www/src/Api/InvoiceController.php(31): call`: the path before the first `(digits): `. */
function phpFrame(line: string): Frame | undefined {
  const body = line.trimStart().replace(/^#\d+ /, "");
  const close = body.indexOf("): ");
  const open = close > 0 ? body.lastIndexOf("(", close) : -1;
  if (open <= 0) return undefined;
  const found = phpFile(body.slice(0, open), body.slice(open + 1, close));
  return found && frame(found.file, found.line, undefined, body.slice(close + 3).trim() || undefined);
}

function phpFile(file: string, line: string): Frame | undefined {
  return /\.(?:php|phtml|inc)$/.test(file) && /^\d+$/.test(line) ? frame(file, Number(line)) : undefined;
}
