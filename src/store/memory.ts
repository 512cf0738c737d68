import { StoreError, notFound } from "./errors.js";
import { clean } from "./redact.js";
import { encodeData, hasOwnKey } from "./rows.js";
import { searchLimit, searchTerms, termScorer } from "./search.js";
import { taskTypeOf } from "./task-type.js";
import type {
  AttemptEnd, AttemptRecord, AttemptText, EventRecord, LockRecord, MemoryRecord, MemorySearch, MergeRecord, ModuleRecord, ModuleState, ProcessRecord, RunHead, RunRecord,
  RunState, RunTally, Store, TodoRecord, WorkspaceRecord,
} from "./types.js";

type CreateRun = Parameters<Store["createRun"]>[0];
type StartAttempt = Parameters<Store["startAttempt"]>[2];
type WriteMemory = Parameters<Store["writeMemory"]>[0];
type TodoInput = Parameters<Store["writeTodos"]>[2];
type StoredEvent = Omit<EventRecord, "data"> & { data: string };

/** Drops undefined optional fields, as the SQLite store leaves NULL columns out. */
function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] === undefined) delete record[key];
  return record;
}

const copyAttempt = (a: AttemptRecord): AttemptRecord => ({ ...a, filesChanged: [...a.filesChanged], usage: { ...a.usage } });
const copyMemory = (m: MemoryRecord): MemoryRecord => ({ ...m, tags: [...m.tags] });

/**
 * In-memory Store with the SQLite store's semantics: the reference for the
 * conformance suite and the store of pure tests. Every method checks before it
 * writes, so a call that throws changes nothing. Records go in and out as copies.
 */
export class MemoryStore implements Store {
  private readonly runs = new Map<string, RunRecord>();
  private readonly modules = new Map<string, Map<string, ModuleRecord>>();
  private readonly attempts = new Map<string, AttemptRecord[]>();
  private readonly texts = new Map<string, AttemptText>();
  /** Spec texts by digest, as SQLite's spec_texts: the first kept stays; `verbatim`, those kept as given. */
  private readonly specTexts = new Map<string, string>();
  private readonly verbatim = new Set<string>();
  private readonly events: StoredEvent[] = [];
  private readonly memories = new Map<string, MemoryRecord>();
  /** Keyed by run id, then owner. */
  private readonly todos = new Map<string, Map<string, TodoRecord[]>>();
  private readonly workspaces = new Map<string, WorkspaceRecord>();
  private readonly merges: MergeRecord[] = [];
  private lastEventId = 0;
  private lock: LockRecord | undefined;
  private processes: ProcessRecord[] = [];
  private readonly submissions: Array<{ planningId: string; data: string; at: number }> = [];

  /** Calls are applied one by one; each checks before it writes, so a throw leaves earlier ones in place. */
  batch<T>(fn: () => T, _how?: { single?: boolean }): T {
    return fn();
  }

  /** Every write is "committed" as it is made. */
  afterCommit(fn: () => void): void {
    fn();
  }

  flush(): void {
    // Nothing pending: writes apply at once.
  }

  createRun(run: CreateRun): RunRecord {
    const { id, at } = run;
    const [request, plan, options] = [clean.text(run.request), clean.value(run.plan), clean.json(run.options)];
    const ids = run.modules.map((m) => m.moduleId);
    if (this.runs.has(id) || new Set(ids).size !== ids.length) {
      throw new StoreError("STORE_CONFLICT", `Expected new ids, got run \`${id}\` or a module id already stored`, { runId: id });
    }
    const record: RunRecord = { id, request, plan: structuredClone(plan), options, state: "running", createdAt: at, updatedAt: at };
    this.runs.set(id, record);
    run.plan.modules.forEach((m, i) => {
      const kept = plan.modules[i]?.specText;
      if (!m.specDigest || m.specText === undefined || kept === undefined || this.specTexts.has(m.specDigest)) return;
      this.specTexts.set(m.specDigest, kept);
      if (kept === m.specText) this.verbatim.add(m.specDigest);
    });
    const modules = new Map<string, ModuleRecord>();
    for (const m of run.modules) {
      modules.set(m.moduleId, { runId: id, moduleId: m.moduleId, layer: m.layer, state: "pending", attempts: 0, updatedAt: at });
    }
    this.modules.set(id, modules);
    this.attempts.set(id, []);
    this.todos.set(id, new Map());
    return { ...record };
  }

  getRun(id: string): RunRecord | undefined {
    const run = this.runs.get(id);
    return run && { ...run };
  }

  listRuns(limit?: number): RunRecord[] {
    // Stable sort of the reversed insertion order: ties on createdAt put the later insert first.
    const runs = [...this.runs.values()].reverse().sort((a, b) => b.createdAt - a.createdAt);
    return runs.slice(0, limit ?? runs.length).map((r) => ({ ...r }));
  }

  listRunHeads(limit?: number): RunHead[] {
    return this.listRuns(limit).map(headOf);
  }

  runTallies(): Map<string, RunTally> {
    const tallies = new Map<string, RunTally>();
    for (const id of this.runs.keys()) {
      const states: RunTally["states"] = {};
      for (const m of this.getModules(id)) states[m.state] = (states[m.state] ?? 0) + 1;
      const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      for (const { usage: u } of this.getAttempts(id)) [usage.inputTokens, usage.outputTokens, usage.costUsd] = [usage.inputTokens + u.inputTokens, usage.outputTokens + u.outputTokens, usage.costUsd + u.costUsd];
      const starts = this.getEvents(id, 0, "run:start");
      const newest = this.getEvents(id).at(-1);
      tallies.set(id, { states, usage, starts: starts.length, ...(starts.length ? { lastStart: starts.at(-1)! } : {}), ...(newest ? { newestEventAt: newest.at } : {}) });
    }
    return tallies;
  }

  getRunHead(id: string): RunHead | undefined {
    const run = this.runs.get(id);
    return run && headOf(run);
  }

  setRunState(id: string, state: RunState, at: number): void {
    const run = this.runs.get(id);
    if (!run) throw notFound("run", { runId: id });
    this.runs.set(id, compact({ ...run, state, updatedAt: at, endedAt: state === "running" ? undefined : at }));
  }

  getModules(runId: string): ModuleRecord[] {
    return [...(this.modules.get(runId)?.values() ?? [])].map((m) => ({ ...m }));
  }

  getModule(runId: string, moduleId: string): ModuleRecord | undefined {
    const mod = this.modules.get(runId)?.get(moduleId);
    return mod && { ...mod };
  }

  private module(runId: string, moduleId: string): ModuleRecord {
    const mod = this.modules.get(runId)?.get(moduleId);
    if (!mod) throw notFound("module", { runId, moduleId });
    return mod;
  }

  setModuleState(runId: string, moduleId: string, state: ModuleState, at: number, reason?: string): void {
    const mod = this.module(runId, moduleId);
    this.modules.get(runId)?.set(moduleId, compact({ ...mod, state, reason: clean.optional(reason), updatedAt: at }));
  }

  startAttempt(runId: string, moduleId: string, attempt: StartAttempt): AttemptRecord {
    const mod = this.module(runId, moduleId);
    const n = mod.attempts + 1;
    const record: AttemptRecord = {
      runId, moduleId, n, kind: attempt.kind, agent: attempt.agent, state: "running", promptPath: attempt.promptPath,
      filesChanged: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, startedAt: attempt.at,
    };
    this.attempts.get(runId)?.push(record);
    this.modules.get(runId)?.set(moduleId, compact({ ...mod, state: "running", reason: undefined, attempts: n, updatedAt: attempt.at }));
    return copyAttempt(record);
  }

  finishAttempt(runId: string, moduleId: string, n: number, given: AttemptEnd, moduleState: ModuleState, reason?: string): void {
    const list = this.attempts.get(runId) ?? [];
    const index = list.findIndex((a) => a.moduleId === moduleId && a.n === n);
    const found = list[index];
    if (!found) throw notFound("attempt", { runId, moduleId, n });
    if (found.state !== "running") {
      throw new StoreError("STORE_CONFLICT", `Expected attempt ${n} of module \`${moduleId}\` to be running, found it ended`, { runId, moduleId, n });
    }
    const mod = this.module(runId, moduleId);
    const end = clean.end(given);
    list[index] = compact({
      ...found, state: end.state, summary: end.summary, error: end.error, filesChanged: [...(end.filesChanged ?? [])],
      usage: { ...(end.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 }) }, gates: end.gates && structuredClone(end.gates), worker: clean.optional(end.worker), endedAt: end.endedAt,
    });
    this.modules.get(runId)?.set(moduleId, compact({ ...mod, state: moduleState, reason: clean.optional(reason), updatedAt: end.endedAt }));
  }

  setAttemptWorker(runId: string, moduleId: string, n: number, worker: string): void {
    const list = this.attempts.get(runId) ?? [];
    const index = list.findIndex((a) => a.moduleId === moduleId && a.n === n && a.state === "running");
    const name = clean.optional(worker);
    if (index >= 0 && name) list[index] = { ...list[index]!, worker: name };
  }

  getAttempts(runId: string, moduleId?: string): AttemptRecord[] {
    const list = this.attempts.get(runId) ?? [];
    return list.filter((a) => moduleId === undefined || a.moduleId === moduleId).map(copyAttempt);
  }

  recordAttempt(attempt: AttemptRecord & { endedAt: number }): void {
    const list = this.attempts.get(attempt.runId);
    if (!list) throw notFound("run", { runId: attempt.runId });
    if (list.some((a) => a.moduleId === attempt.moduleId && a.n === attempt.n)) {
      throw new StoreError("STORE_CONFLICT", `Expected a new attempt, got attempt ${attempt.n} of \`${attempt.moduleId}\` already stored`, { runId: attempt.runId });
    }
    list.push(compact({ ...copyAttempt(attempt), summary: clean.optional(attempt.summary), error: clean.optional(attempt.error) }));
  }

  savePlanSubmission(planningId: string, data: unknown, at: number): void {
    this.submissions.push({ planningId, data: encodeData(data), at });
  }

  getPlanSubmission(planningId: string): unknown {
    const found = this.submissions.findLast((s) => s.planningId === planningId);
    return found ? (JSON.parse(found.data) as unknown) : undefined;
  }

  setWorkspace(w: WorkspaceRecord): void {
    if (!this.runs.has(w.runId)) throw notFound("run", { runId: w.runId });
    this.workspaces.set(w.runId, compact({ ...w }));
  }

  getWorkspace(runId: string): WorkspaceRecord | undefined {
    const found = this.workspaces.get(runId);
    return found ? { ...found } : undefined;
  }

  recordMerge(m: Parameters<Store["recordMerge"]>[0]): void {
    if (!this.runs.has(m.runId)) throw notFound("run", { runId: m.runId });
    const record: MergeRecord = { ...m, files: [...m.files], payload: JSON.parse(encodeData(m.payload)) as unknown, state: "pending" };
    const i = this.merges.findIndex((x) => x.runId === m.runId && x.moduleId === m.moduleId && x.n === m.n);
    if (i >= 0) this.merges[i] = record;
    else this.merges.push(record);
  }

  finishMerge(runId: string, moduleId: string, n: number, state: "merged" | "failed", mergeCommit?: string): void {
    const found = this.merges.find((x) => x.runId === runId && x.moduleId === moduleId && x.n === n);
    if (!found) throw notFound("merge", { runId, moduleId });
    found.state = state;
    if (mergeCommit) found.mergeCommit = mergeCommit;
    else delete found.mergeCommit;
  }

  keepAttemptText(runId: string, moduleId: string, n: number, text: AttemptText): void {
    if (!this.attempts.get(runId)?.some((a) => a.moduleId === moduleId && a.n === n)) throw notFound("attempt", { runId, moduleId, n });
    const key = JSON.stringify([runId, moduleId, n]);
    const kept = this.texts.get(key) ?? {};
    const [prompt, output] = [clean.optional(text.prompt) ?? kept.prompt, clean.optional(text.output) ?? kept.output];
    this.texts.set(key, { ...(prompt !== undefined ? { prompt } : {}), ...(output !== undefined ? { output } : {}) });
  }

  getAttemptText(runId: string, moduleId: string, n: number): AttemptText {
    return { ...this.texts.get(JSON.stringify([runId, moduleId, n])) };
  }

  keepsSpecText(digest: string): boolean {
    return this.verbatim.has(digest);
  }

  getSpecText(digest: string): string | undefined {
    return this.specTexts.get(digest);
  }

  getMerges(runId: string): MergeRecord[] {
    return this.merges.filter((m) => m.runId === runId).map((m) => ({ ...m, files: [...m.files] }));
  }

  appendEvent(runId: string, type: string, data: unknown, at: number, moduleId?: string): void {
    if (!this.runs.has(runId)) throw notFound("run", { runId });
    this.events.push(compact({ id: ++this.lastEventId, runId, at, type, moduleId, data: encodeData(data) }));
  }

  getEvents(runId: string, afterId = 0, type?: string, withKey?: string): EventRecord[] {
    return this.events
      .filter((e) => e.runId === runId && e.id > afterId && (type === undefined || e.type === type))
      .map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }))
      .filter((e) => withKey === undefined || hasOwnKey(e.data, withKey));
  }

  latestEventId(runId: string): number {
    return this.events.findLast((e) => e.runId === runId)?.id ?? 0;
  }

  /** Exclusive within this process only: a MemoryStore is not shared with others. */
  takeLock(owner: LockRecord, isLive: (holder: LockRecord) => boolean): LockRecord | undefined {
    if (this.lock && isLive({ ...this.lock })) return { ...this.lock };
    this.lock = { ...owner };
    return undefined;
  }

  releaseLock(owner: Pick<LockRecord, "pid" | "startTime">): boolean {
    if (this.lock?.pid !== owner.pid || this.lock.startTime !== owner.startTime) return false;
    this.lock = undefined;
    return true;
  }

  getLock(): LockRecord | undefined {
    return this.lock && { ...this.lock };
  }

  recordProcess(p: ProcessRecord): void {
    const { runId, moduleId, n } = p;
    if (!this.attempts.get(runId)?.some((a) => a.moduleId === moduleId && a.n === n)) throw notFound("attempt", { runId, moduleId, n });
    const same = (q: ProcessRecord) => q.runId === runId && q.moduleId === moduleId && q.n === n && q.pid === p.pid;
    const index = this.processes.findIndex(same);
    if (index >= 0) this.processes[index] = { ...p };
    else this.processes.push({ ...p });
  }

  getProcesses(runId?: string): ProcessRecord[] {
    return this.processes.filter((p) => runId === undefined || p.runId === runId).map((p) => ({ ...p }));
  }

  forgetProcess(p: Pick<ProcessRecord, "runId" | "moduleId" | "n" | "pid">): boolean {
    const before = this.processes.length;
    this.processes = this.processes.filter((q) => !(q.runId === p.runId && q.moduleId === p.moduleId && q.n === p.n && q.pid === p.pid));
    return this.processes.length < before;
  }

  writeMemory(memory: WriteMemory): MemoryRecord {
    const old = this.memories.get(memory.key);
    const record = compact<MemoryRecord>({
      key: memory.key,
      content: clean.text(memory.content),
      tags: [...(memory.tags ?? old?.tags ?? [])],
      runId: memory.runId ?? old?.runId,
      createdAt: old?.createdAt ?? memory.at,
      updatedAt: memory.at,
    });
    this.memories.set(memory.key, record);
    return copyMemory(record);
  }

  readMemory(key: string): MemoryRecord | undefined {
    const memory = this.memories.get(key);
    return memory && copyMemory(memory);
  }

  listMemories(filter: { tags?: string[]; limit?: number } = {}): MemoryRecord[] {
    const wanted = filter.tags?.length ? new Set(filter.tags) : undefined;
    const found = [...this.memories.values()]
      .filter((m) => !wanted || m.tags.some((t) => wanted.has(t)))
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return found.slice(0, filter.limit ?? found.length).map(copyMemory);
  }

  deleteMemory(key: string): boolean {
    return this.memories.delete(key);
  }

  searchMemories(search: MemorySearch): MemoryRecord[] {
    const tags = search.tags && new Set(search.tags);
    const moduleTag = search.module === undefined ? undefined : `module:${search.module}`;
    const kept = [...this.memories.values()].filter((m) => (!tags || m.tags.some((t) => tags.has(t))) && (!moduleTag || m.tags.includes(moduleTag)));
    const terms = searchTerms(search.query ?? "");
    const score = terms.length ? termScorer(terms, [...this.memories.values()]) : () => 1;
    return kept
      .map((m) => ({ m, score: score(m) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || b.m.updatedAt - a.m.updatedAt || (a.m.key < b.m.key ? -1 : a.m.key > b.m.key ? 1 : 0))
      .slice(0, searchLimit(search.limit))
      .map(({ m }) => copyMemory(m));
  }

  writeTodos(runId: string, owner: string, todos: TodoInput): void {
    const lists = this.todos.get(runId);
    if (!lists) throw notFound("run", { runId });
    const list = todos.map((t, position): TodoRecord => ({ runId, owner, content: clean.text(t.content), status: t.status, position }));
    if (list.length) lists.set(owner, list);
    else lists.delete(owner);
  }

  readTodos(runId: string, owner?: string): TodoRecord[] {
    const lists = this.todos.get(runId) ?? new Map<string, TodoRecord[]>();
    const owners = owner === undefined ? [...lists.keys()].sort() : [owner];
    return owners.flatMap((o) => lists.get(o) ?? []).map((t) => ({ ...t }));
  }

  close(): void {
    // Nothing to release; the data goes with the object.
  }
}

function headOf({ plan, options: _options, ...run }: RunRecord): RunHead {
  return compact({ ...run, taskType: taskTypeOf(plan) });
}
