import type { TestCounts } from "./parsers/types.js";

export type CheckKind = "command" | "coverage" | "architecture" | "review";
export type GateLevel = "module" | "layer" | "system";

/** One check of a gate, as configured (`gates.module[i]`). */
export interface CheckConfig {
  name: string;
  kind: CheckKind;
  /** Command line for `command` checks; may use `{module}`, `{layer}`, `{files}`. */
  run?: string;
  /** Minimum coverage percent for `coverage` checks. */
  min?: number;
  /** Coverage file to read (lcov, cobertura, coverage-summary.json), relative to the project. */
  file?: string;
  /** A failing blocking check fails the gate; a warning check only reports. @default true */
  blocking?: boolean;
  /** @default the run's timeoutMs */
  timeoutMs?: number;
  /** Run this command check in the sandbox (true) or unconfined (false). @default `gates.sandbox` */
  sandbox?: boolean;
  /** A discovered check's command line where the sandbox has no network (`mvn -o -B test`); not a config key. */
  offline?: string;
}

/** An import that breaks an architecture rule. */
export interface Violation {
  /** Source file relative to the project root, and 1-based line. */
  file: string;
  line: number;
  /** The import as written. */
  specifier: string;
  /** Why it is a violation: the rule and where the rule was declared. */
  message: string;
}

export interface CheckResult {
  name: string;
  kind: CheckKind;
  blocking: boolean;
  ok: boolean;
  /** One line: "tests 23/23, coverage 87%", "2 violations", "exit 1". */
  message: string;
  durationMs: number;
  /** Tail of the command's output (or the violations' listing), for retry prompts and reports. */
  output?: string;
  tests?: TestCounts;
  coverage?: number;
  violations?: Violation[];
  /** True when the check did not run and counts as passed (a review check with no review agent). */
  skipped?: boolean;
}

export interface GateResult {
  level: GateLevel;
  /** Module id, layer id, or "system". */
  target: string;
  /** False when a blocking check failed. */
  ok: boolean;
  checks: CheckResult[];
  durationMs: number;
  /** True when an abort stopped the gate; `checks` then holds only the checks that ran. */
  cancelled?: boolean;
}
