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
}
