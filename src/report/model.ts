import type { Usage } from "../usage.js";
import type { Plan } from "../plan/types.js";
import type { AttemptRecord, AttemptState, ModuleRecord, ModuleState, RunRecord, RunState } from "../store/types.js";
import type { CheckKind, GateResult } from "../validate/types.js";
import type { RunExtras } from "../run/records.js";
import type { BaseCheck, BaselineFailure } from "../run/events.js";
import type { MergeView, WorkspaceView } from "../run/workspace-view.js";
import { addUsage } from "./format.js";
import { attemptMs, attemptsMs, attemptsOf, byLayer, moduleView, timeOf, totalUsage } from "./records.js";
import { emptyCounts, gateSummary } from "./states.js";

export interface ReportInput {
  run: RunRecord;
  plan: Plan;
  modules: ModuleRecord[];
  attempts: AttemptRecord[];
  /** Layer and system gate results. */
  gates?: GateResult[];
  /** What validated the run, a failed refactor baseline, a process gone. */
  extras?: Pick<RunExtras, "validation" | "baseline" | "gone" | "workspace" | "merges" | "time" | "ownership" | "baseGates">;
}

export interface GateReport {
  ok: boolean;
  /** Cut short by the run's cancel: it judged nothing, and `resume` runs it again. */
  cancelled?: boolean;
  /** One line: the checks' messages. */
  summary: string;
  durationMs: number;
  /** `output`: a failed check's output (its tail, or the violations' listing): what it found. */
  checks: { name: string; kind: CheckKind; blocking: boolean; ok: boolean; message: string; output?: string }[];
  /** A failed gate run again on the run's base commit: which of its failures were there before the run. */
  base?: GateBase;
}

/** A failed gate's checks as they went on the run's base commit (event `gate:base`). */
export interface GateBase {
  /** The run's base commit. */
  base: string;
  checks: BaseCheck[];
  /** Its failures were all failing on the base commit, none new: the run passed the gate with a warning. */
  passed?: true;
}

/** An attempt's changes to files its module does not own (event `ownership`). */
export interface OwnershipReport {
  attempt: number;
  /** Files other modules own, with their owners. */
  others: { file: string; owners: string[] }[];
  /** Files no module owns. */
  unowned: string[];
  /** Config `ownership: fail` failed the attempt for `others`. */
  failed?: boolean;
}

export interface AttemptReport {
  n: number;
  kind: string;
  agent: string;
  state: AttemptState;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  usage: Usage;
  gates?: string;
  /** False when the module gate failed this attempt. */
  gateOk?: boolean;
  /** The module gate did not judge: a signal stopped it before it finished (resume runs it again). */
  gateCancelled?: true;
  error?: string;
  summary?: string;
  filesChanged: string[];
  promptPath: string;
  /** A queued run's attempt: the `orchestrate worker` that ran it, `host:pid`. */
  worker?: string;
}

export interface ModuleReport {
  id: string;
  layer: string;
  state: ModuleState;
  reason?: string;
  durationMs: number;
  usage: Usage;
  /** Union of the attempts' changed files, sorted; in a worktree run, of its passing attempts only (a failed one's work was thrown away with its worktree). */
  filesChanged: string[];
  /** Attempts that changed files the module does not own. */
  ownership?: OwnershipReport[];
  attempts: AttemptReport[];
}

export interface Totals {
  modules: number;
  states: Record<ModuleState, number>;
  attempts: number;
  /** Time spent in attempts (they overlap, so this can exceed the run's duration). */
  durationMs: number;
  usage: Usage;
}

export interface LayerReport {
  id: string;
  orchestrator?: string;
  gate?: GateReport;
  modules: ModuleReport[];
  totals: Totals;
}

export interface ReportJson {
  runId: string;
  request: string;
  state: RunState;
  createdAt: string;
  endedAt: string | null;
  /** The time it ran, over all its sessions (src/run/run-time.ts). */
  durationMs: number;
  /** How many sessions ran it (a `run`, then each `resume`), when more than one. */
  sessions?: number;
  /** Why the state shown is not the recorded `running`: the run's process is gone. */
  note?: string;
  /** What validated the run as it started. */
  validation?: { none: boolean; lines: string[] };
  /** refactor: the checks that failed on the code as it was. */
  baseline?: BaselineFailure[];
  /** How the run worked on the files: the integration branch (isolated runs) or the shared working tree. */
  workspace?: WorkspaceView;
  /** Attempts' commits merged into the integration branch, and the conflicts that failed attempts, in order. */
  merges?: MergeView[];
  summary: Totals;
  layers: LayerReport[];
  system?: GateReport;
}

/** The hierarchical report: summary, then layers in plan order, each with its gate and modules. */
export function reportJson(input: ReportInput): ReportJson {
  const { run, plan, attempts, gates = [] } = input;
  const orchestrators = new Map(plan.layers.map((l) => [l.id, l.orchestrator]));
  const strays = new Map<string, OwnershipReport[]>();
  for (const { moduleId, ...o } of input.extras?.ownership ?? []) strays.set(moduleId, [...(strays.get(moduleId) ?? []), o]);
  const bases = input.extras?.baseGates ?? [];
  // As the CHANGELOG (src/run/docs.ts): in worktrees only a passing attempt's work was merged, a failed one's went with its worktree.
  const landedOnly = input.extras?.workspace?.isolation === "worktree";
  const layers = byLayer(input.modules.map(moduleView), plan).map(({ layer, modules }): LayerReport => {
    const reports = modules.map((m) => moduleReport(m, attemptsOf(attempts, m.moduleId), landedOnly, strays.get(m.moduleId)));
    const gate = gates.findLast((g) => g.level === "layer" && g.target === layer);
    const orchestrator = orchestrators.get(layer);
    return { id: layer, ...(orchestrator ? { orchestrator } : {}), ...(gate ? { gate: gateReport(gate, bases) } : {}), modules: reports, totals: totalsOf(reports) };
  });
  const system = gates.findLast((g) => g.level === "system");
  const time = timeOf(run, input.extras?.time);
  return {
    runId: run.id,
    request: run.request,
    state: run.state,
    createdAt: new Date(run.createdAt).toISOString(),
    endedAt: run.endedAt === undefined ? null : new Date(run.endedAt).toISOString(),
    durationMs: time.ms,
    ...(time.sessions > 1 ? { sessions: time.sessions } : {}),
    ...(input.extras?.gone ? { note: input.extras.gone } : {}),
    ...(input.extras?.validation ? { validation: input.extras.validation } : {}),
    ...(input.extras?.baseline ? { baseline: input.extras.baseline } : {}),
    ...(input.extras?.workspace ? { workspace: input.extras.workspace } : {}),
    ...(input.extras?.merges?.length ? { merges: input.extras.merges } : {}),
    summary: totalsOf(layers.flatMap((l) => l.modules)),
    layers,
    ...(system ? { system: gateReport(system, bases) } : {}),
  };
}

function moduleReport(m: ModuleRecord, attempts: AttemptRecord[], landedOnly: boolean, ownership?: OwnershipReport[]): ModuleReport {
  const landed = landedOnly ? attempts.filter((a) => a.state === "done") : attempts;
  return {
    id: m.moduleId,
    layer: m.layer,
    state: m.state,
    ...(m.reason ? { reason: m.reason } : {}),
    durationMs: attemptsMs(attempts),
    usage: totalUsage(attempts),
    filesChanged: [...new Set(landed.flatMap((a) => a.filesChanged))].sort(),
    ...(ownership ? { ownership } : {}),
    attempts: attempts.map((a) => {
      const gate = a.gates;
      return {
        n: a.n,
        kind: a.kind,
        agent: a.agent,
        state: a.state,
        startedAt: new Date(a.startedAt).toISOString(),
        endedAt: a.endedAt === undefined ? null : new Date(a.endedAt).toISOString(),
        durationMs: attemptMs(a) ?? null,
        usage: { ...a.usage },
        ...(gate ? { gates: gateSummary(gate), gateOk: gate.ok, ...(gate.cancelled ? { gateCancelled: true as const } : {}) } : {}),
        ...(a.error ? { error: a.error } : {}),
        ...(a.summary ? { summary: a.summary } : {}),
        filesChanged: [...a.filesChanged],
        promptPath: a.promptPath,
        ...(a.worker ? { worker: a.worker } : {}),
      };
    }),
  };
}

function gateReport(g: GateResult, bases: NonNullable<RunExtras["baseGates"]>): GateReport {
  // What the gate's run on the base commit found, once it failed (a later pass makes it moot).
  const base = g.ok ? undefined : bases.find((b) => b.level === g.level && b.target === g.target);
  return { ok: g.ok, ...(g.cancelled ? { cancelled: true } : {}), summary: gateSummary(g), durationMs: g.durationMs, checks: g.checks.map((c) => ({ name: c.name, kind: c.kind, blocking: c.blocking, ok: c.ok, message: c.message, ...(!c.ok && c.output ? { output: c.output } : {}) })), ...(base ? { base: { base: base.base, checks: base.checks, ...(base.passed ? { passed: true as const } : {}) } } : {}) };
}

function totalsOf(modules: ModuleReport[]): Totals {
  const totals: Totals = { modules: modules.length, states: emptyCounts(), attempts: 0, durationMs: 0, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
  for (const m of modules) {
    totals.states[m.state]++;
    totals.attempts += m.attempts.length;
    totals.durationMs += m.durationMs;
    addUsage(totals.usage, m.usage);
  }
  return totals;
}
