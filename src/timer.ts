/**
 * The longest delay a Node timer takes: 2^31 - 1 ms, about 24.8 days. A longer one fires at
 * once (with a warning), so an attempt would time out, or a grace period end, immediately.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Where a user sets one attempt's time limit: the words every agent's timeout names. */
export const ATTEMPT_TIMEOUT_SETTING = "timeoutMs in orchestrate.config.yaml, or --timeout MS";

/** Where a user sets how long an agent waits for an MCP server to start. */
export const MCP_CONNECT_TIMEOUT_SETTING = "mcpConnectTimeoutMs in orchestrate.config.yaml";

/** How long an agent waits for an MCP server to start when the config does not say. */
export const DEFAULT_MCP_CONNECT_TIMEOUT_MS = 30_000;

/**
 * What the end of a time limit says, naming the setting a user changes:
 * `timed out after 20 s (timeoutMs in orchestrate.config.yaml, or --timeout MS)`.
 */
export function timedOutAfter(ms: number, setting: string): string {
  return `timed out after ${span(ms)} (${setting})`;
}

/** `400 ms`, `1.5 s`, `20 s`, `30 min`, `2 h`: a limit as people set it, to a tenth at most. */
export function span(ms: number): string {
  const tenth = (n: number) => String(Math.round(n * 10) / 10);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${tenth(ms / 1000)} s`;
  if (ms < 3_600_000) return `${tenth(ms / 60_000)} min`;
  return `${tenth(ms / 3_600_000)} h`;
}
