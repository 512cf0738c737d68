export const TASK_TYPES = ["implement", "debug", "refactor", "analyze", "optimize", "general"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export type Scope =
  | { kind: "system" }
  | { kind: "layer"; id: string }
  | { kind: "modules"; ids: string[] };

export interface TaskAnalysis {
  type: TaskType;
  scope: Scope;
  /** The words (and tokens, paths, log frames) that decided type and scope. */
  because: string[];
  /** Log file named by the request or `--log`, relative to the project root. */
  log?: string;
}
