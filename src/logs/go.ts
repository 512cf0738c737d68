import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

const START = /^(panic|fatal error): (.*)$/;
const GOROUTINE = /^goroutine \d+ \[[^\]]*\]:$/;
const FILE = /^\t(.+?):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;
const CREATED_BY = /^created by (.+?)(?: in goroutine \d+)?$/;
// Lines allowed between `panic:` and the goroutine header: `[signal ...]`, re-panics, blanks.
const PREAMBLE_LINES = 8;

/**
 * `panic: msg` (or `fatal error: msg`), then the panicking goroutine's frames, innermost
 * first: a function line and a tab-indented `file:line +0x..` line each. Only the first
 * goroutine is read; with GOTRACEBACK=all the others are other goroutines' business.
 */
export const parseGo: LineParser = (lines, at) => {
  const start = START.exec(lines[at] ?? "");
  if (!start) return undefined;
  const message = start[1] === "panic" ? (start[2] ?? "").replace(/ \[recovered\]$/, "") : (lines[at] ?? "");
  const frames: Frame[] = [];

  let i = at + 1;
  const limit = Math.min(lines.length, at + 1 + PREAMBLE_LINES);
  while (i < limit && !GOROUTINE.test(lines[i] ?? "")) i++;
  if (i >= limit) return spanning(at, at + 1, { format: "go", message, frames });

  for (i++; i + 1 < lines.length; i += 2) {
    const fn = lines[i] ?? "";
    const file = FILE.exec(lines[i + 1] ?? "");
    if (fn.trim() === "" || fn.startsWith("\t") || !file) break;
    const created = CREATED_BY.exec(fn);
    frames.push(frame(file[1] ?? "", Number(file[2]), undefined, created ? created[1] : withoutArguments(fn)));
  }
  return spanning(at, i, { format: "go", message, frames });
};

/** `pkg.(*T).Post(0xc000010, {0x4989f8, 0x0})` -> `pkg.(*T).Post`. */
function withoutArguments(call: string): string {
  const text = call.trim();
  if (!text.endsWith(")")) return text;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ")") depth++;
    else if (text[i] === "(" && --depth === 0) return text.slice(0, i);
  }
  return text;
}
