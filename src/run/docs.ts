import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan, PlanModule } from "../plan/types.js";
import type { Store } from "../store/types.js";
import { formatModuleEntry, sectionForTask, updateChangelog } from "../docs/changelog.js";
import { updateReadme } from "../docs/readme.js";
import { parseBlocks, sectionsStartingWith } from "../spec/markdown.js";
import { describeChange } from "./bench.js";
import { parseGate } from "../validate/format.js";

export interface DocsUpdate {
  changelog?: { file: string; entries: number; created: boolean };
  readme?: { file: string; changed: boolean };
}

/**
 * The DOCUMENTATION_ORCHESTRATOR's job, done by code after every operation:
 * one CHANGELOG entry per module finished in this run, under the section the
 * task type calls for, and the README's feature list after multi-layer implementation.
 */
export async function updateDocs(root: string, store: Store, runId: string, plan: Plan): Promise<DocsUpdate> {
  const result: DocsUpdate = {};
  const done = plan.modules.filter((m) => store.getModule(runId, m.id)?.state === "done");
  const section = sectionForTask(plan.analysis.type);
  const performance = plan.analysis.type === "optimize" ? benchmarkChanges(store, runId) : new Map<string, string>();
  if (section && done.length > 0) {
    const entries = done.map((m) => {
      const attempts = store.getAttempts(runId, m.id);
      const last = attempts.findLast((a) => a.state === "done")!;
      const gate = parseGate(last.gates);
      const tests = gate?.checks.find((c) => c.tests)?.tests;
      const coverage = gate?.checks.find((c) => c.coverage !== undefined)?.coverage;
      const rootCause = plan.analysis.type === "debug" ? rootCauseOf(attempts.findLast((a) => a.kind === "analyze" && a.state === "done")?.summary) : undefined;
      return {
        section,
        text: formatModuleEntry({
          module: m.id,
          layer: m.layer,
          // What was added is what the module is for; for other work the agent's own account of the change.
          summary: (plan.analysis.type === "implement" ? purposeOf(root, m) : undefined) ?? (firstLine(last.summary ?? "") || "done"),
          files: last.filesChanged.length ? last.filesChanged : m.files,
          ...(tests ? { tests: { passed: tests.passed, total: tests.total } } : {}),
          ...(coverage !== undefined ? { coverage } : {}),
          ...(rootCause ? { rootCause, resolution: firstLine(last.summary ?? "") } : {}),
          ...(performance.has(m.id) ? { performance: performance.get(m.id)! } : {}),
        }),
      };
    });
    const file = join(root, "CHANGELOG.md");
    const { created } = await updateChangelog(file, entries);
    result.changelog = { file, entries: entries.length, created };
  }
  if (plan.analysis.type === "implement" && new Set(done.map((m) => m.layer)).size > 1) {
    const file = join(root, "README.md");
    const { changed } = await updateReadme(
      file,
      done.map((m) => ({ module: m.id, layer: m.layer, summary: purposeOf(root, m) ?? firstLine(store.getAttempts(runId, m.id).at(-1)?.summary ?? "") })),
    );
    result.readme = { file, changed };
  }
  return result;
}

/** The diagnosis's "Root cause:" line (the diagnose template asks for one), else its first line. */
function rootCauseOf(diagnosis: string | undefined): string | undefined {
  if (!diagnosis) return undefined;
  const line = /^\s*\**root cause\**\s*:\s*(.+)$/im.exec(diagnosis)?.[1];
  return (line ?? firstLine(diagnosis)).trim() || undefined;
}

/** Module -> "benchmark 120 ms -> 80 ms (-33.3%)", from the run's before and after measurements. */
function benchmarkChanges(store: Store, runId: string): Map<string, string> {
  const changes = new Map<string, string>();
  // The events once for all modules; a module's last "after" measurement wins.
  for (const e of store.getEvents(runId)) {
    if (e.type !== "bench" || !e.moduleId || (e.data as { phase: string }).phase !== "after") continue;
    const { value, before } = e.data as { value: number; before: number };
    changes.set(e.moduleId, `benchmark ${describeChange(before, value)}`);
  }
  return changes;
}

/** The first sentence of the module spec's Purpose section: what the module is for, in its authors' words. */
export function purposeOf(root: string, module: PlanModule): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, module.spec), "utf8");
  } catch {
    return undefined;
  }
  const [section] = sectionsStartingWith(parseBlocks(text.replace(/\r\n?/g, "\n")), /^(?:purpose|overview|summary)\b/i);
  const paragraph = section?.blocks.find((b) => b.kind === "text");
  if (!paragraph || paragraph.kind !== "text") return undefined;
  const flat = paragraph.text.replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
}

function firstLine(text: string): string {
  return (text.split("\n", 1)[0] ?? "").trim().slice(0, 300);
}
