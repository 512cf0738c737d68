import { basename, join, relative } from "node:path";
import type { Plan, PlanModule } from "../plan/types.js";
import type { AttemptRecord, Store } from "../store/types.js";
import type { DoneModule, Workflow } from "./workflow.js";
import { formatModuleEntry, updateChangelog, type ChangeEntry, type ChangeSection } from "../docs/changelog.js";
import { featureSummary, replyLine } from "../docs/entry.js";
import { updateReadme, type Feature } from "../docs/readme.js";
import { findChangelog, findReadme } from "../docs/find.js";
import { redact, writePrivate } from "../redact/index.js";
import { recorded, recordedEvents } from "./events.js";
import { ProjectPaths } from "./paths.js";

export interface DocsUpdate {
  changelog?: { file: string; entries: number; created: boolean };
  readme?: { file: string; changed: boolean };
  /** Where the entries of modules that changed no file went instead of the docs, relative to the project. */
  preview?: string;
  /** What the step did that a reader of the docs may not expect, one sentence each, naming the file. */
  warnings: string[];
  /** Entries it did not write because the same text was under `[Unreleased]` already: one sentence naming the file. */
  already?: string;
}

/** Attempt kinds that may not change files (a change fails them): their records say nothing about the module's changes. */
const READ_ONLY_KINDS = new Set(["analyze", "review"]);

/**
 * The DOCUMENTATION_ORCHESTRATOR's job, done by code after every operation:
 * one CHANGELOG entry per module done in the run that changed files, under the workflow's
 * section, and the README's feature list when the workflow keeps one and the run spans
 * layers. A module that changed no file (an offline preview with nothing recorded, an agent
 * that did nothing) gets no entry: what it would say goes to the run's `docs-preview.md`.
 * The run's files (the preview) stay under `root`. Idempotent: entries come from the store alone, and one already in
 * the `[Unreleased]` subsection it goes to is not written again, so a run that dies during this step can run it again.
 */
export async function updateDocs(root: string, store: Store, runId: string, plan: Plan, workflow: Workflow, dir = root): Promise<DocsUpdate> {
  const result: DocsUpdate = { warnings: [] };
  const docs = workflow.docs;
  if (!docs) return result;
  const events = recordedEvents(store, runId);
  // Only the attempts whose files are unknown are read: a 10,000-module run's `attempt:end` events were 4.9 MB live at its peak of memory, this step.
  const ended = recorded(store.getEvents(runId, 0, "attempt:end", "filesUnknown"), "attempt:end");
  const unknown = new Map(ended.flatMap((e) => (e.filesUnknown ? [[`${e.moduleId}#${e.attempt}`, e.filesUnknown] as const] : [])));
  // Two reads for the whole run, not two per module: at 10,000 modules the per-module reads were most of this step.
  const isDone = new Set(store.getModules(runId).flatMap((m) => (m.state === "done" ? [m.moduleId] : [])));
  const attemptsOf = byModule(store.getAttempts(runId));
  // In worktrees a failed attempt's changes were thrown away with its worktree: only what landed is the module's change.
  const landedOnly = store.getWorkspace(runId)?.isolation === "worktree";
  // Each done module's entry is made as it is met, and only it is kept (with what its README line needs), each one
  // changed or unchanged in one pass: every module's records and attempts held to the end of the loop were the
  // peak of a 10,000-module run's memory, and `unchanged` as `done` less `changed` was quadratic.
  const changed: Documented[] = [];
  const unchanged: Documented[] = [];
  for (const module of plan.modules) {
    if (!isDone.has(module.id)) continue;
    const attempts = attemptsOf.get(module.id) ?? [];
    attemptsOf.delete(module.id);
    const last = attempts.findLast((a) => a.state === "done");
    if (!last) continue;
    const d: DoneModule = { module, attempts, last, events, ...changesOf(attempts, unknown, landedOnly) };
    (d.filesUnknown !== undefined || d.files.length > 0 ? changed : unchanged).push({ module, summary: last.summary, agent: last.agent, entry: { section: docs.section, text: entryText(d, docs) } });
  }
  if (changed.length === 0 && unchanged.length === 0) return result;

  // What the module is for, and what this run changed in its agent's words: the README's line for it, replaced by the next run's.
  const featureOf = (d: Documented): Feature => ({ module: d.module.id, layer: d.module.layer, summary: featureSummary(d.module.purpose, d.summary) });
  const entryOf = (d: Documented): ChangeEntry => d.entry;
  const spansLayers = (ds: Documented[]) => docs.readme === true && new Set(ds.map((d) => d.module.layer)).size > 1;

  // Entries no file of the project can take (its changelog or README is not markdown) go to the preview instead.
  const kept: { entries: ChangeEntry[]; features: Feature[] } = { entries: [], features: [] };
  if (changed.length > 0) {
    // `dir`: where the docs are written, a worktree of the integration branch when the run is isolated.
    const changelog = findChangelog(dir);
    const name = relative(dir, changelog.file);
    if (!changelog.markdown) {
      kept.entries.push(...changed.map(entryOf));
      result.warnings.push(`${name} is not markdown, so orchestrate did not edit it: the entries are in the run's docs-preview.md`);
    } else {
      // An entry already in the subsection it goes to is not written again (see `addUnreleased`).
      const { created, added, notes = [], already } = await updateChangelog(changelog.file, changed.map(entryOf), { root: dir });
      result.changelog = { file: changelog.file, entries: added, created };
      result.warnings.push(...notes.map((note) => `${name}: ${note}`));
      if (already) result.already = alreadyLine(name, already);
    }
    if (spansLayers(changed)) {
      const readme = findReadme(dir);
      if (!readme.markdown) {
        kept.features.push(...changed.map(featureOf));
        result.warnings.push(`${relative(dir, readme.file)} is not markdown, so orchestrate did not add its feature list: it is in the run's docs-preview.md`);
      } else {
        // `root`, not `dir`: a worktree's folder is named for the run, the project's for the project.
        const { changed: written } = await updateReadme(readme.file, changed.map(featureOf), { root: dir, title: basename(root) });
        result.readme = { file: readme.file, changed: written };
      }
    }
  }
  if (unchanged.length > 0 || kept.entries.length > 0 || kept.features.length > 0) {
    const paths = new ProjectPaths(root);
    const file = join(paths.runDir(runId), "docs-preview.md");
    const unwritten = { entries: unchanged.map(entryOf), features: spansLayers(unchanged) ? unchanged.map(featureOf) : [] };
    const simulated = unchanged.some((d) => d.agent === "simulate");
    writePrivate(file, redact(previewText(plan, runId, docs.section, unwritten, kept, simulated)));
    result.preview = paths.rel(file);
  }
  return result;
}

/**
 * `CHANGELOG.md: 1 entry already under [Unreleased] (Fixed), not written again`: said, not skipped without a word (the same
 * text by an earlier run or by hand; or by this step before a crash, which `resume` runs again).
 */
function alreadyLine(name: string, already: ReadonlyMap<ChangeSection, number>): string {
  const n = [...already.values()].reduce((a, b) => a + b, 0);
  const sections = [...already.keys()].join(", ");
  return `${name}: ${n === 1 ? "1 entry" : `${n} entries`} already under [Unreleased] (${sections}), not written again`;
}

/** A done module as the docs step keeps it: its changelog entry, and what its README line is made of. */
interface Documented {
  module: PlanModule;
  summary: string | undefined;
  /** The agent of its last passing attempt. */
  agent: string;
  entry: ChangeEntry;
}

/** A run's attempts by module, each module's in the order of `n` (as `getAttempts(runId, moduleId)` lists them). */
function byModule(attempts: AttemptRecord[]): Map<string, AttemptRecord[]> {
  const out = new Map<string, AttemptRecord[]>();
  for (const a of attempts) {
    const list = out.get(a.moduleId);
    if (list) list.push(a);
    else out.set(a.moduleId, [a]);
  }
  for (const list of out.values()) list.sort((a, b) => a.n - b.n);
  return out;
}

/** The files a module's writing attempts changed (`landedOnly`: its passing ones, whose work was merged), or why they cannot be known. */
function changesOf(attempts: AttemptRecord[], unknown: ReadonlyMap<string, string>, landedOnly: boolean): { files: string[]; filesUnknown?: string } {
  const writing = attempts.filter((a) => !READ_ONLY_KINDS.has(a.kind) && (!landedOnly || a.state === "done"));
  const files = [...new Set(writing.flatMap((a) => a.filesChanged))];
  const why = writing.map((a) => unknown.get(`${a.moduleId}#${a.n}`)).find((w) => w !== undefined);
  return { files, ...(why !== undefined ? { filesUnknown: why } : {}) };
}

function entryText(d: DoneModule, docs: NonNullable<Workflow["docs"]>): string {
  const gate = d.last.gates;
  const tests = gate?.checks.find((c) => c.tests)?.tests;
  const coverage = gate?.checks.find((c) => c.coverage !== undefined)?.coverage;
  return formatModuleEntry({
    module: d.module.id,
    layer: d.module.layer,
    summary: replyLine(d.last.summary) || "done",
    // What its own attempts changed: never the spec's list of files it owns.
    files: d.files,
    ...(d.filesUnknown !== undefined ? { filesUnknown: d.filesUnknown } : {}),
    ...(tests ? { tests: { passed: tests.passed, total: tests.total, ...(tests.unit && { unit: tests.unit }) } } : {}),
    ...(coverage !== undefined ? { coverage } : {}),
    ...docs.entry?.(d),
  });
}

function previewText(
  plan: Plan,
  runId: string,
  section: ChangeSection,
  unwritten: { entries: ChangeEntry[]; features: Feature[] },
  kept: { entries: ChangeEntry[]; features: Feature[] },
  simulated: boolean,
): string {
  const lines = [`# Documentation preview: ${plan.request}`, "", `Run \`${runId}\`.`];
  const block = (intro: string, { entries, features }: { entries: ChangeEntry[]; features: Feature[] }) => {
    if (entries.length === 0 && features.length === 0) return;
    lines.push("", intro);
    if (entries.length > 0) lines.push("", `## CHANGELOG: [Unreleased], ${section}`, "", ...entries.map((e) => `- ${e.text.replace(/\n/g, "\n  ")}`));
    if (features.length > 0) lines.push("", "## README: features", "", ...features.map((f) => `- **${f.module}** (${f.layer}): ${f.summary}`));
  };
  // The simulate agent's cause is named only where it ran: a real agent's run (a debug run whose diagnosis found
  // nothing to change in a module) was told it was `simulate`'s doing.
  const why = simulated ? " (the `simulate` agent with nothing recorded to replay changes nothing)" : "";
  block(`These modules were done but their agent changed no file${why}, so nothing was written to the changelog or README for them. This is what their entries would say.`, unwritten);
  block("The project's changelog or README is not markdown, so orchestrate did not edit it. These are the entries it would have written, to copy in by hand.", kept);
  return `${lines.join("\n")}\n`;
}
