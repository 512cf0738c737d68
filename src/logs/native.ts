import { frame, spanning, splitLocation, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// `    #0 0x55d0c1a2b3c4 in parse_header /src/shop/src/parser.c:42:13` (AddressSanitizer and the
// other sanitizers), `#0  0x0000555555555189 in parse_header (buf=0x0) at src/parser.c:42` (gdb's `bt`).
const NUMBERED = /^\s*#(\d{1,5}) +(.*)$/;
// `==4242==    at 0x10915E: parse_header (parser.c:42)`, then `by` lines (valgrind).
const VALGRIND = /^==\d+== {2,}(at|by) 0x[0-9A-Fa-f]+: (.*)$/;
/** Lines above the first frame searched for what went wrong: ASan's `==N==ERROR: ...` is two up. */
const MESSAGE_LINES = 4;

/**
 * A native backtrace: a sanitizer's (`#0 0x... in fn file:12:3`), gdb's (`#0 0x... in fn (args)
 * at file:12`) or valgrind's (`at 0x...: fn (file.c:12)`, `by ...`), innermost first from frame
 * 0. Frames in shared libraries (`(/lib/x86_64-linux-gnu/libc.so.6+0x29d90)`) have no file and are
 * left out. The message is the nearest report line above (`ERROR: AddressSanitizer: ...`,
 * `Program received signal SIGSEGV`, `Invalid read of size 4`).
 */
export const parseNative: LineParser = (lines, at) => {
  const first = lines[at] ?? "";
  const numbered = NUMBERED.exec(first);
  const valgrind = numbered ? undefined : VALGRIND.exec(first);
  if (numbered ? numbered[1] !== "0" || !isNativeFrame(numbered[2]!) : valgrind?.[1] !== "at") return undefined;
  const frames: Frame[] = [];
  let i = at;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const found = numbered ? numberedFrame(line) : valgrindFrame(line, i === at);
    if (found === undefined) break;
    if (found) frames.push(found);
  }
  if (frames.length === 0) return undefined;
  return spanning(at, i, { format: "native", message: messageAbove(lines, at), frames });
};

/** The body after `#N ` is a native frame: an address, or gdb's `fn (args) at file:line`. */
function isNativeFrame(body: string): boolean {
  return /^0x[0-9a-f]+ /i.test(body) || gdbPlace(body) !== undefined;
}

/** A frame, null for a frame line with no source file, undefined for a line that is no frame. */
function numberedFrame(line: string): Frame | null | undefined {
  const m = NUMBERED.exec(line);
  if (!m || !isNativeFrame(m[2]!)) return undefined;
  const body = m[2]!.replace(/^0x[0-9a-f]+ (?:in )?/i, "");
  const gdb = gdbPlace(body);
  if (gdb) return gdb;
  // Sanitizer: `fn file:12:3`, the location last; `fn (module+0xoff)` has none.
  const space = body.lastIndexOf(" ");
  const place = body.slice(space + 1);
  const located = splitLocation(place) ?? lineOnly(place);
  return located && !located.file.startsWith("(") ? frame(located.file, located.line, located.column, space > 0 ? body.slice(0, space) : undefined) : null;
}

/** gdb's `fn (args) at file:12`: what follows the last ` at `. */
function gdbPlace(body: string): Frame | undefined {
  const at = body.lastIndexOf(" at ");
  if (at < 0) return undefined;
  const place = lineOnly(body.slice(at + " at ".length));
  if (!place) return undefined;
  const open = body.indexOf(" (");
  return frame(place.file, place.line, undefined, open > 0 ? body.slice(0, open) : undefined);
}

function valgrindFrame(line: string, first: boolean): Frame | null | undefined {
  const m = VALGRIND.exec(line);
  if (!m || (!first && m[1] !== "by")) return undefined;
  // `parse_header (parser.c:42)`, or `(in /usr/lib/libc.so.6)`.
  const body = m[2]!.trimEnd();
  const open = body.lastIndexOf(" (");
  if (open < 0 || !body.endsWith(")")) return null;
  const place = lineOnly(body.slice(open + 2, -1));
  return place ? frame(place.file, place.line, undefined, body.slice(0, open)) : null;
}

/** `file:12` -> file and line. */
function lineOnly(text: string): { file: string; line: number; column?: number } | undefined {
  const colon = text.lastIndexOf(":");
  if (colon <= 0 || !/^\d+$/.test(text.slice(colon + 1))) return undefined;
  return { file: text.slice(0, colon), line: Number(text.slice(colon + 1)) };
}

function messageAbove(lines: readonly string[], at: number): string {
  let nearest = "";
  for (let k = at - 1; k >= Math.max(0, at - MESSAGE_LINES); k--) {
    const text = (lines[k] ?? "").replace(/^==\d+==\s*/, "").trim();
    if (/ERROR: |runtime error: |received signal|^Invalid |^Process terminating/.test(text)) return text;
    if (!nearest && text) nearest = text;
  }
  return nearest;
}
