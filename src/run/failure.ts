/**
 * Why an attempt failed, and whether trying again can help: the retry decision
 * lives on the failure (Temporal's ApplicationFailure carries `nonRetryable` the same way).
 */
export type FailureCode =
  /** The agent said it failed. */
  | "AGENT_FAILED"
  /** The agent said no retry can help (no API key, a rejected request): the module fails now. */
  | "AGENT_FATAL"
  /** The agent threw instead of returning a result: a bug of the agent. */
  | "AGENT_THREW"
  | "TIMED_OUT"
  /** A read-only attempt changed files. */
  | "READ_ONLY_CHANGED"
  /** The module gate's blocking checks failed. */
  | "GATE_FAILED"
  /** The workflow's own check of a passing attempt failed (optimize: the benchmark regressed). */
  | "VERIFY_FAILED"
  /** The attempt's commit conflicts with the integration branch: the retry starts from its new head, with the hunks. */
  | "MERGE_CONFLICT"
  /** The attempt's worktree could not be made ready (git, \`workspace.setup\`): a retry would fail the same way. */
  | "WORKSPACE_FAILED"
  /** The attempt changed files other modules own, and config \`ownership: fail\` forbids it. */
  | "OWNERSHIP"
  /** The queue worker running the attempt stopped (killed, its machine gone); BullMQ re-queued its job. */
  | "WORKER_LOST";

export interface AttemptFailure {
  code: FailureCode;
  /** What the next attempt's prompt and the records show. */
  message: string;
  /** False: the module fails now, whatever retries are left. */
  retryable: boolean;
}

export function failure(code: FailureCode, message: string, retryable = code !== "AGENT_FATAL" && code !== "WORKSPACE_FAILED"): AttemptFailure {
  return { code, message, retryable };
}
