import type { Job, Queue, QueueEvents } from "bullmq";
import type { Usage } from "../agents/types.js";
import type { AttemptRecord } from "../store/types.js";
import type { Config } from "../config/schema.js";
import type { DiscoveredCheck } from "../validate/discover.js";
import type { AttemptExecutor, ExecutorIo, RemoteAttempt, RemoteOutcome } from "../run/executor.js";
import { NO_USAGE } from "../agents/types.js";
import { failure, type AttemptFailure } from "../run/failure.js";
import { attemptBranch, integrationBranch } from "../workspace/index.js";
import { connectionFor, MAX_LOSSES, QUEUE_NAME, shownUrl } from "./connection.js";
import { QueueError } from "./errors.js";
import { Cancellations, CANCEL_POLL_MS } from "./cancel.js";
import { reachRedis } from "./reach.js";
import { CoordinatorGit } from "./git.js";
import { attemptJobId, buildOf, jobConfig, parseJobResult, type AttemptJobData, type AttemptProgress } from "./job.js";

export interface QueueExecutorOptions {
  /** Redis, as `redis://[:password@]HOST:PORT[/db]` or `rediss://` for TLS. */
  url: string;
  /** A git URL the coordinator and every worker can reach (`queue.remote`). */
  remote: string;
  /** The project (in its git repository). */
  root: string;
  /** `workspace.setup`, run by workers in each new worktree. */
  setup?: { command: string; timeoutMs: number };
  /** The run's config (the project's, as the coordinator read it): workers take the agent's options, gates and sandbox from it. @default {} */
  config?: Config;
  /** The discovered checks of a module's gate as the run validates it (kept since it started): workers run these, not what their worktree shows. @default each worker discovers them */
  moduleGates?: (moduleId: string) => DiscoveredCheck[];
  /** How often a followed job's state is read besides Redis's events, which a restarted Redis loses, in ms. @default 500 */
  pollMs?: number;
  /** How long the first connection to Redis may take before the run is told it cannot reach it, in ms. @default 10000 */
  connectTimeoutMs?: number;
}

/** How long closing waits for Redis to say goodbye; a Redis that is gone never does. */
const CLOSE_MS = 2000;

/** How long ended jobs are kept, in seconds. */
const KEEP_S = 7 * 24 * 3600;

interface Connected {
  queue: Queue;
  events: QueueEvents;
  cancels: Cancellations;
}

/** How long a stopped run waits for a worker to confirm it stopped a cancelled job's attempt, in ms. */
const CONFIRM_MS = 3000;

/** One attempt being followed: woken by Redis's events, fed its job's progress. */
interface Watch {
  wake: () => void;
  progress: (progress: AttemptProgress) => void;
}

/**
 * The coordinator's side of a queued run: each attempt becomes a BullMQ job, its base pushed
 * to the queue's git remote first; the job is followed to its end (its progress relayed as the
 * agent's events) and a passing attempt's branch is fetched for the engine to merge. Jobs are
 * named by run, module and attempt, so a resumed coordinator finds the ones it dispatched.
 */
export class QueueExecutor implements AttemptExecutor {
  private connection: Promise<Connected> | undefined;
  private readonly git: CoordinatorGit;
  private readonly watches = new Map<string, Set<Watch>>();
  private prefix: Promise<string> | undefined;
  /** This build, stamped on each job: a worker of another build refuses it. */
  private build: Promise<string> | undefined;

  constructor(private readonly options: QueueExecutorOptions) {
    this.git = new CoordinatorGit(options.root, options.remote);
  }

  async run(attempt: RemoteAttempt, io: ExecutorIo): Promise<RemoteOutcome> {
    const connected = await this.connect();
    const { queue } = connected;
    const notes: string[] = [];
    const earlier = await this.earlierJob(connected, attempt, io.earlier);
    if (earlier) notes.push(followedNote(earlier.id, earlier.record));
    const jobId = earlier?.id ?? (await this.dispatch(queue, attempt, io));
    return this.follow(connected, jobId, attempt, io, notes);
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    const { queue, events, cancels } = await connection.catch(() => ({ queue: undefined, events: undefined, cancels: undefined }));
    cancels?.close();
    // BullMQ's close waits for the connection's "end", which ioredis never emits for a connection
    // reconnecting to a Redis that is gone: the run's end would never come (Node exits 13, its last lines unprinted).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([queue?.close(), events?.close()]), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_MS)))]);
    clearTimeout(timer);
  }

  /**
   * The job of an attempt cut off just before this one (the coordinator killed, the worker
   * lost) that is still queued, running or done: its work is followed rather than done again.
   */
  private async earlierJob({ queue, cancels }: Connected, attempt: RemoteAttempt, earlier: readonly AttemptRecord[]): Promise<{ id: string; record: AttemptRecord } | undefined> {
    for (const record of [...earlier].sort((a, b) => b.n - a.n)) {
      if (record.state !== "cancelled") return undefined;
      const id = attemptJobId(attempt.runId, attempt.module.id, record.n);
      const job = await queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      // A job that ended cancelled on its worker (the worker was stopped) has nothing to follow: the attempt is dispatched anew.
      if (state === "failed" || (state === "completed" && (job.returnvalue as { cancelled?: boolean } | null)?.cancelled)) continue;
      // Lost too often: the next worker to take it fails it at once.
      if (job.stalledCounter > MAX_LOSSES) continue;
      // Cancelled when the run was stopped: its worker stops it (or did), and it pushes nothing.
      if (await cancels.marked(id)) continue;
      return { id, record };
    }
    return undefined;
  }

  /** The integration head pushed to the remote, then the attempt's job added (adding an existing id adds nothing). */
  private async dispatch(queue: Queue, attempt: RemoteAttempt, io: ExecutorIo): Promise<string> {
    const { runId, module, n } = attempt;
    const base = await io.head();
    const branch = integrationBranch(runId);
    await this.git.push(base, branch);
    this.prefix ??= this.git.prefix();
    this.build ??= buildOf();
    const data: AttemptJobData = { v: 1, build: await this.build, attempt, remote: this.options.remote, branch, base, attemptBranch: attemptBranch(runId, module.id, n), prefix: await this.prefix, ...(this.options.setup ? { setup: this.options.setup } : {}), config: jobConfig(this.options.config ?? {}), ...(this.options.moduleGates ? { gates: this.options.moduleGates(module.id) } : {}) };
    const id = attemptJobId(runId, module.id, n);
    // One delivery: a failed attempt is retried by the engine, with the failure in its prompt; a stalled one BullMQ re-queues itself.
    // Ended jobs stay a week: long enough for `resume` to find them, not forever in Redis's memory.
    await queue.add("attempt", data, { jobId: id, attempts: 1, removeOnComplete: { age: KEEP_S }, removeOnFail: { age: KEEP_S } });
    return id;
  }

  /** Follows a job to its end: its progress relayed, a worker lost or the job gone from Redis noticed. */
  private async follow(connected: Connected, jobId: string, attempt: RemoteAttempt, io: ExecutorIo, notes: string[]): Promise<RemoteOutcome> {
    const { queue } = connected;
    const started = Date.now();
    let usage: Usage = { ...NO_USAGE };
    let wake = () => {};
    const watch: Watch = {
      wake: () => wake(),
      progress: (p) => {
        for (const event of p.events) {
          if (event.type === "usage") usage = event.usage;
          io.agent(event);
        }
        if (p.validating) io.validating();
      },
    };
    const onAbort = () => wake();
    io.signal.addEventListener("abort", onAbort, { once: true });
    let id = jobId;
    let stalled: number | undefined;
    // Who runs the job, seen while it is active: after a loss the job may already be another worker's.
    let holder: Holder | undefined;
    this.watch(id, watch);
    // The worker that ran it, as far as the job says: the one holding it when it was last seen active.
    const end = (ok: boolean, cancelled: boolean, why?: AttemptFailure, summary = ""): RemoteOutcome => ({ ok, cancelled, ...(why ? { failure: why } : {}), summary, filesChanged: [], filesSource: "own", usage, promptPath: "", durationMs: Date.now() - started, cwd: this.options.root, notes, ...(holder ? { worker: holder.name } : {}) });
    try {
      for (;;) {
        const woken = new Promise<void>((resolve) => (wake = resolve));
        if (io.signal.aborted) {
          const { what, work } = await this.cancel(connected, id, holder);
          notes.push(what);
          return { ...end(false, true, undefined, what), ...work };
        }
        // The state first: a job read before it completes has no return value yet, and BullMQ sets both in one step.
        const state = await queue.getJobState(id);
        const job = state === "unknown" ? undefined : await queue.getJob(id);
        if (!job) {
          // Redis lost it (restarted without persistence): the attempt is dispatched again, under its own id.
          this.unwatch(id, watch);
          id = await this.dispatch(queue, attempt, io);
          this.watch(id, watch);
          stalled = undefined;
          notes.push(`job ${jobId} was gone from Redis; dispatched again as ${id}`);
          continue;
        }
        stalled ??= job.stalledCounter;
        if (job.stalledCounter > stalled) {
          // Re-queued: the next attempt follows the same job, no retry spent. Lost too often, BullMQ gives up on it: a job lost
          // more than MAX_LOSSES times goes back to the queue marked to fail (BullMQ 5.x+ `defa`), so its state says nothing yet.
          const gaveUp = state === "failed" || job.stalledCounter > MAX_LOSSES;
          const lost = failure("WORKER_LOST", lostLine(id, holder, job.stalledCounter, gaveUp));
          return gaveUp ? end(false, false, lost) : end(false, true, lost);
        }
        // Said when first seen (again when another worker took it after a loss); a job that ended between two looks was taken too.
        const taker = job.processedBy;
        const unseen = state === "active" ? holder?.name !== taker : holder === undefined && (state === "completed" || state === "failed");
        if (taker && unseen) io.taken?.(taker);
        if (state === "active" && job.processedBy) holder = { name: job.processedBy, since: job.processedOn };
        if (state === "completed") return await this.completed(job, end);
        if (state === "failed") return { ...end(false, false, failedJob(job)), ...(job.processedBy ? { worker: job.processedBy } : {}) };
        await Promise.race([woken, new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 500).unref())]);
      }
    } finally {
      io.signal.removeEventListener("abort", onAbort);
      this.unwatch(id, watch);
    }
  }

  /** The job of an attempt the run stopped (`stop`): what became of it, and the work its worker sent back when stopped in its gate. */
  private async cancel(connected: Connected, id: string, holder: Holder | undefined): Promise<{ what: string; work?: Partial<RemoteOutcome> }> {
    const what = await this.stop(connected, id, holder);
    const work = await stoppedInGate(connected.queue, id);
    return { what, ...(work ? { work } : {}) };
  }

  /**
   * The job of an attempt the run stopped (Ctrl-C past its grace, a budget that cancels): removed
   * while still queued, else marked cancelled for its worker, which stops the attempt and pushes
   * nothing. Returns what became of it, truthfully: stopped, told and not yet confirmed, or ended before.
   */
  private async stop({ queue, cancels }: Connected, id: string, holder: Holder | undefined): Promise<string> {
    let who = holder ? `worker ${holder.name}` : "its worker";
    try {
      const state = await queue.getJobState(id);
      // Taken by a worker between two looks of the follower: the job names it.
      const taker = holder ? undefined : (await queue.getJob(id))?.processedBy;
      if (taker) who = `worker ${taker}`;
      if (state === "unknown") return `job ${id} is gone from Redis: nothing runs it`;
      const ended = await endedAs(queue, id);
      if (ended) return `job ${id} had ${ended} on ${who} before the run was stopped; \`resume\` goes on from it`;
      if (state !== "active" && (await (await queue.getJob(id))?.remove().then(() => true, () => false))) return `job ${id} was still queued: removed, no worker runs it`;
      await cancels.mark(id, "the run was stopped");
      for (const until = Date.now() + CONFIRM_MS; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const now = await endedAs(queue, id);
        if (now === "stopped") return `job ${id}: ${who} stopped its attempt, which pushes nothing`;
        if (now) return `job ${id} had ${now} on ${who} before it heard of the stop; \`resume\` goes on from it`;
      }
      return `job ${id}: ${who} was told to stop its attempt (workers look every ${CANCEL_POLL_MS / 1000} s), which pushes nothing; it had not confirmed within ${CONFIRM_MS / 1000} s`;
    } catch (error) {
      return `job ${id} could not be cancelled (${(error as Error).message}): it goes on on its worker, and \`resume\` re-attaches to it`;
    }
  }

  /** A completed job's result, its branch fetched when it passed with a commit. */
  private async completed(job: Job, end: (ok: boolean, cancelled: boolean, why?: AttemptFailure, summary?: string) => RemoteOutcome): Promise<RemoteOutcome> {
    const result = parseJobResult(job.returnvalue);
    if (typeof result === "string") return end(false, false, failure("AGENT_THREW", result));
    const data = job.data as AttemptJobData;
    const base = end(result.ok, result.cancelled, result.failure, result.summary);
    const outcome: RemoteOutcome = { ...base, worker: result.worker, usage: result.usage, filesChanged: result.filesChanged, filesSource: result.filesSource, durationMs: result.durationMs, ...(result.gate ? { gate: result.gate } : {}), ...(result.prompt !== undefined ? { prompt: result.prompt } : {}), ...(result.output !== undefined ? { output: result.output } : {}), ...(result.diff ? { diff: result.diff } : {}) };
    if (!result.ok || !result.commit) return outcome;
    const fetched = await this.git.fetch(data.attemptBranch);
    if (fetched !== result.commit) return { ...outcome, ok: false, failure: failure("WORKSPACE_FAILED", `the remote's ${data.attemptBranch} is at ${fetched.slice(0, 12)}, not at the attempt's commit ${result.commit.slice(0, 12)}`) };
    return { ...outcome, commit: fetched, files: result.files ?? result.filesChanged };
  }

  private watch(id: string, watch: Watch): void {
    const set = this.watches.get(id) ?? new Set();
    set.add(watch);
    this.watches.set(id, set);
  }

  private unwatch(id: string, watch: Watch): void {
    const set = this.watches.get(id);
    set?.delete(watch);
    if (set?.size === 0) this.watches.delete(id);
  }

  private connect(): Promise<Connected> {
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<Connected> {
    const limit = this.options.connectTimeoutMs ?? 10_000;
    // Hashed while Redis is asked: the first dispatch needs it.
    this.build ??= buildOf();
    await reachRedis(this.options.url, limit);
    const { Queue, QueueEvents } = await import("bullmq");
    const connection = connectionFor(this.options.url);
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    const cancels = await Cancellations.open(this.options.url);
    // ioredis reconnects by itself (a restarted Redis); without a listener it would print every failed try.
    queue.on("error", () => undefined);
    events.on("error", () => undefined);
    events.on("progress", ({ jobId, data }) => {
      if (typeof data === "object" && data !== null && Array.isArray((data as AttemptProgress).events)) for (const w of this.watches.get(jobId) ?? []) w.progress(data as AttemptProgress);
    });
    // `active`: a worker took the job, which the run says at once (ExecutorIo.taken).
    for (const name of ["active", "completed", "failed", "stalled", "removed"] as const) events.on(name, ({ jobId }: { jobId: string }) => this.watches.get(jobId)?.forEach((w) => w.wake()));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new QueueError(`Redis at ${shownUrl(this.options.url)} did not answer within ${limit} ms (is it running, and is the URL right?)`)), limit)));
    try {
      await Promise.race([Promise.all([queue.waitUntilReady(), events.waitUntilReady()]), late]);
    } catch (error) {
      await Promise.allSettled([queue.close(), events.close()]);
      cancels.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return { queue, events, cancels };
  }
}

/**
 * What a job its worker stopped during the module gate sent back: the agent's summary and files,
 * the cancelled gate and the work as the gate found it (its patch), kept with the attempt's record
 * so that `resume` runs the gate alone on it (src/run/regate.ts), as a local run's. Nothing for a
 * job stopped before its gate: its agent runs again.
 */
async function stoppedInGate(queue: Queue, id: string): Promise<Partial<RemoteOutcome> | undefined> {
  const result = parseJobResult((await queue.getJob(id).catch(() => undefined))?.returnvalue);
  if (typeof result === "string" || !result.cancelled || (result.gate as { cancelled?: boolean } | undefined)?.cancelled !== true || typeof result.diff !== "string") return undefined;
  const { summary, filesChanged, usage, gate, diff, worker } = result;
  return { summary, filesChanged, usage, gate, diff, worker, ...(result.prompt !== undefined ? { prompt: result.prompt } : {}), ...(result.output !== undefined ? { output: result.output } : {}) };
}

/** How a job ended: `stopped` (cancelled on its worker), `finished`, `failed`; undefined while it is not over. */
async function endedAs(queue: Queue, id: string): Promise<"stopped" | "finished" | "failed" | undefined> {
  const state = await queue.getJobState(id);
  if (state === "failed") return "failed";
  // Removed: a worker's cancelled job is kept, so only Redis losing it does this.
  if (state === "unknown") return "stopped";
  if (state !== "completed") return undefined;
  return (await queue.getJob(id))?.returnvalue?.cancelled ? "stopped" : "finished";
}

/** The worker that ran a job: its name (`host:pid`) and when it took the job (epoch ms). */
interface Holder {
  name: string;
  since: number | undefined;
}

/** How a lost worker's attempt's error starts (the attempt record keeps no failure code). */
const LOST = "lost: ";

/**
 * What following an earlier attempt's job is, in the attempt's line: the job BullMQ re-queued
 * when that attempt's worker was lost (in a run never interrupted), or the job of an attempt
 * the run's stop or a killed coordinator cut off (a resumed run).
 */
export function followedNote(jobId: string, earlier: Pick<AttemptRecord, "n" | "error" | "worker">): string {
  if (earlier.error?.startsWith(LOST)) return `following job ${jobId}, which BullMQ re-queued when attempt ${earlier.n}'s worker${earlier.worker ? ` ${earlier.worker}` : ""} was lost: no new job, whichever worker takes it runs it`;
  return `re-attached to job ${jobId}, which attempt ${earlier.n} dispatched before the run was cut off`;
}

/** A lost worker, said whole: which one, since when it ran the job, and what becomes of the job. */
function lostLine(jobId: string, holder: Holder | undefined, losses: number, failed: boolean): string {
  const who = holder ? `worker ${holder.name}${holder.since ? ` (running it since ${clock(holder.since)})` : ""}` : "the worker running it";
  const next = failed
    ? `BullMQ gives up on a job lost ${losses} times (more than ${MAX_LOSSES}): this attempt fails and the module's retries apply`
    : `BullMQ re-queued it (lost ${losses} time${losses === 1 ? "" : "s"} so far; a job lost ${MAX_LOSSES + 1} times fails) and the next attempt follows it on whichever worker takes it`;
  return `${LOST}${who} stopped renewing job ${jobId}'s lock (killed, or cut off from Redis); ${next}`;
}

/** `12:31:05 UTC`: a time of day the coordinator's and the workers' logs share. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** Why BullMQ failed a job: the worker's own non-retryable failure, a worker lost too often, or a throw. */
function failedJob(job: Job): AttemptFailure {
  const reason = job.failedReason ?? "the job failed without a reason";
  const coded = /^(WORKSPACE_FAILED|AGENT_FATAL): ([\s\S]*)$/.exec(reason);
  if (coded) return failure(coded[1] as "WORKSPACE_FAILED" | "AGENT_FATAL", coded[2]!);
  if (/stalled/i.test(reason)) return failure("WORKER_LOST", `lost: the workers running job ${job.id} were lost ${job.stalledCounter} times (killed, or cut off from Redis); BullMQ gave up on it (${reason}) and the module's retries apply`);
  return failure("AGENT_THREW", `the worker failed job ${job.id}: ${reason}`);
}
