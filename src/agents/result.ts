import { NO_USAGE, type AgentResult } from "./types.js";

/** The `error` text of every cancelled attempt. */
export const CANCELLED = "cancelled";

/** How every agent reports an aborted `ctx.signal`: resolved, never thrown. */
export function cancelledResult(summary: string, extra: Partial<AgentResult> = {}): AgentResult {
  return { ok: false, cancelled: true, error: CANCELLED, summary, filesChanged: [], usage: { ...NO_USAGE }, ...extra };
}

export function failedResult(error: string, extra: Partial<AgentResult> = {}): AgentResult {
  const summary = error.split("\n", 1)[0] ?? error;
  return { ok: false, error, summary, filesChanged: [], usage: { ...NO_USAGE }, ...extra };
}

/** The last `count` lines of a text, trailing blank lines dropped. */
export function tailLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  return lines.slice(-count).join("\n").trim();
}
