import type { GateResult } from "../validate/types.js";
import type { PlanModule } from "../plan/types.js";
import type { AttemptRecord, MemoryRecord, Store } from "../store/types.js";

const MAX_MEMORIES = 5;
const MAX_CHARS = 1_500;
const STOP_WORDS = new Set(["the", "and", "for", "with", "from", "that", "this", "into", "system", "module", "layer", "implement", "please"]);

/**
 * Memories worth putting in an attempt's prompt: those tagged with the module
 * (3 points) or its layer (1), plus a point per request word they contain.
 * The best few, newest first among equals, as a markdown list.
 */
export function relevantMemories(store: Store, module: PlanModule, request: string): string | undefined {
  const words = [...new Set(request.toLowerCase().split(/[^a-z0-9_]+/).filter((w) => w.length >= 4 && !STOP_WORDS.has(w)))];
  const scored = store
    .listMemories({ limit: 500 })
    .map((m) => ({ m, score: score(m, module, words) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.m.updatedAt - a.m.updatedAt)
    .slice(0, MAX_MEMORIES);
  if (scored.length === 0) return undefined;
  return scored.map(({ m }) => `- **${m.key}**: ${clip(m.content)}`).join("\n");
}

function score(m: MemoryRecord, module: PlanModule, words: string[]): number {
  const text = m.content.toLowerCase();
  return (m.tags.includes(`module:${module.id}`) ? 3 : 0) + (m.tags.includes(`layer:${module.layer}`) ? 1 : 0) + words.filter((w) => text.includes(w)).length;
}

function clip(text: string): string {
  const flat = text.trim();
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS)}…` : flat;
}

/** The memory a finished module leaves: what was done, files, validation, and what failed attempts taught. */
export function moduleMemory(runId: string, request: string, module: PlanModule, attempts: AttemptRecord[], state: string): { key: string; content: string; tags: string[] } {
  const last = attempts.at(-1);
  const lines = [`${module.id} (${module.layer}) ${state} for "${request}" in run ${runId} after ${attempts.length} attempt${attempts.length === 1 ? "" : "s"}.`];
  if (last?.summary) lines.push(`Summary: ${last.summary}`);
  const files = [...new Set(attempts.flatMap((a) => a.filesChanged))];
  if (files.length) lines.push(`Files: ${files.join(", ")}`);
  const gate = last?.gates ? gateLine(last.gates) : undefined;
  if (gate) lines.push(`Validation: ${gate}`);
  for (const failed of attempts.filter((a) => a.state === "failed")) lines.push(`Attempt ${failed.n} failed: ${firstLines(failed.error ?? "", 3)}`);
  return { key: `run/${runId}/${module.id}`, content: lines.join("\n"), tags: [`module:${module.id}`, `layer:${module.layer}`, `run:${runId}`] };
}

function gateLine(gate: GateResult): string | undefined {
  return gate.checks.map((c) => `${c.name} ${c.ok ? "passed" : "failed"} (${c.message})`).join("; ");
}

function firstLines(text: string, n: number): string {
  return text.split("\n").slice(0, n).join(" / ");
}
