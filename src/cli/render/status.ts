import type { Usage } from "../../agents/types.js";
import type { AttemptRecord, AttemptState, ModuleRecord, ModuleState, RunRecord, RunState } from "../../store/types.js";
import type { Colors } from "../style.js";
import type { AgentNotes } from "../../run/records.js";
import { plural } from "../style.js";
import { cost, duration, firstLine, tokens, truncate, utc } from "./format.js";
import { attemptMs, errorLine, attemptsMs, attemptsOf, byLayer, moduleView, planOf, projectPath, runMs, totalUsage } from "./records.js";
import { countsText, emptyCounts, gateSummary, paint, parseGate, stateSymbol } from "./states.js";

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
  const gate = parseGate(a.gates);
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

/** `status`: the run, then its modules by layer, then totals. */
export function renderStatus(run: RunRecord, modules: ModuleRecord[], attempts: AttemptRecord[], _root: string, c: Colors, notes?: AgentNotes): string {
  const lines = [
    `${c.bold(`Run ${run.id}`)}  ${paint(run.state, run.state, c)}`,
    `  ${c.dim("request ")} ${run.request}`,
    `  ${c.dim("created ")} ${utc(run.createdAt)}    ${c.dim("duration")} ${duration(runMs(run))}${run.endedAt === undefined ? " so far" : ""}`,
  ];
  const groups = byLayer(modules.map(moduleView), planOf(run)).filter((g) => g.modules.length);
  const idWidth = Math.max(0, ...modules.map((m) => m.moduleId.length));
  const counts = emptyCounts();
  for (const group of groups) {
    lines.push("", c.bold(group.layer));
    for (const m of group.modules) {
      counts[m.state]++;
      const own = attemptsOf(attempts, m.moduleId);
      const last = own.at(-1);
      const running = last && last.endedAt === undefined;
      const time = own.length ? `${duration(attemptsMs(own))}${running ? "+" : ""}` : "";
      const why = [m.reason, m.state !== "done" && last?.state === "failed" ? errorLine(last) : ""].filter(Boolean).join(": ");
      lines.push(
        `  ${stateSymbol(m.state, c)} ${m.moduleId.padEnd(idWidth)}  ${paint(m.state, m.state.padEnd(10), c)} ${plural(own.length, "attempt").padEnd(10)} ${time.padStart(8)}  ${why ? paint(m.state, why, c) : ""}`.trimEnd(),
      );
      const todos = notes?.todos.get(m.moduleId);
      const progress = notes?.progress.get(m.moduleId);
      if (todos?.length || progress) {
        const todo = todos?.length ? `todo ${todos.filter((t) => t.status === "completed").length}/${todos.length} done` : "";
        lines.push(c.dim(`      ${[todo, progress ? `last: ${truncate(firstLine(progress), 80)}` : ""].filter(Boolean).join(" · ")}`));
      }
    }
  }
  const usage = totalUsage(attempts);
  lines.push("", `${c.bold("Totals")}  ${plural(modules.length, "module")}: ${countsText(counts)}; ${plural(attempts.length, "attempt")}; ${tokens(usage)}, ${cost(usage.costUsd)}`);
  return lines.join("\n");
}

const REQUEST_WIDTH = 60;

/** `runs`: one row per run, newest first as given. */
export function renderRuns(runs: RunRecord[], c: Colors): string {
  if (runs.length === 0) return c.dim("No runs yet in this project.");
  const rows = runs.map((r) => [r.id, r.state, utc(r.createdAt), `${duration(runMs(r))}${r.endedAt === undefined ? "+" : ""}`, truncate(firstLine(r.request), REQUEST_WIDTH)] as const);
  const head = ["RUN", "STATE", "CREATED", "DURATION", "REQUEST"] as const;
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[], state?: RunState) =>
    cells
      .map((cell, i) => (i === 1 && state ? paint(state, cell.padEnd(width[i]!), c) : i === 3 ? cell.padStart(width[i]!) : cell.padEnd(width[i]!)))
      .join("  ")
      .trimEnd();
  return [c.dim(line(head)), ...rows.map((r, i) => line(r, runs[i]!.state))].join("\n");
}
