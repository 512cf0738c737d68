import type { Agent, McpServerConfig } from "../agents/types.js";
import type { SpecNow } from "./recover.js";
import type { RunOptions } from "../config/options.js";
import type { Plan, PlanModule } from "../plan/types.js";
import type { ModuleState, Store } from "../store/types.js";
import type { GateResult } from "../validate/types.js";
import type { DiscoveredCheck } from "../validate/discover.js";
import type { Budget } from "./budget.js";
import type { RunEvent } from "./events.js";
import type { ProjectPaths } from "./paths.js";
import type { Scheduler } from "./scheduler.js";
import type { Slots } from "./slots.js";
import type { Workflow } from "./workflow.js";
import type { TreeWriters } from "./writers.js";
import type { Isolation, IsolationOptions } from "./isolation.js";
import type { AttemptExecutor } from "./executor.js";
import type { FileStats } from "../file-stats.js";

export interface OrchestratorDeps {
  root: string;
  store: Store;
  agent: Agent;
  options: RunOptions;
  hooks?: RunHooks;
  /** How many times a failed layer gate sends modules back for a fix. @default 1 */
  layerFixRounds?: number;
  /** The workflow of a plan's task type (`workflows()` of src/workflows). @default attempt, gate, retry for every type */
  workflows?: (type: Plan["analysis"]["type"]) => Workflow;
  /** Each module's spec as it is now, so `resume` can say which changed since the plan. */
  specs?: ReadonlyMap<string, SpecNow>;
  now?: () => number;
  /** What validates a new run of `plan` (configured or discovered gates, or none; of its modules alone); recorded as the run starts, for `status` and `report`. */
  validation?: (plan: Plan) => { none: boolean; lines: string[]; gates?: DiscoveredCheck[] };
  /**
   * A resumed run's gates: the discovered checks it recorded as it started are put in place of what the project
   * shows now (the hooks' gates change with them); returns the line saying what changed since, if anything did.
   */
  keepGates?: (kept: DiscoveredCheck[], plan: Plan) => string | undefined;
  /** Worktrees per attempt (src/workspace) when the project is a git repository; absent: every attempt in the project's working tree. */
  isolation?: IsolationOptions;
  /** How often the store is read for progress that agents report through the MCP server (another process), in ms. @default 1000 */
  progressPollMs?: number;
  /** Runs attempts elsewhere (src/queue: workers on BullMQ); absent: agents run in this process. Needs `isolation` (worktree). */
  executor?: AttemptExecutor;
  /** What the run knows of the project's files (RunContext.files). @default new FileStats() for each run */
  files?: FileStats;
}

/** Hooks the engine calls around modules and layers; gates, docs and memory plug in here. */
export interface RunHooks {
  /**
   * The module gate after a successful attempt, in `cwd` (its worktree; the project by default); undefined when no checks apply.
   * `stats`: the run's stats of the project's files (src/file-stats.ts), given for a gate in the project.
   */
  validateModule?: (module: PlanModule, signal: AbortSignal, cwd?: string, stats?: FileStats) => Promise<GateResult | undefined>;
  /** The layer gate once every module of the layer is done, in `cwd` (a worktree of the integration branch); `stats` as for `validateModule`. */
  validateLayer?: (layer: string, modules: string[], signal: AbortSignal, cwd?: string, stats?: FileStats) => Promise<GateResult | undefined>;
  /** The commands a module's gate runs, placeholders written out: its prompt names them. @default none named */
  gateCommands?: (module: PlanModule) => string[];
  /** Whether a layer or the system has a gate at all: an isolated run makes no worktree for a gate with no checks. @default every level may */
  hasGate?: (level: "layer" | "system", target: string) => boolean;
  /** The system (integration) gate once every module of the run is done, in `cwd`; `stats` as for `validateModule`. */
  validateSystem?: (modules: string[], signal: AbortSignal, cwd?: string, stats?: FileStats) => Promise<GateResult | undefined>;
  /** Whose files an attempt changed (config `ownership`): an attempt's changes to files its module does not own are reported, and fail it with `ownership: fail`. @default not checked */
  ownership?: import("./ownership.js").OwnershipCheck;
  /** MCP servers given to the agent for a module's attempts. */
  mcpServersFor?: (module: PlanModule, runId: string) => Record<string, McpServerConfig>;
  /** Relevant memories for an attempt's prompt. */
  memoriesFor?: (module: PlanModule, request: string) => string | undefined;
  /** `memoriesFor` of several modules at once (a prompt's module and its dependencies), in one store search where it can; used instead when given. */
  memoriesOf?: (asks: readonly { module: PlanModule; request: string }[]) => (string | undefined)[];
  /** After a module reaches done or failed (memory). */
  afterModule?: (runId: string, module: PlanModule, state: ModuleState, request: string) => void;
  /**
   * After the run's end is recorded (docs, memory): a durable step, recorded as pending
   * in the same transaction, finished by `resume` if the process dies first. Must be
   * idempotent: a run killed halfway through it runs it again.
   */
  afterRun?: (summary: RunSummary, plan: Plan, workflow: Workflow, dir?: string) => Promise<DocsDone | void>;
}

/** What the documentation step did, for the run's events and the CLI. */
export interface DocsDone {
  /** Files it changed, relative to the project. */
  written?: string[];
  /** Where entries went instead of the docs (modules that changed no file), relative to the project. */
  preview?: string;
  /** What it did that a reader may not expect, one sentence each: they become the run's warnings. */
  warnings?: string[];
  /** Changelog entries not written as the same text was under `[Unreleased]` already, one sentence naming the file. */
  already?: string;
}

export interface RunSummary {
  runId: string;
  state: import("../store/types.js").RunState;
  /** The run's time over all its sessions, not the idle time between them (src/run/run-time.ts). */
  durationMs: number;
  /** How many sessions ran it, when more than one (a resumed run). */
  sessions?: number;
  counts: Record<ModuleState, number>;
  /** Spent by the whole run, earlier sessions of a resumed run included. */
  usage: import("../agents/types.js").Usage;
  /** Why the run ended early (the budget) or failed beyond its modules (a gate), when it did. */
  reason?: string;
  /** The report the workflow wrote (analyze's findings), relative to the project. */
  report?: string;
  /** The integration branch the run's work is on (isolated runs), and what `--apply` did with it. */
  /** `removed`: the branch held no commit of the run and was deleted at its end. */
  workspace?: { branch: string; base: string; head: string; applied?: { ok: boolean; message: string }; removed?: true };
  /** Why the documentation step failed, when it did; the run stays resumable to finish it. */
  docsError?: string;
}

/** Everything one run's parts share while it executes. */
export interface RunContext {
  runId: string;
  plan: Plan;
  byId: Map<string, PlanModule>;
  store: Store;
  agent: Agent;
  options: RunOptions;
  hooks: RunHooks;
  paths: ProjectPaths;
  scheduler: Scheduler;
  /** The attempts each module has had in the run, as the store counts them: the runner numbers the next one without asking. */
  attempts: Map<string, number>;
  /** Every agent attempt holds one while it runs: at most `concurrency` agents alive. */
  slots: Slots;
  /** Attempts that may change the working tree, to tell whether a tree diff is one module's alone. */
  writers: TreeWriters;
  workflow: Workflow;
  budget: Budget;
  /** The run's worktrees and integration branch; undefined when attempts share the working tree. */
  isolation?: Isolation;
  /** Where attempts run when not in this process (queue workers). */
  executor?: AttemptExecutor;
  /** `fn` in the folder that holds the run's work so far: a worktree of the integration head, or the project. */
  inHead: <T>(fn: (dir: string) => Promise<T>) => Promise<T>;
  /** How often agents' progress is read back from the store, in ms. */
  progressPollMs: number;
  /** Aborts when the run is cancelled. */
  signal: AbortSignal;
  /**
   * What the run knows of the project's files (their stats), kept while nothing may have
   * changed them: attempts' prompts and module gates in the project read through it, and
   * whatever may change the tree (an agent, a gate's command) has it forget.
   */
  files: FileStats;
  now: () => number;
  emit: (event: RunEvent) => void;
  /** True once nothing new may start: stopping, or over budget. */
  halted: () => boolean;
  /**
   * Why no agent can run in this process (a `resume` with only gates left skips the agent's login check),
   * and the stop that leaves the run resumable: a failing layer gate's fix round then stops the run rather than fail its done modules.
   */
  noAgent?: { reason: string; stop: () => void };
  /**
   * Runs `fn` as one store transaction; the events it emits reach listeners only once
   * it has committed, so nobody is told "done" about a state a crash could still undo.
   * `single`: `fn` emits, then makes one store write as its last call (Store.batch).
   */
  batch: <T>(fn: () => T, how?: { single?: boolean }) => T;
  /** Records a state change in the store, the scheduler and the event stream. */
  setState: (module: PlanModule, state: ModuleState, reason?: string) => void;
}
