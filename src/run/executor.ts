import type { AgentEvent, AttemptKind } from "../agents/types.js";
import type { PlanDependency, PlanModule } from "../plan/types.js";
import type { AttemptRecord } from "../store/types.js";
import type { AttemptOutcome, EarlierWork } from "./attempt.js";
import type { PromptVars } from "./prompt.js";

/**
 * One attempt as another machine needs it: what renders its prompt and runs it, and
 * nothing secret (a worker takes its API keys from its own environment).
 */
export interface RemoteAttempt {
  runId: string;
  module: PlanModule;
  n: number;
  kind: AttemptKind;
  request: string;
  /** The agent the run names; a worker started with `--agent` uses its own. */
  agent: string;
  /** The in-plan modules it depends on: their Provides and signatures go into its prompt. */
  dependencies: PlanModule[];
  /** The plan's dependencies outside the scope that it names. */
  external: PlanDependency[];
  /** The memories the coordinator's store holds, by module id: the module's own and each dependency's. */
  memories: Record<string, string>;
  maxTokens: number;
  timeoutMs: number;
  previousError?: string;
  /** The failed attempt `n`'s changes, as the patch its worktree left, for the retry to go on from (a local retry's `carry`). */
  carry?: { n: number; patch: string };
  /** The gate alone, on attempt `n`'s work (its patch): that attempt was stopped during its gate, after its agent finished (`resume`; a local attempt's `work`). */
  work?: EarlierWork & { patch: string };
  readOnly?: boolean;
  template?: string;
  vars?: PromptVars;
}

/** What an attempt run elsewhere came back with: its outcome, and its commit once fetched into the project's repository. */
export interface RemoteOutcome extends AttemptOutcome {
  /** The attempt's commit (it passed and changed files), present in the project's repository. */
  commit?: string;
  /** The files the commit changes, relative to the project. */
  files?: string[];
  /** A failed attempt's changes as a patch, kept like a local attempt's. */
  diff?: string;
  /** The prompt the agent was given and the outcome's text, kept with the attempt's record as a local attempt's are. */
  prompt?: string;
  output?: string;
  /** Something the run should be told (a job re-attached, re-dispatched, lost). */
  notes?: string[];
}

/** How the engine reaches an executor while an attempt runs elsewhere. */
export interface ExecutorIo {
  signal: AbortSignal;
  /** The integration branch's head, read when the attempt is dispatched: its base. */
  head: () => Promise<string>;
  /** The module's attempts before this one: an attempt cut off (coordinator killed, worker lost) may have a job to re-attach to. */
  earlier: readonly AttemptRecord[];
  /** The agent's progress, todos, tool calls and usage, as a local attempt emits them. */
  agent: (event: AgentEvent) => void;
  /** The agent is done and the module gate runs. */
  validating: () => void;
  /** A worker (`host:pid`) took the attempt's job: when first seen, and again when another took it after a loss. */
  taken?: (worker: string) => void;
}

/**
 * Runs attempts somewhere else than this process (src/queue: workers on BullMQ and Redis,
 * git as the data plane). The engine keeps scheduling, budgets, merges and the store.
 */
export interface AttemptExecutor {
  run(attempt: RemoteAttempt, io: ExecutorIo): Promise<RemoteOutcome>;
  /** Lets go of connections; a later `run` opens them again. */
  close(): Promise<void>;
}
