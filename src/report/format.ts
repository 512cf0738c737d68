import type { Usage } from "../usage.js";

/** Human duration: `350ms`, `12.3s`, `4m 05s`, `1h 02m`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  return `${Math.floor(total / 3600)}h ${pad(Math.floor(total / 60) % 60)}m`;
}

/** Stopwatch form for log lines: `00:03.2`, `12:40.0`, `1:02:03.4`. */
export function clock(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const s = Math.floor(tenths / 10);
  const mmss = `${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${tenths % 10}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss}` : mmss;
}

export function tokens(usage: Usage): string {
  return `${grouped(usage.inputTokens + usage.outputTokens)} tokens`;
}

/**
 * `1,234,567`, as `toLocaleString("en-US")` writes a whole number: by hand, since the
 * first `toLocaleString` of a process loads ICU's number formats (20 ms at a run's end).
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return n.toLocaleString("en-US");
  const digits = String(n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** Dollars with cents; sub-cent costs keep enough digits to be seen. */
export function cost(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function addUsage(into: Usage, add: Usage): Usage {
  into.inputTokens += add.inputTokens;
  into.outputTokens += add.outputTokens;
  into.costUsd += add.costUsd;
  return into;
}

/** How much of a request a line of text output shows. */
export const REQUEST_CHARS = 200;

/**
 * A request as one line of at most `width` characters, its whitespace runs as one space: a
 * pasted log or a 50 KB paragraph stays one line of a status, a progress line or a heading
 * (the JSON, the store and the run's record keep it whole).
 */
export function requestLine(request: string, width = REQUEST_CHARS): string {
  return truncate(visible(request.replace(/\s+/g, " ").trim()), width);
}

/**
 * `text` with its control characters written out (`\x1b`): a request pasted from a coloured log, or
 * typed to harm, holds escape sequences that a terminal would obey (colours, a cleared screen, a
 * window title) where it was shown. The JSON, the store and the prompts keep it as it was.
 */
export function visible(text: string): string {
  return /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text) ? text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`) : text;
}

export function firstLine(text: string | undefined): string {
  return (text ?? "").trim().split(/\r?\n/, 1)[0]!.trim();
}

/** `2026-11-25 13:05:12 UTC`: the same clock run ids use. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

// Colour codes (SGR) only; the live view adds cursor control itself.
const SGR = /\x1b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(SGR, "");
}

/** Cuts `text` to `width` visible characters (colour codes kept, `…` marks the cut). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if ([...stripAnsi(text)].length <= width) return text;
  let out = "";
  let visible = 0;
  let last = 0;
  const reset = text.includes("\x1b[") ? "\x1b[0m" : "";
  for (const m of text.matchAll(SGR)) {
    const chunk = [...text.slice(last, m.index)];
    const room = width - 1 - visible;
    if (chunk.length > room) return `${out}${chunk.slice(0, room).join("")}…${reset}`;
    out += chunk.join("") + m[0];
    visible += chunk.length;
    last = m.index + m[0].length;
  }
  return `${out}${[...text.slice(last)].slice(0, width - 1 - visible).join("")}…${reset}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
