import type { Store } from "../store/types.js";
import { keptQueueOf, resumeQueue } from "../config/queue-kept.js";
import { connectionFor, QUEUE_NAME, shownUrl } from "./connection.js";
import { Cancellations, CANCEL_POLL_MS } from "./cancel.js";
import { QueueError } from "./errors.js";
import { attemptJobId } from "./job.js";
import { reachRedis } from "./reach.js";

/** A job of a queued run's attempt: its id, module and attempt number. */
export interface CutJob {
  id: string;
  moduleId: string;
  n: number;
}

/** What became of a run's jobs on its queue. */
export interface Withdrawal {
  /** Still queued: removed before any worker took them. */
  removed: CutJob[];
  /** Held by a worker that stopped its attempt (which pushes nothing), or (`gone`) whose lock lapsed: the worker is gone. */
  stopped: (CutJob & { worker?: string; gone?: true })[];
  /** Held by a live worker (its lock renewed) that had not stopped when the wait ended. */
  held: (CutJob & { worker?: string })[];
}

export interface WithdrawOptions {
  /** How long Redis may take to answer at all, in ms. @default 3000 */
  reachMs?: number;
  /** How long a worker holding a job may take to stop its attempt, in ms (workers look every second). @default 15000 */
  stopMs?: number;
}

/**
 * The jobs a queued run may still have on its queue: of each module, the attempts a killed or
 * stopped coordinator left open or cancelled, newest first until another state (those a queued
 * `resume` would re-attach to: `earlierJob` in executor.ts).
 */
export function cutJobs(store: Store, runId: string): CutJob[] {
  const byModule = new Map<string, { n: number; state: string }[]>();
  for (const a of store.getAttempts(runId)) byModule.set(a.moduleId, [...(byModule.get(a.moduleId) ?? []), a]);
  const jobs: CutJob[] = [];
  for (const [moduleId, attempts] of byModule) {
    for (const a of attempts.sort((x, y) => y.n - x.n)) {
      if (a.state !== "running" && a.state !== "cancelled") break;
      jobs.push({ id: attemptJobId(runId, moduleId, a.n), moduleId, n: a.n });
    }
  }
  return jobs;
}

/**
 * Takes `jobs` back from the queue at `url`: each is marked cancelled (no worker runs it later,
 * no queued `resume` re-attaches to it), a queued one removed, a held one waited for until its
 * worker stops the attempt or its lock lapses (the worker is gone; whoever takes it next stops).
 * @throws QueueError when Redis does not answer within `reachMs` (its cause: the short reason)
 */
export async function withdrawJobs(url: string, jobs: readonly CutJob[], options: WithdrawOptions = {}): Promise<Withdrawal> {
  await reachRedis(url, options.reachMs ?? 3000);
  const { Queue } = await import("bullmq");
  const queue = new Queue(QUEUE_NAME, { connection: connectionFor(url) });
  queue.on("error", () => undefined);
  const cancels = await Cancellations.open(url);
  const done: Withdrawal = { removed: [], stopped: [], held: [] };
  try {
    const watched: (CutJob & { worker?: string })[] = [];
    for (const job of jobs) {
      const state = await queue.getJobState(job.id);
      if (state === "unknown") continue;
      await cancels.mark(job.id, "its run goes on in its coordinator's own process: resume --no-queue");
      if (state === "completed" || state === "failed") continue;
      const found = await queue.getJob(job.id);
      // Taken by a worker between the two looks: held, and waited for.
      if (state !== "active" && (await found?.remove().then(() => true, () => false))) done.removed.push(job);
      else watched.push({ ...job, ...(found?.processedBy ? { worker: found.processedBy } : {}) });
    }
    const client = await queue.backend.client;
    const until = Date.now() + (options.stopMs ?? 15_000);
    while (watched.length > 0) {
      for (const job of [...watched]) {
        const active = (await queue.getJobState(job.id)) === "active";
        const locked = active && (await client.get(queue.toKey(`${job.id}:lock`))) !== null;
        if (locked) continue;
        // Its worker may have ended the job between the two looks (the lock goes with the move out of
        // active): gone only when the job is still active without its lock.
        const gone = active && (await queue.getJobState(job.id)) === "active";
        watched.splice(watched.indexOf(job), 1);
        done.stopped.push({ ...job, ...(gone ? { gone: true as const } : {}) });
      }
      if (watched.length === 0 || Date.now() >= until) break;
      await new Promise((resolve) => setTimeout(resolve, CANCEL_POLL_MS / 4));
    }
    done.held.push(...watched);
    return done;
  } finally {
    cancels.close();
    // A Redis that went away meanwhile never says goodbye: not waited for past a moment.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([queue.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
  }
}

/** What `resume --no-queue` says of the run's queue: what it withdrew, or a warning of what it could not ask. */
export interface LocalResume {
  line?: string;
  warning?: string;
}

/**
 * Before a queued run goes on in this process (`resume --no-queue`): its jobs left on its recorded
 * queue are withdrawn, so that no worker runs a module while this process runs it too. A Redis that
 * does not answer (or whose password is not kept) cannot be asked: the warning names the modules
 * whose jobs workers may still hold. Such a worker pushes nothing while Redis is gone (it asks Redis
 * before it pushes), and only this process merges.
 * @param recorded the run's options as its record keeps them (JSON)
 * @param configQueue the config's queue, whose URL may give a recorded one's password
 * @throws QueueError when a live worker still holds a job `stopMs` after it was told to stop it
 */
export async function withdrawForLocal(store: Store, runId: string, recorded: string, configQueue: { url?: string } | undefined, options: WithdrawOptions = {}): Promise<LocalResume> {
  const kept = keptQueueOf(recorded);
  const jobs = kept ? cutJobs(store, runId) : [];
  if (!kept || jobs.length === 0) return {};
  const answer = resumeQueue(recorded, {}, configQueue, runId);
  const url = "advice" in answer ? undefined : answer.queue?.url;
  let why = "could not be asked: its password is not kept in .orchestrate/state.db (`queue.url` in orchestrate.config.yaml gives it)";
  let done: Withdrawal | undefined;
  if (url) {
    try {
      done = await withdrawJobs(url, jobs, options);
    } catch (error) {
      if (!(error instanceof QueueError)) throw error;
      why = `does not answer (${error.cause instanceof Error ? error.cause.message : error.message})`;
    }
  }
  if (!done) {
    const modules = [...new Set(jobs.map((j) => j.moduleId))];
    const shown = modules.length > 5 ? `${modules.slice(0, 5).join(", ")} and ${modules.length - 5} more` : modules.join(", ");
    return { warning: `run ${runId}'s queue ${shownUrl(kept.url)} ${why}: workers may still hold the jobs of ${shown}; cut off from Redis a worker pushes nothing, and this process runs those modules itself` };
  }
  const [held] = done.held;
  if (held) {
    const more = done.held.length > 1 ? ` (and ${done.held.length - 1} more)` : "";
    throw new QueueError(`Run ${runId}'s job ${held.id} (module ${held.moduleId}) is still held by ${held.worker ? `worker ${held.worker}` : "a live worker"}${more}, which had not stopped it ${Math.round((options.stopMs ?? 15_000) / 1000)} s after being told to; it will push nothing: resume with --no-queue again once it has stopped, or stop that worker`);
  }
  const parts = [...done.removed.map((j) => `${j.moduleId} (still queued: removed)`), ...done.stopped.map((j) => `${j.moduleId} (${j.worker ? `worker ${j.worker}` : "its worker"} ${j.gone ? "is gone" : "stopped it"})`)];
  return parts.length ? { line: `queue: withdrew run ${runId}'s jobs from ${shownUrl(url!)}: ${parts.join(", ")}; the run goes on in this process` } : {};
}
