import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { SpecTree } from "../spec/types.js";
import { checkArchitecture, readSource, type ReadSource } from "./architecture.js";
import { unreadLanguages } from "./unread.js";
import { expandPath, formatPercent, runCommandCheck } from "./command.js";
import type { GateVars } from "./command.js";
import type { GateConfinement } from "./confine.js";
import type { CheckConfig, CheckResult, GateLevel, GateResult, Violation } from "./types.js";
import type { FileStats } from "../file-stats.js";

export type { GateVars } from "./command.js";
export { formatGateFailure, summarizeGate } from "./format.js";

export interface GateContext {
  /** Project root (absolute): commands run here, coverage files are read from here. */
  root: string;
  spec: SpecTree;
  /** Layer ids, innermost first, for the architecture check. */
  layerOrder: string[];
  /** Module ids the gate covers: the module, the layer's modules, or all of them. */
  modules: string[];
  /** Values for `{module}`, `{layer}` and `{files}` in `run` (and in a coverage `file`). */
  vars: GateVars;
  /** A command check's time limit unless the check sets its own `timeoutMs`. */
  timeoutMs: number;
  /** Aborting kills the running command and skips the checks after it. */
  signal?: AbortSignal;
  /** Added to `process.env` for command checks. */
  env?: Record<string, string>;
  /** Where command checks run (`gates.sandbox`); without it they run unconfined. */
  confine?: GateConfinement;
  /** Runs a `review` check with an agent. Without it review checks are skipped (and pass). */
  review?: (check: CheckConfig) => Promise<CheckResult>;
  /** Stats of the files under `spec.root`, kept while the run knows them unchanged (src/file-stats.ts): the architecture check reads through them in the project. */
  stats?: FileStats;
}

/** Violations listed in an architecture check's output, at most; the message gives the count. */
const MAX_LISTED_VIOLATIONS = 100;

/**
 * Runs a gate's checks in order. Every check runs, even after a failure, so that a retry
 * prompt sees all that is wrong; only an abort stops the gate early (`cancelled`). The gate
 * passes when no blocking check failed (checks are blocking unless `blocking: false`).
 */
export async function runGate(level: GateLevel, target: string, checks: CheckConfig[], ctx: GateContext): Promise<GateResult> {
  const started = performance.now();
  const results: CheckResult[] = [];
  let cancelled = false;
  // By index: every module's gate runs here, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per check.
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i]!;
    if (ctx.signal?.aborted) {
      cancelled = true;
      break;
    }
    results.push(await runCheck(check, results, ctx));
  }
  cancelled ||= ctx.signal?.aborted === true;
  const ok = !cancelled && !results.some((c) => c.blocking && !c.ok);
  return { level, target, ok, checks: results, durationMs: Math.round(performance.now() - started), ...(cancelled ? { cancelled } : {}) };
}

async function runCheck(check: CheckConfig, earlier: CheckResult[], ctx: GateContext): Promise<CheckResult> {
  const blocking = check.blocking ?? true;
  switch (check.kind) {
    case "command":
      return runCommandCheck(check, ctx);
    case "coverage":
      return coverageCheck(check, earlier, ctx);
    case "architecture":
      return architectureCheck(check, ctx);
    case "review":
      return reviewCheck(check, ctx);
    default:
      return { name: check.name, kind: check.kind, blocking, ok: false, message: `Expected \`kind\` to be command, coverage, architecture or review, got \`${String(check.kind)}\``, durationMs: 0 };
  }
}

/**
 * Coverage from `check.file` when given (lcov, Cobertura XML or coverage-summary.json),
 * else from the latest earlier command check whose output had a coverage summary.
 * Without `min` the check only reports the figure.
 */
async function coverageCheck(check: CheckConfig, earlier: CheckResult[], ctx: GateContext): Promise<CheckResult> {
  const started = performance.now();
  const base = { name: check.name, kind: "coverage" as const, blocking: check.blocking ?? true };
  const done = (ok: boolean, message: string, extra: Partial<CheckResult> = {}): CheckResult => ({ ...base, ok, message, durationMs: Math.round(performance.now() - started), ...extra });

  let value: number | undefined;
  let source: string;
  if (check.file) {
    const file = expandPath(check.file, ctx.vars);
    source = file;
    const text = await readFile(join(ctx.root, file), "utf8").catch(() => undefined);
    if (text === undefined) return done(false, `coverage file ${file} not found`);
    const { readCoverageFile } = await import("./parsers/index.js");
    value = readCoverageFile(file, text);
    if (value === undefined) return done(false, `Expected lcov, Cobertura XML or coverage-summary.json in ${file}, got none of them`);
  } else {
    const from = earlier.findLast((c) => c.kind === "command" && c.coverage !== undefined);
    if (!from) return done(false, "no coverage: no earlier command check printed a coverage summary");
    value = from.coverage!;
    source = from.name;
  }
  const shown = `coverage ${formatPercent(value)}`;
  if (check.min === undefined) return done(true, `${shown} (from ${source})`, { coverage: value });
  const ok = value >= check.min;
  return done(ok, ok ? `${shown}, min ${check.min}% (from ${source})` : `${shown}, below min ${check.min}% (from ${source})`, { coverage: value });
}

function architectureCheck(check: CheckConfig, ctx: GateContext): CheckResult {
  const started = performance.now();
  // The files are read where the gate runs (an attempt's worktree), not in the checkout the spec was loaded from.
  const { stats } = ctx;
  const read: ReadSource = ctx.root !== ctx.spec.root ? (path) => readSource(join(ctx.root, relative(ctx.spec.root, path))) : stats ? (path) => readSource(path, stats) : readSource;
  const violations = checkArchitecture(ctx.spec, ctx.layerOrder, { modules: ctx.modules, filesAt: ctx.root }, read);
  const n = violations.length;
  const unread = n === 0 ? unreadLanguages(ctx.spec, ctx.modules) : undefined;
  if (unread) {
    const message = `skipped: imports are read from Python, TS/JS, Go, Java, Kotlin, Rust, Ruby, C#, PHP, C/C++, Swift, Elixir and Dart files, and these are ${unread.join(", ")}`;
    return { name: check.name, kind: "architecture", blocking: check.blocking ?? true, ok: true, skipped: true, message, durationMs: Math.round(performance.now() - started) };
  }
  return {
    name: check.name,
    kind: "architecture",
    blocking: check.blocking ?? true,
    ok: n === 0,
    message: n === 0 ? "no violations" : `${n} violation${n === 1 ? "" : "s"}`,
    durationMs: Math.round(performance.now() - started),
    ...(n > 0 ? { output: listViolations(violations), violations } : {}),
  };
}

/** `file:line: message`, one a line. */
export function listViolations(violations: Violation[]): string {
  const lines = violations.slice(0, MAX_LISTED_VIOLATIONS).map((v) => `${v.file}:${v.line}: ${v.message}`);
  if (violations.length > MAX_LISTED_VIOLATIONS) lines.push(`[${violations.length - MAX_LISTED_VIOLATIONS} more not shown]`);
  return lines.join("\n");
}

/**
 * A review check asks `ctx.review`. With no review agent configured it is skipped and
 * passes: a gate should not fail for want of a reviewer the project never set up.
 * A review that throws fails the check with the error's message.
 */
async function reviewCheck(check: CheckConfig, ctx: GateContext): Promise<CheckResult> {
  const started = performance.now();
  const base = { name: check.name, kind: "review" as const, blocking: check.blocking ?? true };
  if (!ctx.review) return { ...base, ok: true, skipped: true, message: "skipped: no review agent", durationMs: 0 };
  try {
    const result = await ctx.review(check);
    return { ...result, ...base };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, ok: false, message: `review failed: ${message}`, durationMs: Math.round(performance.now() - started) };
  }
}
