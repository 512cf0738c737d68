import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Plan } from "../plan/types.js";
import type { Store } from "../store/types.js";
import type { DoneModule, Workflow } from "./workflow.js";
import { formatModuleEntry, updateChangelog, type ChangeEntry } from "../docs/changelog.js";
import { updateReadme } from "../docs/readme.js";
import { recordedEvents } from "./events.js";

export interface DocsUpdate {
  changelog?: { file: string; entries: number; created: boolean };
  readme?: { file: string; changed: boolean };
}

/**
 * The DOCUMENTATION_ORCHESTRATOR's job, done by code after every operation:
 * one CHANGELOG entry per module done in the run, under the workflow's section,
 * and the README's feature list when the workflow keeps one and the run spans layers.
 * Idempotent: entries come from the store alone, and one already in CHANGELOG.md
 * is not written again, so a run that dies during this step can run it again.
 */
export async function updateDocs(root: string, store: Store, runId: string, plan: Plan, workflow: Workflow): Promise<DocsUpdate> {
  const result: DocsUpdate = {};
  const docs = workflow.docs;
  if (!docs) return result;
  const events = recordedEvents(store, runId);
  const done: DoneModule[] = [];
  for (const module of plan.modules) {
    if (store.getModule(runId, module.id)?.state !== "done") continue;
    const attempts = store.getAttempts(runId, module.id);
    const last = attempts.findLast((a) => a.state === "done");
    if (last) done.push({ module, attempts, last, events });
  }
  if (done.length === 0) return result;

  const entries: ChangeEntry[] = done.map((d) => {
    const gate = d.last.gates;
    const tests = gate?.checks.find((c) => c.tests)?.tests;
    const coverage = gate?.checks.find((c) => c.coverage !== undefined)?.coverage;
    return {
      section: docs.section,
      text: formatModuleEntry({
        module: d.module.id,
        layer: d.module.layer,
        summary: firstLine(d.last.summary ?? "") || "done",
        files: d.last.filesChanged.length ? d.last.filesChanged : d.module.files,
        ...(tests ? { tests: { passed: tests.passed, total: tests.total } } : {}),
        ...(coverage !== undefined ? { coverage } : {}),
        ...docs.entry?.(d),
      }),
    };
  });
  const file = join(root, "CHANGELOG.md");
  const present = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const fresh = entries.filter((e) => !present.includes(e.text));
  const { created } = fresh.length ? await updateChangelog(file, fresh) : { created: false };
  result.changelog = { file, entries: fresh.length, created };

  if (docs.readme && new Set(done.map((d) => d.module.layer)).size > 1) {
    const readme = join(root, "README.md");
    const { changed } = await updateReadme(
      readme,
      done.map((d) => ({ module: d.module.id, layer: d.module.layer, summary: d.module.purpose ?? firstLine(d.attempts.at(-1)?.summary ?? "") })),
    );
    result.readme = { file: readme, changed };
  }
  return result;
}

function firstLine(text: string): string {
  return (text.split("\n", 1)[0] ?? "").trim().slice(0, 300);
}
