import type { AttemptKind } from "../agents/types.js";
import type { ChangeSection } from "../docs/changelog.js";
import type { ModuleEntry } from "../docs/entry.js";
import type { Plan, PlanModule } from "../plan/types.js";
import type { AttemptRecord } from "../store/types.js";
import type { AttemptOutcome } from "./attempt.js";
import type { RunContext } from "./context.js";
import type { RecordedEvents } from "./events.js";
import type { PromptVars } from "./prompt.js";

/** How one module's attempts are made: the workflow of the task type decides. */
export interface AttemptPlan {
  kind: AttemptKind;
  template?: string;
  readOnly?: boolean;
  vars?: PromptVars;
  /** Checks a passing attempt beyond its gate; returns why it fails, or undefined. */
  verify?: (outcome: AttemptOutcome) => Promise<string | undefined>;
}

/** What the docs step knows of one module done in the run. */
export interface DoneModule {
  module: PlanModule;
  attempts: AttemptRecord[];
  /** Its last successful attempt. */
  last: AttemptRecord;
  /** The run's recorded events, read once for all modules. */
  events: RecordedEvents;
  /** Files its own attempts changed (never the spec's list); empty when unknown. */
  files: string[];
  /** Why the files it changed are not known, when they are not (agents diffing one shared tree at once). */
  filesUnknown?: string;
}

/**
 * What a task type adds around the engine's attempt-gate-retry. The engine knows
 * no task type: `src/workflows/` implements one of these per type, in one file each.
 */
export interface Workflow {
  /**
   * Every attempt is read-only (analyze): no layer or system gate runs, since nothing changed
   * for them to check, and so no failed layer gate sends a module back for a fix that writes.
   */
  readOnly?: boolean;
  /** The run's steps from the planned modules (general: one step over the scope). */
  shape?(plan: Plan): Plan;
  /** Steps before any module's attempt (refactor's baseline, debug's diagnoses); returns why the run stops, when it does. */
  before?(ctx: RunContext): Promise<string | undefined>;
  /**
   * How a module's first attempt is made, as far as the plan tells before the run (`plan --prompt`):
   * debug's diagnosis with the log, general's layer list, optimize's benchmark. Absent: the type's own kind.
   */
  first?(plan: Plan, module: PlanModule): AttemptPlan;
  /** How a module's attempts are made, or why it fails before any. */
  attempts(ctx: RunContext, module: PlanModule): Promise<AttemptPlan | string>;
  /** The CHANGELOG section its work goes under (none: no entry), and what its entries say beyond the defaults. */
  docs?: { section: ChangeSection; entry?(done: DoneModule): Partial<ModuleEntry>; readme?: boolean };
  /** After the run, when a module is done: a report, returned relative to the project. */
  report?(ctx: RunContext): string | undefined;
}

/** What validates a read-only run: nothing, and why (the run's first lines, `status`, `report`). */
export function readOnlyValidation(type: string): { none: true; lines: string[] } {
  return { none: true, lines: [`no gates: every attempt of this ${type} run is read-only, so there is no change to validate`] };
}
