import type { ModuleState } from "../store/types.js";
import type { GateReport, ModuleReport, ReportInput, ReportJson, Totals } from "./model.js";
import { reportJson } from "./model.js";
import { cost, duration, firstLine, requestLine, utc } from "./format.js";
import { runDuration, timeOf } from "./records.js";
import { baseGateLines, ownershipLine } from "./found.js";
import { bringInCommand, DETACHED_HEAD } from "../workspace/bring-in.js";

export { reportJson } from "./model.js";
export type { AttemptReport, GateReport, LayerReport, ModuleReport, ReportInput, ReportJson, Totals } from "./model.js";

const ICON: Record<string, string> = { done: "✅", failed: "❌", blocked: "⛔", pending: "⏸️", running: "🔄", validating: "🔍", interrupted: "⏸️", budget_exceeded: "💸" };
const MAX_FILES = 20;
const MAX_ERROR_LINES = 30;

/** The report as GitHub-flavoured markdown: tables and short lines, no JSON. */
export function reportMarkdown(input: ReportInput): string {
  const r = reportJson(input);
  // Paragraphs, each preceded by a blank line when joined.
  const heading = requestLine(r.request);
  const out: string[][] = [[`# Run \`${r.runId}\`: ${heading}`]];
  // A request cut in the heading is kept below it, folded (the JSON report has it whole).
  if (heading !== requestLine(r.request, Infinity)) out.push(details("Request", r.request));
  out.push([`**State:** ${ICON[r.state] ?? ""} ${r.state}${r.note ? ` (${r.note})` : ""} · **Duration:** ${runDuration(timeOf(input.run, input.extras?.time))} · **Created:** ${utc(Date.parse(r.createdAt))}`]);
  out.push(table(["Modules", "Done", "Failed", "Blocked", "Pending", "Attempts", "Tokens", "Cost"], [[String(r.summary.modules), ...(["done", "failed", "blocked", "pending"] as const).map((s) => String(r.summary.states[s])), String(r.summary.attempts), count(r.summary), cost(r.summary.usage.costUsd)]], "rrrrrrrr"));

  if (r.validation) out.push([`**Validation:** ${inline(r.validation.lines.join("; "))}`]);
  if (r.baseline) {
    out.push(["**Baseline failed before any change:**"]);
    for (const f of r.baseline) {
      out.push([`- \`${f.module}\`: check \`${f.check}\` failed (${inline(f.message)})`]);
      if (f.output) out.push(details(`Output of \`${f.check}\` (first lines)`, f.output));
    }
  }
  out.push(...workspaceSection(r));
  // Without gate results at all, "not run" would be a guess.
  const gatesKnown = input.gates !== undefined;
  r.layers.forEach((layer, i) => {
    out.push([`## Layer ${i + 1}: \`${layer.id}\``]);
    if (layer.orchestrator) out.push([`Orchestrator: ${layer.orchestrator}`]);
    if (layer.gate || gatesKnown) out.push([layer.gate ? gateLine("Layer gate", layer.gate) : "Layer gate: not run"], ...gateOutput(layer.gate, { level: "layer", target: layer.id }));
    for (const m of layer.modules) out.push(...moduleSection(m));
  });
  if (r.system || gatesKnown) out.push(["## System gate"], [r.system ? gateLine("System gate", r.system) : "System gate: not run"], ...gateOutput(r.system, { level: "system", target: "system" }));

  const rows = r.layers.map((l) => totalsRow(`\`${l.id}\``, l.totals));
  rows.push(totalsRow("**Total**", r.summary).map((cell) => (cell ? `**${cell.replace(/\*\*/g, "")}**` : cell)));
  out.push(["## Totals"], table(["Layer", "Modules", "Done", "Failed", "Blocked", "Attempts", "Agent time", "Tokens", "Cost"], rows, "lrrrrrrrr"));
  return `${out.map((p) => p.join("\n")).join("\n\n")}\n`;
}

function moduleSection(m: ModuleReport): string[][] {
  const out = [[`### ${ICON[m.state] ?? ""} \`${m.id}\`: ${m.state}`]];
  if (m.reason) out.push([inline(m.reason)]);
  if (m.attempts.length) {
    // A queued run's module: which worker ran each attempt, in a column of its own.
    const workers = m.attempts.some((a) => a.worker);
    const rows = m.attempts.map((a) => [
      String(a.n),
      a.kind,
      a.agent,
      ...(workers ? [a.worker ? `\`${a.worker}\`` : ""] : []),
      `${ICON[a.state] ?? ""} ${a.state}`.trim(),
      a.durationMs === null ? "running" : duration(a.durationMs),
      (a.usage.inputTokens + a.usage.outputTokens).toLocaleString("en-US"),
      cost(a.usage.costUsd),
      a.gates ?? "",
      // The gate column already says what failed; the retry text's first line would only repeat it vaguely.
      a.gateOk === false ? (a.gateCancelled ? "gate stopped before it finished (resume runs it again)" : "gate failed") : firstLine(a.error),
    ]);
    out.push(workers ? table(["#", "Kind", "Agent", "Worker", "State", "Duration", "Tokens", "Cost", "Gate", "Error"], rows, "rllllrrrll") : table(["#", "Kind", "Agent", "State", "Duration", "Tokens", "Cost", "Gate", "Error"], rows, "rlllrrrll"));
  } else {
    out.push(["No attempts."]);
  }
  if (m.filesChanged.length) {
    const shown = m.filesChanged.slice(0, MAX_FILES).map((f) => `\`${f}\``);
    const more = m.filesChanged.length - shown.length;
    out.push([`Files changed (${m.filesChanged.length}): ${shown.join(", ")}${more > 0 ? `, and ${more} more` : ""}`]);
  }
  for (const o of m.ownership ?? []) {
    if (o.others.length) out.push([`⚠️ ${inline(ownershipLine({ moduleId: m.id, ...o }))}`]);
    if (o.unowned.length) out.push([`Attempt ${o.attempt} also changed files no module owns: ${o.unowned.map((f) => `\`${f}\``).join(", ")}`]);
  }
  const last = m.attempts.at(-1);
  if (m.state === "failed" && last?.error) out.push(details(`Last error (attempt ${last.n})`, last.error));
  return out;
}

/** Where the work went: the integration branch and each attempt's merge into it, or the shared working tree. */
function workspaceSection(r: ReportJson): string[][] {
  const ws = r.workspace;
  if (!ws) return [];
  if (ws.isolation === "shared") return [["## Workspace"], [`Shared working tree${ws.note ? ` (${inline(ws.note)})` : ""}.`]];
  // A branch still at its base holds no work, so it is not "merged" (a failed or interrupted run).
  const held = ws.head === ws.base ? " (nothing on it beyond its base)" : ws.merged ? (ws.detached ? " (held by the checkout, a detached HEAD)" : " (merged into the checked-out branch)") : "";
  const head = ws.head === null ? (ws.removed ? "; the branch was removed at the run's end: it held no commit" : "; the branch is gone (merged and cleaned, or deleted)") : ws.head ? `, now at \`${ws.head.slice(0, 8)}\`${held}` : "";
  const out = [["## Workspace"], [`Worktrees per attempt; integration branch \`${ws.branch ?? "?"}\` from \`${ws.base?.slice(0, 8) ?? "HEAD"}\`${head}.`]];
  if (ws.note) out.push([`Note: ${inline(ws.note)}`]);
  if (ws.head && !ws.merged && ws.head !== ws.base) out.push([`Bring it in: \`${bringInCommand(ws.branch ?? "", ws.detached)}\`${ws.detached ? ` (${DETACHED_HEAD})` : ""}`]);
  const merges = r.merges ?? [];
  if (merges.length) {
    const rows = merges.map((m) => [`\`${m.moduleId}\``, String(m.attempt), `\`${m.commit.slice(0, 8)}\``, m.ok ? `✅ merged${m.into ? ` as \`${m.into.slice(0, 8)}\`` : ""}` : `❌ conflict in ${conflictFiles(m)}`, String(m.files.length)]);
    out.push(table(["Module", "Attempt", "Commit", "Merge", "Files"], rows, "lrllr"));
  }
  return out;
}

/** The files a conflict names (the first line of its text), else the commit's files. */
function conflictFiles(m: { files: string[]; conflict?: string }): string {
  const named = /conflicts in (.*?)(?::|$)/m.exec(m.conflict ?? "")?.[1];
  return named ? named : m.files.join(", ");
}

function gateLine(label: string, g: GateReport): string {
  const verdict = g.ok ? "✅ passed" : g.cancelled ? "⏹ stopped before it finished" : g.base?.passed ? "⚠️ passed with failures that were there before the run" : "❌ failed";
  return `${label}: ${verdict} (${duration(g.durationMs)}): ${inline(g.summary)}`;
}

/** What a failed gate's checks found (their output): a reader sees the violation, not only its count. */
function gateOutput(g: GateReport | undefined, label: { level: "layer" | "system"; target: string }): string[][] {
  if (!g || g.ok || g.cancelled) return [];
  // Whether its failures were there before the run: said before the output, which shows only the end.
  const base = g.base ? [baseGateLines({ ...label, ...g.base }).map((l) => `- ${inline(l)}`)] : [];
  return [...base, ...g.checks.flatMap((c) => (c.output ? [details(`Output of \`${inline(c.name)}\` (first lines)`, c.output)] : []))];
}

function totalsRow(label: string, t: Totals): string[] {
  return [label, String(t.modules), ...(["done", "failed", "blocked"] as ModuleState[]).map((s) => String(t.states[s])), String(t.attempts), duration(t.durationMs), count(t), cost(t.usage.costUsd)];
}

function count(t: Pick<Totals, "usage">): string {
  return (t.usage.inputTokens + t.usage.outputTokens).toLocaleString("en-US");
}

/** A GitHub table; `align` has one letter per column, `l` or `r`. */
function table(head: string[], rows: string[][], align: string): string[] {
  const sep = head.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [head, sep, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(" | ")} |`);
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, "\\|") || " ";
}

function inline(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").trim();
}

/** A collapsed block with the text verbatim, fenced longer than any backtick run inside it. */
function details(summary: string, text: string): string[] {
  const lines = text.trimEnd().split(/\r?\n/);
  const kept = lines.slice(0, MAX_ERROR_LINES);
  if (lines.length > kept.length) kept.push(`… ${lines.length - kept.length} more lines`);
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return ["<details>", `<summary>${summary}</summary>`, "", fence, ...kept, fence, "", "</details>"];
}
