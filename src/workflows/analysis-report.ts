import { writePrivate, redact } from "../redact/index.js";
import { join } from "node:path";
import type { RunContext } from "../run/context.js";

const SEVERITIES = ["high", "medium", "low", "info"] as const;
type Severity = (typeof SEVERITIES)[number];
const FINDING = /^\s*[-*]\s*\[(high|medium|low|info|critical|warning|note)\]\s*(.+)$/i;
const ALIAS: Record<string, Severity> = { critical: "high", warning: "medium", note: "info" };

interface Finding {
  severity: Severity;
  text: string;
}

/** Findings in an analyzer's reply: `- [severity] text` lines; anything else is one `info` finding. */
export function parseFindings(reply: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of reply.split("\n")) {
    const m = FINDING.exec(line);
    if (!m) continue;
    const word = m[1]!.toLowerCase();
    findings.push({ severity: (ALIAS[word] ?? word) as Severity, text: m[2]!.trim() });
  }
  if (findings.length === 0 && reply.trim()) findings.push({ severity: "info", text: reply.trim().replace(/\s*\n\s*/g, " ") });
  return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/**
 * One report of an analyze run: findings by layer and module, most severe first,
 * with a count per severity. Written beside the run's attempts; returns its path relative to the project.
 */
export function writeAnalysisReport(ctx: RunContext): string {
  const totals: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  const body: string[] = [];
  for (const layer of ctx.plan.layers) {
    body.push(`## Layer ${layer.id}`, "");
    for (const id of layer.modules) {
      const attempt = ctx.store.getAttempts(ctx.runId, id).findLast((a) => a.state === "done");
      body.push(`### ${id}`, "");
      if (!attempt) {
        body.push("_Not analysed: its attempts failed (see `orchestrate status`)._", "");
        continue;
      }
      const findings = parseFindings(attempt.summary ?? "");
      for (const f of findings) totals[f.severity]++;
      body.push(...(findings.length ? findings.map((f) => `- **${f.severity}** ${f.text}`) : ["_No findings._"]), "");
    }
  }
  const head = [
    `# Analysis: ${ctx.plan.request}`,
    "",
    `Run \`${ctx.runId}\`, ${ctx.plan.modules.length} module${ctx.plan.modules.length === 1 ? "" : "s"}. Findings: ${SEVERITIES.map((s) => `${totals[s]} ${s}`).join(", ")}.`,
    "",
  ];
  const file = join(ctx.paths.runDir(ctx.runId), "analysis.md");
  writePrivate(file, redact(`${[...head, ...body].join("\n").trimEnd()}\n`));
  return ctx.paths.rel(file);
}
