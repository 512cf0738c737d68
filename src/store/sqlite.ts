import Database from "better-sqlite3";
import { StoreError, notFound } from "./errors.js";
import { clean } from "./redact.js";
import { encodeData, hasOwnKey, toAttempt, toAttemptText, toEvent, toLock, toMerge, toModule, toProcess, toRun, toRunHead, toWorkspace } from "./rows.js";
import type {
  AttemptEnd, AttemptRecord, AttemptText, EventRecord, QuotedSpec, LockRecord, MergeRecord, ModuleRecord, ModuleState, ProcessRecord, RunHead, RunRecord,
  RunState, RunTally, Store, WorkspaceRecord,
} from "./types.js";
import type { RunRow } from "./rows.js";
import { joinSpecTexts, splitPrompt, splitSpecTexts } from "./spec-texts.js";
import { taskTypeOf } from "./task-type.js";
import type { SqliteStoreOptions } from "./connection.js";
import { EVENT, ONE } from "./group-commit.js";
import { SqliteMemories } from "./sqlite-memories.js";

export type { SqliteStoreOptions } from "./connection.js";

type CreateRun = Parameters<Store["createRun"]>[0];
type StartAttempt = Parameters<Store["startAttempt"]>[2];

/** Opens (creating folder, file and schema as needed) the store at `file`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(file, options);
}

const MODULE_STATES: ReadonlySet<string> = new Set<ModuleState>(["pending", "running", "validating", "done", "failed", "blocked"]);

/**
 * The Store in SQLite: runs, their modules, attempts and texts, events, merges, the run lock and
 * agents' processes; memories and todos in SqliteMemories, commits in GroupedStore.
 */
export class SqliteStore extends SqliteMemories implements Store {
  createRun(run: CreateRun): RunRecord {
    const { id, at } = run;
    // The plan is written without its modules' spec texts: a few MB of JSON for 10,000
    // modules, serialised and redacted once. The texts go to spec_texts, a row of a few KB
    // each, only those not stored yet (a 20 MB JSON text, its redaction and SQLite's copies
    // of it made the run's peak memory). The record is the caller's plan unless a secret was
    // redacted; then it is what was stored.
    const { plan: stored, texts } = splitSpecTexts(run.plan);
    const text = JSON.stringify(stored);
    const planJson = clean.json(text);
    const [request, options, taskType] = [clean.text(run.request), clean.json(run.options), clean.optional(taskTypeOf(run.plan)) ?? null];
    let redacted = planJson !== text;
    const verbatim: string[] = [];
    this.write(() => {
      this.s.insertRun.run({ id, request, plan: planJson, options, taskType, at });
      // One statement each for the modules and for the digests stored already, not one per module.
      this.s.insertModules.run({ runId: id, modules: JSON.stringify(run.modules.map((m) => [m.moduleId, m.layer])), at });
      const stored = texts.size ? new Set(this.s.storedSpecTexts.all(JSON.stringify([...texts.keys()])).map((r) => r.digest)) : new Set<string>();
      for (const [digest, specText] of texts) {
        if (stored.has(digest)) continue;
        const cleaned = clean.spec(specText, digest);
        if (cleaned !== specText) redacted = true;
        else verbatim.push(digest);
        this.s.insertSpecText.run(digest, cleaned);
      }
    }, { runId: id });
    for (const digest of verbatim) this.verbatim.add(digest);
    this.knownRuns.add(id);
    this.unstarted = { runId: id, ids: new Set(run.modules.map((m) => m.moduleId)) };
    if (redacted) return this.getRun(id)!;
    return { id, request, plan: run.plan, options, state: "running", createdAt: at, updatedAt: at };
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.s.getRun.get(id);
    return row && this.toRun(row);
  }

  listRuns(limit?: number): RunRecord[] {
    return this.s.listRuns.all(limit ?? -1).map((row) => this.toRun(row));
  }

  listRunHeads(limit?: number): RunHead[] {
    return this.s.listRunHeads.all(limit ?? -1).map(toRunHead);
  }

  runTallies(): Map<string, RunTally> {
    const tallies = new Map<string, RunTally>();
    const of = (runId: string) => {
      let tally = tallies.get(runId);
      if (!tally) tallies.set(runId, (tally = { states: {}, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, starts: 0 }));
      return tally;
    };
    this.writeQueued();
    for (const r of this.s.tallyStates.all()) of(r.run_id).states[r.state] = r.n;
    for (const r of this.s.tallyUsage.all()) {
      const { usage } = of(r.run_id);
      [usage.inputTokens, usage.outputTokens, usage.costUsd] = [usage.inputTokens + r.input_tokens, usage.outputTokens + r.output_tokens, usage.costUsd + r.cost_usd];
    }
    for (const r of this.s.tallyStarts.all()) {
      const tally = of(r.run_id);
      tally.starts++;
      tally.lastStart = toEvent(r);
    }
    for (const r of this.s.tallyNewest.all()) of(r.run_id).newestEventAt = r.at;
    return tallies;
  }

  getRunHead(id: string): RunHead | undefined {
    const row = this.s.getRunHead.get(id);
    return row && toRunHead(row);
  }

  /** The run with its plan whole again: the spec texts createRun kept apart are put back. */
  private toRun(row: RunRow): RunRecord {
    try {
      const run = toRun(row);
      joinSpecTexts(run.plan, (digest) => this.s.getSpecText.get(digest)?.text);
      return run;
    } catch (error) {
      throw new StoreError("STORE_UNREADABLE", `The stored plan of run ${row.id} cannot be read (${(error as Error).message}): its row in ${this.db.name} is damaged`, { runId: row.id }, { cause: error });
    }
  }

  setRunState(id: string, state: RunState, at: number): void {
    // Durable: a run's end records its pending documentation step, which then writes the user's files.
    this.write(() => {
      const endedAt = state === "running" ? null : at;
      if (this.s.setRunState.run(state, at, endedAt, id).changes === 0) throw notFound("run", { runId: id });
    }, { runId: id }, { one: true, durable: true });
  }

  getModules(runId: string): ModuleRecord[] {
    return this.s.getModules.all(runId).map(toModule);
  }

  getModule(runId: string, moduleId: string): ModuleRecord | undefined {
    const row = this.s.getModule.get(runId, moduleId);
    return row && toModule(row);
  }

  setModuleState(runId: string, moduleId: string, state: ModuleState, at: number, reason?: string): void {
    this.write(() => this.moveModule(runId, moduleId, state, at, clean.optional(reason)), { runId, moduleId }, ONE);
  }

  private moveModule(runId: string, moduleId: string, state: ModuleState, at: number, reason?: string): void {
    const changed = this.s.setModuleState.run(state, reason ?? null, at, runId, moduleId).changes;
    if (changed === 0) throw notFound("module", { runId, moduleId });
  }

  startAttempt(runId: string, moduleId: string, attempt: StartAttempt): AttemptRecord {
    const { kind, agent, promptPath, at } = attempt;
    return this.write(() => {
      // The attempt first, then the count: every way to fail comes before the first change (see `one`),
      // preparing the statements too (statements.ts).
      const { getAttemptCount, insertAttempt, startModule } = this.s;
      let n = 0;
      // A module of the run this store created, not started since: its first attempt, numbered without reading the count.
      // Should another writer have started it meanwhile, the attempt's key is taken and the count is read after all.
      if (this.unstarted?.runId === runId && this.unstarted.ids.delete(moduleId)) {
        try {
          insertAttempt.run(runId, moduleId, 1, kind, agent, promptPath, at);
          n = 1;
        } catch (err) {
          if (!(err instanceof Database.SqliteError && err.code === "SQLITE_CONSTRAINT_PRIMARYKEY")) throw err;
        }
      }
      if (n === 0) {
        const module = getAttemptCount.get(runId, moduleId);
        if (!module) throw notFound("module", { runId, moduleId });
        n = module.attempts + 1;
        insertAttempt.run(runId, moduleId, n, kind, agent, promptPath, at);
      }
      startModule.run(n, at, runId, moduleId);
      this.own.started([runId, moduleId, n, kind, agent, "running", promptPath, null, null, "[]", 0, 0, 0, null, at, null, null]);
      return {
        runId, moduleId, n, kind, agent, state: "running", promptPath, filesChanged: [],
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, startedAt: at,
      } satisfies AttemptRecord;
    }, { runId, moduleId }, ONE);
  }

  finishAttempt(runId: string, moduleId: string, n: number, end: AttemptEnd, moduleState: ModuleState, reason?: string): void {
    // The module's state is checked before the attempt changes, not by the CHECK after it (see `one`).
    if (!MODULE_STATES.has(moduleState)) throw new TypeError(`Expected a module state (${[...MODULE_STATES].join(", ")}), got \`${String(moduleState)}\``);
    const summary = clean.optional(end.summary) ?? null;
    const error = clean.optional(end.error) ?? null;
    const why = clean.optional(reason);
    // Gate results are serialised once, and redacted as that text (clean.end would serialise them twice).
    const gates = end.gates ? clean.json(JSON.stringify(end.gates)) : null;
    this.write(() => {
      const usage = end.usage ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      const filesChanged = JSON.stringify(end.filesChanged ?? []);
      const worker = clean.optional(end.worker) ?? null;
      // Prepared before the first change (statements.ts): moveModule's statement runs after it.
      void this.s.setModuleState;
      const changed = this.s.finishAttempt.run(
        end.state, summary, error, filesChanged,
        usage.inputTokens, usage.outputTokens, usage.costUsd, gates, worker, end.endedAt,
        runId, moduleId, n,
      ).changes;
      if (changed === 0) {
        if (!this.s.getAttempt.get(runId, moduleId, n)) throw notFound("attempt", { runId, moduleId, n });
        throw new StoreError("STORE_CONFLICT", `Expected attempt ${n} of module \`${moduleId}\` to be running, found it ended`, { runId, moduleId, n });
      }
      // Cannot fail now: the state is valid, and the attempt's foreign key holds its module.
      this.moveModule(runId, moduleId, moduleState, end.endedAt, why);
      const { inputTokens, outputTokens, costUsd } = usage;
      this.own.finished(runId, moduleId, n, { state: end.state, summary, error, filesChanged, inputTokens, outputTokens, costUsd, gates, worker, endedAt: end.endedAt });
    }, { runId, moduleId }, ONE);
  }

  setAttemptWorker(runId: string, moduleId: string, n: number, worker: string): void {
    const name = clean.optional(worker) ?? null;
    if (name === null) return;
    this.write(() => {
      if (this.s.setAttemptWorker.run(name, runId, moduleId, n).changes > 0) this.own.worker(runId, moduleId, n, name);
    }, { runId, moduleId }, ONE);
  }

  getAttempts(runId: string, moduleId?: string): AttemptRecord[] {
    // What the run wrote itself is not read back (own-attempts.ts).
    if (moduleId !== undefined) return this.own.take(runId, moduleId) ?? this.s.getModuleAttempts.all(runId, moduleId).map(toAttempt);
    // A run's attempts, each row made a record as it is read: at 10,000 modules all the rows held beside
    // their records were 7 MB more at the docs step, the run's peak of memory.
    const attempts: AttemptRecord[] = [];
    for (const row of this.s.getRunAttempts.iterate({ runId })) attempts.push(toAttempt(row));
    return attempts;
  }

  recordAttempt(a: AttemptRecord & { endedAt: number }): void {
    const { usage } = a;
    this.write(() => {
      this.s.insertEndedAttempt.run(
        a.runId, a.moduleId, a.n, a.kind, a.agent, a.state, a.promptPath, clean.optional(a.summary) ?? null, clean.optional(a.error) ?? null,
        usage.inputTokens, usage.outputTokens, usage.costUsd, a.startedAt, a.endedAt,
      );
    }, { runId: a.runId, moduleId: a.moduleId });
  }

  savePlanSubmission(planningId: string, data: unknown, at: number): void {
    const json = encodeData(data);
    this.write(() => this.s.insertSubmission.run(planningId, json, at), { runId: planningId }, ONE);
  }

  getPlanSubmission(planningId: string): unknown {
    const row = this.s.getSubmission.get(planningId);
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  setWorkspace(w: WorkspaceRecord): void {
    this.write(() => this.s.upsertWorkspace.run(w.runId, w.isolation, w.branch ?? null, w.base ?? null, w.note ?? null, w.at), { runId: w.runId }, { one: true, durable: true });
  }

  getWorkspace(runId: string): WorkspaceRecord | undefined {
    const row = this.s.getWorkspace.get(runId);
    return row ? toWorkspace(row) : undefined;
  }

  keepAttemptText(runId: string, moduleId: string, n: number, text: AttemptText, spec?: QuotedSpec): void {
    const prompt = clean.optional(text.prompt) ?? null;
    const output = clean.optional(text.output) ?? null;
    // The attempt is not read first: attempt_texts' foreign key refuses a text for an attempt that does not exist.
    this.write(() => {
      const { s } = this;
      // An output alone (an attempt's end) updates the row its prompt made; an INSERT when there is none.
      if (prompt === null) {
        if (output === null || s.setAttemptOutput.run(output, runId, moduleId, n).changes === 0) s.insertAttemptText.run(runId, moduleId, n, null, null, null, output);
        return;
      }
      // The spec text as stored (redacted as the prompt is), found again in the prompt: kept once, in spec_texts.
      const stored = !spec ? undefined : this.verbatim.has(spec.digest) ? spec.text : s.getSpecText.get(spec.digest)?.text;
      const parts = stored === undefined ? undefined : splitPrompt(prompt, stored);
      const head = parts ? parts.head : prompt;
      const digest = parts ? spec!.digest : null;
      const tail = parts ? parts.tail : null;
      if (s.insertAttemptText.run(runId, moduleId, n, head, digest, tail, output).changes === 0) s.setAttemptPrompt.run(head, digest, tail, output, runId, moduleId, n);
    }, { runId, moduleId, n }, { one: true, parent: "attempt" });
  }

  getAttemptText(runId: string, moduleId: string, n: number): AttemptText {
    return toAttemptText(this.s.getAttemptText.get(runId, moduleId, n));
  }

  keepsSpecText(digest: string): boolean {
    return this.verbatim.has(digest);
  }

  getSpecText(digest: string): string | undefined {
    return this.s.getSpecText.get(digest)?.text;
  }

  recordMerge(m: Parameters<Store["recordMerge"]>[0]): void {
    const payload = encodeData(m.payload);
    // Durable: the branch moves after this, and resume settles a merge from this record.
    this.write(() => this.s.upsertMerge.run(m.runId, m.moduleId, m.n, m.commit, JSON.stringify(m.files), payload, m.at), { runId: m.runId, moduleId: m.moduleId }, { one: true, durable: true });
  }

  finishMerge(runId: string, moduleId: string, n: number, state: "merged" | "failed", mergeCommit?: string): void {
    this.write(() => {
      if (this.s.finishMerge.run(state, mergeCommit ?? null, runId, moduleId, n).changes === 0) throw notFound("merge", { runId, moduleId });
    }, { runId, moduleId }, ONE);
  }

  getMerges(runId: string): MergeRecord[] {
    return this.s.getMerges.all(runId).map(toMerge);
  }

  appendEvent(runId: string, type: string, data: unknown, at: number, moduleId?: string): void {
    const json = encodeData(data);
    // Outside a store call (most of a run's events) the row is written now, as the queue would write it when
    // this write ends: no queue entry to make and let go. A foreign key's refusal says the run is missing.
    if (!this.group || this.depth === 0) {
      this.write(() => this.s.insertEvent.run(runId, at, type, moduleId ?? null, json), { runId }, ONE);
      return;
    }
    if (this.queueInCall(runId, at, type, moduleId ?? null, json)) return;
    this.write(() => {
      // The foreign key's check, made now: the row is written at the commit.
      if (!this.knownRuns.has(runId)) {
        if (!this.s.runExists.get(runId)) throw notFound("run", { runId });
        this.knownRuns.add(runId);
      }
      this.queued.push([runId, at, type, moduleId ?? null, json]);
    }, { runId }, EVENT);
  }

  getEvents(runId: string, afterId?: number, type?: string, withKey?: string): EventRecord[] {
    this.writeQueued();
    if (withKey !== undefined) {
      // JSON writes a key as `"key":`; inside a string its quotes are escaped, so a row without that text has no such key.
      const rows = this.s.getEventsWithText.all({ runId, afterId: afterId ?? 0, type: type ?? null, text: `${JSON.stringify(withKey)}:` });
      return rows.map(toEvent).filter((e) => hasOwnKey(e.data, withKey));
    }
    const rows = type === undefined ? this.s.getEvents.all(runId, afterId ?? 0) : this.s.getEventsOfType.all(runId, afterId ?? 0, type);
    return rows.map(toEvent);
  }

  latestEventId(runId: string): number {
    this.writeQueued();
    return this.s.latestEventId.get(runId)!.id;
  }

  takeLock(owner: LockRecord, isLive: (holder: LockRecord) => boolean): LockRecord | undefined {
    // IMMEDIATE holds the write lock from the read to the commit: no other process reads
    // the row in between, so the check and the take are one step.
    return this.write(() => {
      const row = this.s.getLock.get();
      const holder = row && toLock(row);
      if (holder && isLive(holder)) return holder;
      this.s.setLock.run(owner.pid, owner.startTime, owner.runId, owner.since);
      return undefined;
    }, {}, { one: true, durable: true });
  }

  releaseLock(owner: Pick<LockRecord, "pid" | "startTime">): boolean {
    return this.write(() => this.s.deleteLock.run(owner.pid, owner.startTime).changes > 0, {}, { one: true, durable: true });
  }

  getLock(): LockRecord | undefined {
    const row = this.s.getLock.get();
    return row && toLock(row);
  }

  recordProcess(p: ProcessRecord): void {
    const { runId, moduleId, n } = p;
    this.write(() => {
      if (!this.s.getAttempt.get(runId, moduleId, n)) throw notFound("attempt", { runId, moduleId, n });
      this.s.upsertProcess.run(runId, moduleId, n, p.pid, p.startTime, p.recordedAt);
    }, { runId, moduleId, n }, { one: true, durable: true });
  }

  getProcesses(runId?: string): ProcessRecord[] {
    const rows = runId === undefined ? this.s.getProcesses.all() : this.s.getRunProcesses.all(runId);
    return rows.map(toProcess);
  }

  forgetProcess(p: Pick<ProcessRecord, "runId" | "moduleId" | "n" | "pid">): boolean {
    return this.write(() => this.s.deleteProcess.run(p.runId, p.moduleId, p.n, p.pid).changes > 0, {}, ONE);
  }

  close(): void {
    try {
      if (this.db.open) this.flush();
    } finally {
      this.db.close();
    }
  }
}
