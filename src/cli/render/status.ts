import type { AttemptRecord, ModuleRecord, RunHead, RunRecord, RunState } from "../../store/types.js";
import type { Colors } from "../style.js";
import type { AgentNotes, RunExtras } from "../../run/records.js";
import { describeBaseline } from "../../workflows/refactor.js";
import { gateSummary, gateVerdict } from "../../report/states.js";
import { baseOf, gateFailures, lastGates, layerIds, strays } from "../../report/status.js";
import { baseGateLines, ownershipLine } from "../../report/found.js";

/** Lines of a failed layer or system gate's check output that `status` shows. */
const GATE_OUTPUT_LINES = 8;
import { plural } from "../style.js";
import { cost, duration, firstLine, requestLine, tokens, truncate, utc, visible } from "./format.js";
import type { RunTime } from "../../run/run-time.js";
import type { GateResult } from "../../validate/types.js";
import { errorLine, attemptsMs, attemptsOf, byLayer, moduleView, planOf, runDuration, timeOf, totalUsage } from "../../report/records.js";
import { countsText, emptyCounts, paint, stateSymbol } from "./states.js";
import { workspaceLines } from "./workspace.js";

export { statusJson } from "../../report/status.js";
export type { AttemptStatus, ModuleStatus, StatusJson } from "../../report/status.js";

/** `status`: the run, then its modules by layer, then totals. */
export function renderStatus(run: RunRecord, modules: ModuleRecord[], attempts: AttemptRecord[], _root: string, c: Colors, notes?: AgentNotes, extras?: RunExtras): string {
  const state: RunState = extras?.gone ? "interrupted" : run.state;
  const time = timeOf(run, extras?.time);
  const lines = [
    `${c.bold(`Run ${run.id}`)}  ${paint(state, extras?.gone ? `${state} (${extras.gone})` : state, c)}`,
    `  ${c.dim("request ")} ${requestLine(run.request)}`,
    `  ${c.dim("created ")} ${utc(run.createdAt)}    ${c.dim("duration")} ${runDuration(time)}`,
  ];
  if (extras?.validation) lines.push(`  ${c.dim("validation")} ${extras.validation.lines.join("; ")}`);
  if (extras?.workspace) lines.push(...workspaceLines(extras.workspace, state, c));
  if (extras?.baseline) lines.push("", c.red("Baseline failed before any change:"), describeBaseline(extras.baseline));
  const groups = byLayer(modules.map(moduleView), planOf(run)).filter((g) => g.modules.length);
  const idWidth = Math.max(0, ...modules.map((m) => m.moduleId.length));
  const counts = emptyCounts();
  for (const group of groups) {
    lines.push("", c.bold(group.layer));
    for (const m of group.modules) {
      counts[m.state]++;
      const own = attemptsOf(attempts, m.moduleId);
      const last = own.at(-1);
      // An open attempt runs on (`+`) while the run is live; one a dead process left ran up to its last recorded step.
      const open = last && last.endedAt === undefined;
      const spent = own.length ? `${duration(attemptsMs(own, time.end === "ended" ? undefined : time.until))}${open && time.end === "live" ? "+" : ""}` : "";
      const why = [m.reason, m.state !== "done" && last?.state === "failed" ? errorLine(last) : ""].filter(Boolean).join(": ");
      lines.push(
        `  ${stateSymbol(m.state, c)} ${m.moduleId.padEnd(idWidth)}  ${paint(m.state, m.state.padEnd(10), c)} ${plural(own.length, "attempt").padEnd(10)} ${spent.padStart(8)}  ${why ? paint(m.state, why, c) : ""}`.trimEnd(),
      );
      // The module gate of its latest attempt that ran one.
      const gate = own.findLast((a) => a.gates)?.gates;
      if (gate) lines.push(`      ${c.dim("gate:")} ${verdict(gate, c)} ${c.dim("·")} ${gateSummary(gate)}`);
      // A queued run's attempts: which worker ran (and pushed) each.
      const ranBy = own.filter((a) => a.worker);
      if (ranBy.length) lines.push(`      ${c.dim(ranBy.length === 1 ? "worker:" : "workers:")} ${ranBy.map((a) => `${a.worker!} ${c.dim(`(attempt ${a.n})`)}`).join(c.dim(" · "))}`);
      // Files of other modules its attempts changed: the serious case of an agent working outside its module.
      for (const o of strays(extras?.ownership, m.moduleId).ownership ?? []) {
        if (o.others.length) lines.push(`      ${c.yellow("ownership:")} ${c.yellow(ownershipLine({ moduleId: m.moduleId, ...o }))}`);
      }
      const todos = notes?.todos.get(m.moduleId);
      const progress = notes?.progress.get(m.moduleId);
      if (todos?.length || progress) {
        const todo = todos?.length ? `todo ${todos.filter((t) => t.status === "completed").length}/${todos.length} done` : "";
        lines.push(c.dim(`      ${[todo, progress ? `last: ${truncate(firstLine(progress), 80)}` : ""].filter(Boolean).join(" · ")}`));
      }
    }
  }
  const gates = lastGates(extras?.gates ?? [], layerIds(run));
  if (gates.length) {
    lines.push("", c.bold("Gates"));
    for (const g of gates) {
      const base = baseOf(g, extras?.baseGates).base;
      const word = base?.passed ? c.yellow("passed with failures that were there before the run") : verdict(g, c);
      lines.push(`  ${g.level === "system" ? "system" : `layer ${g.target}`}: ${word} ${c.dim("·")} ${gateSummary(g)}`);
      if (base) for (const line of baseGateLines({ level: g.level === "system" ? "system" : "layer", target: g.target, ...base })) lines.push(`    ${c.yellow(line)}`);
      // What a failed check found, its first lines: the violation itself, not only its count (all of it in `report`).
      for (const f of gateFailures(g)) {
        if (!f.output) continue;
        const found = f.output.trimEnd().split(/\r?\n/);
        const shown = found.slice(0, GATE_OUTPUT_LINES).map((l) => `      ${c.dim(truncate(l, 200))}`);
        if (found.length > GATE_OUTPUT_LINES) shown.push(`      ${c.dim(`… ${found.length - GATE_OUTPUT_LINES} more lines (orchestrate report)`)}`);
        lines.push(`    ${f.check}:`, ...shown);
      }
    }
  }
  const usage = totalUsage(attempts);
  lines.push("", `${c.bold("Totals")}  ${plural(modules.length, "module")}: ${countsText(counts)}; ${plural(attempts.length, "attempt")}; ${tokens(usage)}, ${cost(usage.costUsd)}`);
  return lines.join("\n");
}

const REQUEST_WIDTH = 60;

/**
 * `runs`: one row per run, newest first as given; `times` each run's time as read with its events
 * (a live one's `+`: it goes on). A run whose process died is timed up to its last recorded step.
 */
export function renderRuns(runs: RunHead[], c: Colors, gone: ReadonlyMap<string, string> = new Map(), times: ReadonlyMap<string, RunTime> = new Map()): string {
  if (runs.length === 0) return c.dim("No runs in this project yet (start one with `orchestrate run`).");
  // A run whose process is gone is shown as what it is, not as the `running` it was recorded.
  runs = runs.map((r) => (gone.has(r.id) ? { ...r, state: "interrupted" } : r));
  const rows = runs.map((r) => {
    const time = timeOf(r, times.get(r.id));
    return [r.id, r.state, utc(r.createdAt), `${duration(time.ms)}${time.end === "live" ? "+" : ""}`, truncate(visible(firstLine(r.request)), REQUEST_WIDTH)] as const;
  });
  const head = ["RUN", "STATE", "CREATED", "DURATION", "REQUEST"] as const;
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[], state?: RunState) =>
    cells
      .map((cell, i) => (i === 1 && state ? paint(state, cell.padEnd(width[i]!), c) : i === 3 ? cell.padStart(width[i]!) : cell.padEnd(width[i]!)))
      .join("  ")
      .trimEnd();
  const notes = runs.filter((r) => gone.has(r.id)).map((r) => c.yellow(`${r.id}: interrupted (${gone.get(r.id)!}); its duration counts up to its last recorded step`));
  return [c.dim(line(head)), ...rows.map((r, i) => line(r, runs[i]!.state)), ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** `passed`, `failed`, or `stopped` for a gate the run's cancel cut short (`resume` runs it again). */
function verdict(gate: GateResult, c: Colors): string {
  const word = gateVerdict(gate);
  return word === "passed" ? c.green(word) : word === "stopped" ? c.yellow(word) : c.red(word);
}
