import type { Usage } from "../usage.js";
import type { AttemptRecord, AttemptState, ModuleRecord, ModuleState, RunRecord, RunState } from "../store/types.js";
import type { AgentNotes, RunExtras } from "../run/records.js";
import type { BaselineFailure } from "../run/events.js";
import type { WorkspaceView } from "../run/workspace-view.js";
import { attemptMs, attemptsOf, byLayer, moduleView, planOf, projectPath, totalUsage } from "./records.js";
import { gateSummary, inLayerOrder } from "./states.js";
import type { GateBase, OwnershipReport } from "./model.js";
import type { GateResult } from "../validate/types.js";

export interface AttemptStatus {
  n: number;
  state: AttemptState;
  error?: string;
  /** Relative to the project root. */
  promptPath: string;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601; null while the attempt runs. */
  endedAt: string | null;
  durationMs: number | null;
  usage: Usage;
  /** One line: "tests 23/23, coverage 87%". */
  gates?: string;
  /** A queued run's attempt: the `orchestrate worker` that ran it, `host:pid`. */
  worker?: string;
}

export interface ModuleStatus {
  id: string;
  layer: string;
  state: ModuleState;
  reason?: string;
  attempts: AttemptStatus[];
  usage: Usage;
  /** The module's todo list, as its agent keeps it through orchestrate's MCP server. */
  todos?: { content: string; status: string }[];
  /** The last progress line its agent reported. */
  progress?: string;
  /** Isolated runs: the commit of its last attempt merged into the integration branch. */
  commit?: string;
  /** Attempts that changed files the module does not own. */
  ownership?: OwnershipReport[];
}

export interface StatusJson {
  runId: string;
  /** `interrupted` for a run recorded `running` whose process is gone (see `note`). */
  state: RunState;
  /** Set when `state` differs from the store's: the run was recorded `running`. */
  recordedState?: RunState;
  /** Why the state shown differs from the recorded one. */
  note?: string;
  request: string;
  /** What validated the run as it started: configured or discovered gates, or "no validation configured". */
  validation?: { none: boolean; lines: string[] };
  /** refactor: the checks that failed on the code as it was, with the first lines of their output. */
  baseline?: BaselineFailure[];
  /** Layer and system gates, the last result of each. */
  gates?: { level: string; target: string; ok: boolean; summary: string; failures?: GateFailure[]; /** A failed gate run again on the base commit. */ base?: GateBase }[];
  /** How the run works on the files: the integration branch (isolated runs) or the shared working tree. */
  workspace?: WorkspaceView;
  modules: ModuleStatus[];
}

/** A failed check of a gate and what it found: its output's tail, or the violations' listing. */
export interface GateFailure {
  check: string;
  message: string;
  output?: string;
}

/** The failed checks of a gate that judged (not one a cancel cut short), for `status`. */
export function gateFailures(g: GateResult): GateFailure[] {
  if (g.ok || g.cancelled) return [];
  return g.checks.filter((c) => !c.ok).map((c) => ({ check: c.name, message: c.message, ...(c.output ? { output: c.output } : {}) }));
}

function failuresOf(g: GateResult): { failures?: GateFailure[] } {
  const failures = gateFailures(g);
  return failures.length ? { failures } : {};
}

/** A failed gate's run on the base commit, as recorded (the last of that gate). */
export function baseOf(g: GateResult, bases: RunExtras["baseGates"]): { base?: GateBase } {
  const found = g.ok ? undefined : bases?.find((b) => b.level === g.level && b.target === g.target);
  return found ? { base: { base: found.base, checks: found.checks, ...(found.passed ? { passed: true as const } : {}) } } : {};
}

/** The module's attempts that changed files it does not own. */
export function strays(ownership: RunExtras["ownership"], moduleId: string): { ownership?: OwnershipReport[] } {
  const own = (ownership ?? []).filter((o) => o.moduleId === moduleId).map(({ moduleId: _m, ...o }) => o);
  return own.length ? { ownership: own } : {};
}

/** `status --json`: modules in plan order, each with its attempts. */
export function statusJson(run: RunRecord, modules: ModuleRecord[], attempts: AttemptRecord[], root: string, notes?: AgentNotes, extras?: RunExtras): StatusJson {
  const ordered = byLayer(modules.map(moduleView), planOf(run)).flatMap((g) => g.modules);
  const gates = extras ? lastGates(extras.gates, layerIds(run)) : [];
  return {
    runId: run.id,
    state: extras?.gone ? "interrupted" : run.state,
    ...(extras?.gone ? { recordedState: run.state, note: extras.gone } : {}),
    request: run.request,
    ...(extras?.validation ? { validation: extras.validation } : {}),
    ...(extras?.baseline ? { baseline: extras.baseline } : {}),
    ...(gates.length ? { gates: gates.map((g) => ({ level: g.level, target: g.target, ok: g.ok, ...(g.cancelled ? { cancelled: true } : {}), summary: gateSummary(g), ...failuresOf(g), ...baseOf(g, extras?.baseGates) })) } : {}),
    ...(extras?.workspace ? { workspace: extras.workspace } : {}),
    modules: ordered.map((m) => {
      const own = attemptsOf(attempts, m.moduleId);
      return {
        id: m.moduleId,
        layer: m.layer,
        state: m.state,
        ...(m.reason ? { reason: m.reason } : {}),
        attempts: own.map((a) => attemptStatus(a, root)),
        usage: totalUsage(own),
        ...(notes?.todos.get(m.moduleId) ? { todos: notes.todos.get(m.moduleId)! } : {}),
        ...(notes?.progress.get(m.moduleId) ? { progress: notes.progress.get(m.moduleId)! } : {}),
        ...(extras?.commits?.get(m.moduleId) ? { commit: extras.commits.get(m.moduleId)! } : {}),
        ...strays(extras?.ownership, m.moduleId),
      };
    }),
  };
}

function attemptStatus(a: AttemptRecord, root: string): AttemptStatus {
  const gate = a.gates;
  return {
    n: a.n,
    state: a.state,
    ...(a.error ? { error: a.error } : {}),
    promptPath: projectPath(a.promptPath, root),
    startedAt: new Date(a.startedAt).toISOString(),
    endedAt: a.endedAt === undefined ? null : new Date(a.endedAt).toISOString(),
    durationMs: attemptMs(a) ?? null,
    usage: { ...a.usage },
    ...(gate ? { gates: gateSummary(gate) } : {}),
    ...(a.worker ? { worker: a.worker } : {}),
  };
}

/** The last result of each layer and system gate, layers in the plan's order, the system gate last. */
export function lastGates<G extends Pick<GateResult, "level" | "target">>(gates: readonly G[], layers: readonly string[]): G[] {
  const last = new Map<string, G>();
  for (const g of gates) last.set(`${g.level}/${g.target}`, g);
  return inLayerOrder([...last.values()], layers);
}

/** The run's layers in plan order (none for a run stored without its plan). */
export function layerIds(run: RunRecord): string[] {
  return planOf(run)?.layers.map((l) => l.id) ?? [];
}
