import type { Usage } from "../usage.js";

export type AttemptKind = "implement" | "fix" | "analyze" | "review" | "refactor" | "optimize" | "integrate" | "general";

/** An MCP server in Claude Code's `.mcp.json` form. */
export type McpServerConfig =
  | { type?: "stdio"; command: string; args?: string[]; env?: Record<string, string> }
  | { type: "http" | "sse"; url: string; headers?: Record<string, string> };

export type { Usage } from "../usage.js";
export { NO_USAGE } from "../usage.js";

export interface AgentTask {
  runId: string;
  moduleId: string;
  layer: string;
  /** 1-based attempt number of this module in this run. */
  attempt: number;
  kind: AttemptKind;
  /** Rendered prompt text. */
  prompt: string;
  /** Where the prompt was written (absolute). */
  promptFile: string;
  /** Folder for this attempt's artefacts (absolute): stdout, stderr. Not created in advance: an agent that writes there creates it. */
  attemptDir: string;
  /** Project root (absolute); agents work here. */
  cwd: string;
  /** Files the module owns, relative to cwd. */
  files: string[];
  specExcerpt: string;
  previousError?: string;
  mcpServers: Record<string, McpServerConfig>;
  /** Longest the attempt may take, in ms; not finite or not positive: no limit. */
  timeoutMs: number;
  /** When true the agent must not change files (analyze, diagnosis). */
  readOnly?: boolean;
}

export type AgentEvent =
  /** `warning`: worth a line of its own in a plain log (cost counted as 0, say), not only the live view's status. */
  | { type: "progress"; message: string; warning?: true }
  | { type: "tool"; name: string; input?: unknown }
  /** The attempt's usage so far (cumulative, not a delta); budgets are checked against it. */
  | { type: "usage"; usage: Usage }
  /**
   * A process group the agent started (`pid` leads it) and its leader's start time
   * (`processStartTime`), told right after spawn: the engine records it, so that a run
   * resumed after orchestrate was killed can end the group if it outlived it.
   */
  | { type: "process"; pid: number; startTime: string };

export interface AgentContext {
  signal: AbortSignal;
  emit(event: AgentEvent): void;
}

export interface AgentResult {
  ok: boolean;
  summary: string;
  /** Files the agent changed, relative to cwd. */
  filesChanged: string[];
  /**
   * How `filesChanged` was found: `own`, the agent's own writes (its file tools, a replay);
   * `tree`, a before/after diff of the working tree, which also holds what anything else
   * changed there meanwhile (the engine then knows whether others did); `unknown`, it
   * cannot tell (no git). @default "tree"
   */
  filesSource?: "own" | "tree" | "unknown";
  /** Why it failed, verbatim, when `ok` is false. */
  error?: string;
  /**
   * True when the attempt stopped because `ctx.signal` was aborted (then `ok` is false
   * and `error` is "cancelled"). Agents resolve rather than throw on cancellation; the
   * engine should re-queue such a module, not count a failed attempt.
   */
  cancelled?: boolean;
  /**
   * The failure will not go away by trying again (no API key, HTTP 401/403/404, an MCP
   * server that cannot start): the engine fails the module without spending its retries.
   */
  nonRetryable?: boolean;
  tests?: { passed: number; failed: number; total: number };
  coverage?: number;
  usage: Usage;
  /** Agent-specific detail (session id, exit code, ...), stored as JSON. */
  raw?: unknown;
}

export interface Agent {
  readonly name: string;
  run(task: AgentTask, ctx: AgentContext): Promise<AgentResult>;
  /**
   * Every file it changes is in its result's `filesChanged` with `filesSource: "own"` (it
   * runs no command that could write others): a run then knows that an attempt listing
   * none left the tree as it was, and keeps what it read of it. @default false
   */
  readonly exactChanges?: boolean;
}
