import type { AttemptRecord, ModuleRecord, RunRecord, RunState } from "../../store/types.js";
import type { Colors } from "../style.js";
import type { AgentNotes } from "../../run/records.js";
import { plural } from "../style.js";
import { cost, duration, firstLine, tokens, truncate, utc } from "./format.js";
import { errorLine, attemptsMs, attemptsOf, byLayer, moduleView, planOf, runMs, totalUsage } from "../../report/records.js";
import { countsText, emptyCounts, paint, stateSymbol } from "./states.js";

export { statusJson } from "../../report/status.js";
export type { AttemptStatus, ModuleStatus, StatusJson } from "../../report/status.js";

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
