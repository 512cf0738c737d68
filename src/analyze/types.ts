export const TASK_TYPES = ["implement", "debug", "refactor", "analyze", "optimize", "general"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export type Scope =
  | { kind: "system" }
  | { kind: "layer"; id: string }
  | { kind: "modules"; ids: string[] };

/**
 * Where a word of the request met a module or layer: an explicit token or `--scope`, a
 * path it owns, its name in prose, a routing hint of the system spec, the system words,
 * or a field of the spec index (name parts, Provides, title, purpose, owned paths, spec text).
 */
export type EvidenceSource =
  | "scope"
  | "explicit"
  | "path"
  | "name"
  | "hint"
  | "system"
  | "spelling"
  | "dependents"
  | "id"
  | "provides"
  | "title"
  | "purpose"
  | "files"
  | "spec";

export interface Evidence {
  /** Module or layer id; absent for `system`. */
  target?: string;
  kind: "module" | "layer" | "system";
  source: EvidenceSource;
  /** The request's words that matched, lower-cased for index matches, as written otherwise. */
  words: string[];
  /** Index score (BM25+) for index matches. */
  score?: number;
}

/**
 * What the request asks and of which modules. The fields beyond type and scope are
 * what a planner model (issue 11, part 3) may later fill in or refine: it reads the
 * same evidence, and per-module tasks will join `scope` here.
 */
export interface TaskAnalysis {
  type: TaskType;
  scope: Scope;
  /** The words (and tokens, paths, log frames) that decided type and scope. */
  because: string[];
  /**
   * How sure the router is of the scope, 0..1: 1 for `--scope` and explicit tokens, 0 for a
   * fallback. Always set by `analyzeTask`; optional for analyses built by hand (tests, `check`).
   */
  confidence?: number;
  /** Which words matched which module or layer, and where (set by `analyzeTask`). */
  evidence?: Evidence[];
  /**
   * Set when nothing in the request matched a module and it did not ask for the whole
   * system: the scope fell back to the system, and these are the nearest modules.
   */
  nearest?: string[];
  /** Log file named by the request or `--log`, relative to the project root. */
  log?: string;
  /** Set when a planner model read the request (`--planner`, config `planner`). */
  planner?: PlannerAnalysis;
}

/**
 * The pseudo-module a planner model's attempts are recorded under in a run (and its files
 * folder): `@` never starts a module id made from a spec's file name, so no module shares it.
 */
export const PLANNER_MODULE = "@planner";

/** A planner attempt, kept with the plan: a run records it as the pseudo-module `planner`'s attempt. */
export interface PlannerAttempt {
  n: number;
  ok: boolean;
  error?: string;
  summary: string;
  /** Relative to the project root. */
  promptPath: string;
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  startedAt: number;
  endedAt: number;
}

export interface PlannerAnalysis {
  agent: string;
  model: string;
  /** The planner's short why; empty when it never sent a valid plan. */
  rationale: string;
  /** `scope`: it chose type and scope (the router was not sure); `tasks`: it wrote the tasks of the router's scope; `none`: no valid plan came. */
  decided: "scope" | "tasks" | "none";
  /** Its planning id: the run that adopts the plan takes it as its own id. */
  id: string;
  attempts: PlannerAttempt[];
}
