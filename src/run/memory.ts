import type { PlanModule } from "../plan/types.js";
import type { AttemptRecord, MemoryRecord, Store } from "../store/types.js";
import type { CheckResult } from "../validate/types.js";
import { landingNote, type Landed } from "../store/landing.js";

/** At most this many memories in a prompt: the module's own, then its dependencies', then by the request's words. */
const MAX_MEMORIES = 6;
const MAX_OWN = 3;
const MAX_DEPENDENCIES = 3;
const MAX_CHARS = 1_500;
const STOP_WORDS = new Set(["the", "and", "for", "with", "from", "that", "this", "into", "system", "module", "layer", "implement", "please"]);

/** One module's question: its own memories with the request's words, or, for a dependency, without (request ""). */
export interface MemoryAsk {
  module: PlanModule;
  request: string;
}

/**
 * Memories worth putting in an attempt's prompt, as a markdown list: the module's own
 * newest (tagged `module:<id>`: what earlier runs and its agents recorded), then its
 * dependencies' newest, then the best matches for the request's words. Each is one
 * bounded store search, so the cost does not grow with the number of memories.
 */
export function relevantMemories(store: Store, module: PlanModule, request: string, landed?: Landed): string | undefined {
  return relevantMemoriesOf(store, [{ module, request }], landed)[0];
}

/**
 * `relevantMemories` of several modules at once (a prompt asks for its module's and each
 * dependency's) from one store search: the newest memories tagged with any of their
 * modules or their dependencies, as many as would hold three of each. A module's newest
 * are the first of those carrying its tag, since the search and each list keep the same
 * order; a list the search cannot settle (it stopped at its limit with fewer than three
 * of them) is searched on its own.
 */
export function relevantMemoriesOf(store: Store, asks: readonly MemoryAsk[], landed?: Landed): (string | undefined)[] {
  // Each ask's own tag and its dependencies' tags, each once, in that order, for the search.
  // Loops by index in this file: below TurboFan (a run under 2,000 modules, src/cli/heap.ts) a for-of
  // allocates an iterator and a result object per element, and these run for every prompt.
  const tags: string[] = [];
  for (let i = 0; i < asks.length; i++) {
    const { own, dependencies } = tagsOf(asks[i]!.module);
    addOnce(tags, own[0]!);
    for (let j = 0; j < dependencies.length; j++) addOnce(tags, dependencies[j]!);
  }
  const limit = tags.length * Math.max(MAX_OWN, MAX_DEPENDENCIES);
  const found = store.searchMemories({ tags, limit });
  const complete = found.length < limit;
  const lists: (string | undefined)[] = [];
  for (let i = 0; i < asks.length; i++) lists.push(listOf(store, asks[i]!.module, asks[i]!.request, found, complete, landed));
  return lists;
}

/** One ask's list from the search's memories (`found`, all of them when `complete`), or its own searches where those cannot settle it. */
function listOf(store: Store, module: PlanModule, request: string, found: readonly MemoryRecord[], complete: boolean, landed: Landed | undefined): string | undefined {
  const picked: MemoryRecord[] = [];
  const { own, dependencies } = tagsOf(module);
  add(picked, newest(found, complete, own, MAX_OWN) ?? store.searchMemories({ module: module.id, limit: MAX_OWN }));
  if (dependencies.length > 0) add(picked, newest(found, complete, dependencies, MAX_DEPENDENCIES) ?? store.searchMemories({ tags: dependencies, limit: MAX_DEPENDENCIES }));
  const words = wordsOf(request);
  if (words && picked.length < MAX_MEMORIES) add(picked, store.searchMemories({ query: words, limit: MAX_MEMORIES }));
  if (picked.length === 0) return undefined;
  let text = "";
  for (let i = 0; i < picked.length; i++) {
    const m = picked[i]!;
    const note = m.runId === undefined ? undefined : landingNote(store, m.runId, landed);
    text += `${text ? "\n" : ""}- **${m.key}**${note ? ` (${note})` : ""}: ${clip(m.content).replaceAll("\n", "\n  ")}`;
  }
  return text;
}

/**
 * The first `max` memories of `found` carrying one of the tags wanted: the newest, as the search
 * keeps the store's order. Undefined when the search stopped at its limit before `max` of them.
 */
function newest(found: readonly MemoryRecord[], complete: boolean, wanted: readonly string[], max: number): MemoryRecord[] | undefined {
  const hits: MemoryRecord[] = [];
  for (let i = 0; i < found.length && hits.length < max; i++) if (carriesOne(found[i]!.tags, wanted)) hits.push(found[i]!);
  return hits.length === max || complete ? hits : undefined;
}

function carriesOne(tags: readonly string[], wanted: readonly string[]): boolean {
  for (let i = 0; i < tags.length; i++) if (wanted.includes(tags[i]!)) return true;
  return false;
}

const tagsByModule = new WeakMap<PlanModule, { id: string; dependsOn: readonly string[]; own: readonly string[]; dependencies: string[] }>();

/** A module's tag and its dependencies' tags: made once per plan module (and list), not for each prompt that asks. */
function tagsOf(module: PlanModule): { own: readonly string[]; dependencies: string[] } {
  let known = tagsByModule.get(module);
  if (known?.id !== module.id || known.dependsOn !== module.dependsOn) {
    known = { id: module.id, dependsOn: module.dependsOn, own: [`module:${module.id}`], dependencies: module.dependsOn.map((d) => `module:${d}`) };
    tagsByModule.set(module, known);
  }
  return known;
}

/** Adds the memories not picked yet, up to `MAX_MEMORIES`. */
function add(picked: MemoryRecord[], memories: readonly MemoryRecord[]): void {
  for (let i = 0; i < memories.length; i++) {
    const m = memories[i]!;
    if (picked.length < MAX_MEMORIES && !picked.some((p) => p.key === m.key)) picked.push(m);
  }
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

let lastRequest: { request: string; words: string | undefined } | undefined;

/** The request's words worth a search, or undefined; a run asks with the same request for every module. */
function wordsOf(request: string): string | undefined {
  if (request === "") return undefined;
  if (lastRequest?.request !== request) {
    const words = request.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
    lastRequest = { request, words: words.length > 0 ? words.join(" ") : undefined };
  }
  return lastRequest.words;
}

function clip(text: string, max = MAX_CHARS): string {
  const flat = text.trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const MAX_FAILURES = 3;
const OUTPUT_LINES = 5;
const LINE_CHARS = 200;
const MAX_FILES = 20;

/**
 * The memory a finished module leaves, for the next attempt, run or module to learn from:
 * what was done (summary, files), each failure's decisive output (the failing check and
 * its first lines, not the whole log) and what fixed it. The request is left to the run's
 * memory, so a search by its words finds the run's and not every module's. `landedOnly` (a
 * worktree run): a failed attempt's work went with its worktree, so its files are said to be gone.
 */
export function moduleMemory(runId: string, _request: string, module: PlanModule, attempts: AttemptRecord[], state: string, landedOnly = false): { key: string; content: string; tags: string[] } {
  const ended = attempts.filter((a) => a.state === "done" || a.state === "failed");
  const count = `${ended.length} attempt${ended.length === 1 ? "" : "s"}`;
  const lines = [`${module.id} (layer ${module.layer}) ${state} in run ${runId} after ${count}.`];
  const passed = ended.findLast((a) => a.state === "done");
  const last = passed ?? ended.at(-1);
  if (last?.summary) lines.push(`Summary: ${clip(last.summary, 500)}`);
  // A read-only attempt before the one that passed is a diagnosis (debug's): why it broke is worth keeping.
  const diagnosis = ended.findLast((a) => a.kind === "analyze" && a.state === "done" && a !== last);
  if (diagnosis?.summary) lines.push(`Diagnosis: ${clip(diagnosis.summary, 500).replaceAll("\n", "\n  ")}`);
  const files = filesOf(landedOnly ? ended.filter((a) => a.state === "done") : ended);
  if (files.length) lines.push(`Files: ${listed(files)}`);
  const gone = landedOnly ? filesOf(ended.filter((a) => a.state === "failed")).filter((f) => !files.includes(f)) : [];
  if (gone.length) lines.push(`Files of failed attempts, thrown away with their worktrees (not in the code): ${listed(gone)}`);

  const failures = ended.filter((a) => a.state === "failed");
  if (failures.length > MAX_FAILURES) lines.push(`(${failures.length - MAX_FAILURES} earlier failed attempts left out)`);
  for (const failed of failures.slice(-MAX_FAILURES)) {
    lines.push(`Attempt ${failed.n} (${failed.kind}) failed: ${failure(failed)}`);
    const fix = ended.find((a) => a.n > failed.n && a.state === "done");
    // Said once, after the last failure it fixed.
    if (fix && !failures.some((f) => f.n > failed.n && f.n < fix.n)) {
      lines.push(`Fixed by attempt ${fix.n} (${fix.kind}): ${clip(fix.summary ?? "no summary", 500)}${fix.filesChanged.length ? `; changed ${listed(fix.filesChanged)}` : ""}`);
    }
  }
  const gate = last?.gates;
  if (gate?.checks.length) lines.push(`Validation: ${gate.checks.map((c) => `${c.name} ${c.ok ? "passed" : "failed"} (${c.message})`).join("; ")}`);
  return { key: `run/${runId}/${module.id}`, content: lines.join("\n"), tags: [`module:${module.id}`, `layer:${module.layer}`, `run:${runId}`] };
}

function filesOf(attempts: readonly AttemptRecord[]): string[] {
  return [...new Set(attempts.flatMap((a) => a.filesChanged))];
}

/** A failed attempt's decisive output: its failing gate check with the output's first lines, else its error's. */
function failure(attempt: AttemptRecord): string {
  const checks = attempt.gates?.checks.filter((c) => !c.ok) ?? [];
  const check: CheckResult | undefined = checks.find((c) => c.blocking) ?? checks[0];
  if (check) return [`check \`${check.name}\` (${check.kind}): ${check.message}`, ...firstLines(check.output ?? "")].join("\n    ");
  const [head = "no error recorded", ...rest] = firstLines(attempt.error ?? "");
  return [head, ...rest].join("\n    ");
}

/** The first non-blank lines of a log, each clipped, and how many were left out. */
function firstLines(text: string): string[] {
  const all = text.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim().length > 0);
  const shown = all.slice(0, OUTPUT_LINES).map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l));
  if (all.length > OUTPUT_LINES) shown.push(`(${all.length - OUTPUT_LINES} more lines)`);
  return shown;
}

function listed(files: string[]): string {
  return files.length > MAX_FILES ? `${files.slice(0, MAX_FILES).join(", ")} (+${files.length - MAX_FILES} more)` : files.join(", ");
}
