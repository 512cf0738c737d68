import { relative } from "node:path";
import type { Plan } from "../plan/types.js";
import type { Store } from "../store/types.js";
import type { RunHooks, RunSummary } from "./context.js";
import type { Workflow } from "./workflow.js";
import { moduleMemory, relevantMemories, relevantMemoriesOf } from "./memory.js";
import { updateDocs, type DocsUpdate } from "./docs.js";
import { extend } from "../extend.js";
import { landedIn } from "../workspace/landed.js";

/**
 * What code does around every run, so no agent has to remember it: memories
 * into prompts, a memory per module and per run, and the documentation update.
 */
export function standardHooks(root: string, store: Store, onDocs?: (update: DocsUpdate) => void): RunHooks {
  // Whether a run works in worktrees, read once per run rather than once per module.
  const worktrees = new Map<string, boolean>();
  const inWorktrees = (runId: string) => worktrees.get(runId) ?? worktrees.set(runId, store.getWorkspace(runId)?.isolation === "worktree").get(runId)!;
  // An unmerged run's branch the user merged by hand before this run is in the code: git says so once per run asked of.
  const landed = landedIn(root);
  return {
    memoriesFor: (module, request) => relevantMemories(store, module, request, landed),
    memoriesOf: (asks) => relevantMemoriesOf(store, asks, landed),
    afterModule: (runId, module, state, request) => {
      const memory = moduleMemory(runId, request, module, store.getAttempts(runId, module.id), state, inWorktrees(runId));
      store.writeMemory(extend(memory, { runId, at: Date.now() }));
    },
    afterRun: async (summary: RunSummary, plan: Plan, workflow: Workflow, dir = root) => {
      // Not `onDocs?.(await updateDocs(...))`: an optional call skips evaluating its arguments.
      const update = await updateDocs(root, store, summary.runId, plan, workflow, dir);
      onDocs?.(update);
      store.writeMemory({ ...runMemory(summary, plan, store), runId: summary.runId, at: Date.now() });
      const written = [update.changelog?.entries ? update.changelog.file : undefined, update.readme?.changed ? update.readme.file : undefined].flatMap((f) => (f ? [relative(dir, f)] : []));
      return { written, ...(update.preview ? { preview: update.preview } : {}), ...(update.already ? { already: update.already } : {}), warnings: update.warnings };
    },
  };
}

function runMemory(summary: RunSummary, plan: Plan, store: Store): { key: string; content: string; tags: string[] } {
  const modules = store.getModules(summary.runId);
  const by = (state: string) => modules.filter((m) => m.state === state).map((m) => m.moduleId);
  const lines = [
    `Run ${summary.runId} (${plan.analysis.type}, "${plan.request}") ended ${summary.state} in ${(summary.durationMs / 1000).toFixed(1)} s.`,
    `Done: ${by("done").join(", ") || "none"}.`,
  ];
  if (by("failed").length) lines.push(`Failed: ${by("failed").join(", ")}.`);
  if (by("blocked").length) lines.push(`Blocked: ${by("blocked").join(", ")}.`);
  return { key: `run/${summary.runId}`, content: lines.join("\n"), tags: ["run", `run:${summary.runId}`, `type:${plan.analysis.type}`, ...plan.layers.map((l) => `layer:${l.id}`)] };
}
