import type { RunEvent } from "./events.js";

/** What a run does when an attempt changes a file another module owns (config `ownership`). @default "warn" */
export type OwnershipMode = "warn" | "fail";

/** How a run tells whose files an attempt changed (RunHooks.ownership). */
export interface OwnershipCheck {
  mode: OwnershipMode;
  /** The modules owning a path (relative to the project), over the whole spec tree; none for a file no module owns. */
  ownersOf: (path: string) => string[];
}

/** A file an attempt changed that its module does not own. */
export interface StrayFiles {
  /** Files other modules own, with their owners. */
  others: { file: string; owners: string[] }[];
  /** Files no module owns (new tests, fixtures, docs): reported, never failed. */
  unowned: string[];
}

/** orchestrate's own folder: run state and prompts, never the agent's work. */
const STATE = ".orchestrate/";

/**
 * The files of `changed` that module `id` does not own. A module owning no file (general's
 * system step) is judged by nothing: undefined, as when every file is its own.
 */
export function strayFiles(id: string, ownFiles: readonly string[], changed: readonly string[], check: Pick<OwnershipCheck, "ownersOf">): StrayFiles | undefined {
  if (ownFiles.length === 0) return undefined;
  const others: StrayFiles["others"] = [];
  const unowned: string[] = [];
  // By index: every attempt's files are judged, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per file.
  for (let i = 0; i < changed.length; i++) {
    const file = changed[i]!;
    if (file.startsWith(STATE)) continue;
    const owners = check.ownersOf(file);
    if (owners.includes(id)) continue;
    if (owners.length) others.push({ file, owners });
    else unowned.push(file);
  }
  return others.length || unowned.length ? { others, unowned } : undefined;
}

/** The run's line for files another module owns: `api changed src/ledger.py (owned by ledger)`. */
export function describeStrays(moduleId: string, others: StrayFiles["others"]): string {
  return `${moduleId} changed ${others.map((o) => `${o.file} (owned by ${o.owners.join(" and ")})`).join(", ")}`;
}

export type OwnershipEvent = Extract<RunEvent, { type: "ownership" }>;
