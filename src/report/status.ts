import type { Usage } from "../usage.js";
import type { AttemptRecord, AttemptState, ModuleRecord, ModuleState, RunRecord, RunState } from "../store/types.js";
import type { AgentNotes } from "../run/records.js";
import { attemptMs, attemptsOf, byLayer, moduleView, planOf, projectPath, totalUsage } from "./records.js";
import { gateSummary } from "./states.js";

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
}

export interface StatusJson {
  runId: string;
  state: RunState;
  request: string;
  modules: ModuleStatus[];
}

/** `status --json`: modules in plan order, each with its attempts. */
export function statusJson(run: RunRecord, modules: ModuleRecord[], attempts: AttemptRecord[], root: string, notes?: AgentNotes): StatusJson {
  const ordered = byLayer(modules.map(moduleView), planOf(run)).flatMap((g) => g.modules);
  return {
    runId: run.id,
    state: run.state,
    request: run.request,
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
  };
}
