import type { Job, Worker } from "bullmq";
import type { AgentEvent } from "../agents/types.js";
import type { AttemptText } from "../store/types.js";
import { rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { buildContext } from "../prompt/context.js";
import { runAttempt, type EarlierWork } from "../run/attempt.js";
import { carriedNote } from "../run/carry.js";
import { parseConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { ProjectPaths } from "../run/paths.js";
import { connectionFor, MAX_LOSSES, QUEUE_NAME, shownUrl } from "./connection.js";
import { reachRedis } from "./reach.js";
import { WorkerRepo } from "./git.js";
import { Lease } from "./lease.js";
import { buildOf, otherBuild, parseJobData, type AttemptJobData, type AttemptJobResult, type AttemptProgress } from "./job.js";
import { prepareFromProject, type Prepare, type Prepared } from "./prepare.js";
import { Cancellations, CANCEL_POLL_MS } from "./cancel.js";

/** This worker as jobs and results name it: `host:pid`. */
const WORKER_NAME = `${hostname()}:${process.pid}`;

export interface WorkerOptions {
  /** Redis, as `redis://[:password@]HOST:PORT[/db]` or `rediss://` for TLS. */
  url: string;
  /** Attempts at once. @default 1 */
  concurrency?: number;
  /** The agent to run instead of the one each run names. */
  agent?: string;
  /** Where the worker keeps its copies of remotes and its worktrees. */
  home: string;
  /** Keep `home` at close (a folder the user named, reused as a cache). @default false */
  keepHome?: boolean;
  /**
   * How long a job's lock lasts without renewal, and how often stalled jobs are looked for, in ms:
   * a killed worker's job is re-queued within about twice this. @default 30000
   */
  stallMs?: number;
  /** How often the agent's events go back to the coordinator, in ms. @default 200 */
  progressMs?: number;
  /** How long Redis may take to answer at start before the worker gives up, in ms. @default 10000 */
  connectTimeoutMs?: number;
  /** One line per job started and ended, and connection trouble. */
  log?: (line: string) => void;
  prepare?: Prepare;
}

/** A running worker. */
export interface QueueWorker {
  /** This worker's orchestrate, `<version> (build <stamp>)`: it takes only jobs stamped with it. */
  build: string;
  /** `host:pid`: what the coordinator records with each attempt this worker runs, and names in its messages. */
  name: string;
  /** Waits for the jobs in hand, then disconnects; `cancel` cancels their agents first (their attempts are dispatched anew). */
  close(options?: { cancel?: boolean }): Promise<void>;
}

/**
 * Takes attempt jobs from the queue: fetches the attempt's base from the queue's git remote,
 * runs the agent and the module gate in a worktree of it, commits, pushes the attempt's branch
 * and returns the outcome. A remote it cannot reach fails the job for good (no other try can
 * do better from here); an agent's failure is a result, for the coordinator to retry.
 */
export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  // A Redis that is not there at start is a wrong URL or a stopped server: said in one line, not waited for.
  const [build] = await Promise.all([buildOf(), reachRedis(options.url, options.connectTimeoutMs ?? 10_000)]);
  const { Worker } = await import("bullmq");
  const log = options.log ?? (() => undefined);
  const repos = new Map<string, WorkerRepo>();
  const repoFor = (remote: string) => repos.get(remote) ?? repos.set(remote, new WorkerRepo(options.home, remote)).get(remote)!;
  const stallMs = options.stallMs ?? 30_000;
  // Stopping a worker lets the attempts in hand finish unless told to cancel them: a cancelled attempt is done again elsewhere.
  const aborts = new AbortController();
  // The attempts in hand by job id, and the jobs whose lock this worker lost (BullMQ's own complaints about them are said once, here).
  const held = new Map<string, Lease>();
  const lost = new Set<string>();
  // The attempts in hand that their coordinator may cancel, by job id; asked of Redis every second while there are some.
  const cancels = await Cancellations.open(options.url);
  const stops = new Map<string, AbortController>();
  const poll = setInterval(() => void stopCancelled(cancels, stops, log), CANCEL_POLL_MS);
  poll.unref();
  const deps: JobDeps = { ...options, repoFor, log, signal: aborts.signal, held, lost, lockMs: stallMs, build, cancels, stops };
  const worker: Worker = new Worker(QUEUE_NAME, (job: Job, token?: string) => attempt(job, token ?? "", deps), {
    connection: connectionFor(options.url),
    // Kept on each job it takes (`processedBy`): a coordinator that loses this worker names it.
    name: WORKER_NAME,
    concurrency: options.concurrency ?? 1,
    lockDuration: stallMs,
    stalledInterval: stallMs,
    // A job is re-queued after each lost worker, up to this many times; then it fails and the coordinator's retries take over.
    maxStalledCount: MAX_LOSSES,
    autorun: true,
  });
  let lastError = "";
  worker.on("error", (error) => {
    if (lostJob(error.message, lost)) return;
    // ioredis reconnects by itself; one line per new trouble, not one per retry.
    if (error.message !== lastError) log(`queue ${shownUrl(options.url)}: ${(lastError = error.message)}`);
  });
  // BullMQ's renewal may notice first: the attempt stops then too.
  worker.on("lockRenewalFailed", (ids) => ids.forEach((id) => held.get(id)?.lose("Redis no longer holds this worker's lock on it")));
  worker.on("ready", () => (lastError = ""));
  worker.on("failed", (job, error) => log(`job ${job?.id ?? "?"} failed: ${error.message}`));
  await worker.waitUntilReady().catch((error: unknown) => {
    // Its own connection would keep the process alive, reconnecting.
    clearInterval(poll);
    cancels.close();
    throw error;
  });
  return {
    build,
    name: WORKER_NAME,
    async close(how = {}) {
      if (how.cancel) aborts.abort(new Error("the worker was stopped"));
      await worker.close();
      clearInterval(poll);
      cancels.close();
      if (!options.keepHome) await rm(options.home, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

interface JobDeps extends WorkerOptions {
  repoFor: (remote: string) => WorkerRepo;
  log: (line: string) => void;
  signal: AbortSignal;
  held: Map<string, Lease>;
  lost: Set<string>;
  lockMs: number;
  build: string;
  cancels: Cancellations;
  /** Each attempt's stop, for its coordinator's cancellation. */
  stops: Map<string, AbortController>;
}

/** Stops the attempts whose jobs their coordinator cancelled (the run was stopped): they end cancelled and push nothing. */
async function stopCancelled(cancels: Cancellations, stops: Map<string, AbortController>, log: (line: string) => void): Promise<void> {
  const ids = [...stops].filter(([, c]) => !c.signal.aborted).map(([id]) => id);
  // Redis away: asked again at the next tick.
  const marked = await cancels.markedOf(ids).catch(() => []);
  for (const { id, why } of marked) {
    const stop = stops.get(id);
    if (!stop || stop.signal.aborted) continue;
    log(`job ${id}: cancelled by its run's coordinator (${why}); its attempt here is stopped and pushes nothing`);
    stop.abort(new Error("the run's coordinator cancelled the job"));
  }
}

/** Whether BullMQ's error is about a job this worker already said it lost (a renewal or a finish refused for its old lock). */
function lostJob(message: string, lost: Set<string>): boolean {
  const id = /^(?:could not renew lock for job|Missing lock for job|Missing key for job|Lock mismatch for job) (\S+?)\.?(?: |$)/.exec(message)?.[1];
  return id !== undefined && lost.has(id);
}

/** The attempt of one job, held by a lease: losing the job's lock stops it, and it pushes nothing. */
async function attempt(job: Job, token: string, deps: JobDeps): Promise<AttemptJobResult> {
  const id = String(job.id);
  const lease = new Lease(job, token, deps.lockMs, (why) => {
    deps.lost.add(id);
    deps.log(`job ${id}: lost (${why}: Redis restarted, or was out of reach for longer than the lock's ${deps.lockMs} ms); its attempt here is stopped and pushes nothing, the job runs again from the queue`);
  });
  // The same job handed out again while an old copy still runs here: the old copy's lock is gone, the new one goes on.
  deps.held.get(id)?.lose("BullMQ handed it to this worker again");
  deps.held.set(id, lease);
  const stop = new AbortController();
  deps.stops.set(id, stop);
  try {
    // Cancelled while still queued (a worker took it as the coordinator tried to remove it): nothing of it runs.
    if (await deps.cancels.marked(id).catch(() => false)) return cancelledResult(0);
    const result = await attemptHeld(job, { ...deps, signal: AbortSignal.any([deps.signal, lease.signal, stop.signal]), lease, stop: stop.signal });
    if (lease.lost) throw lease.signal.reason as Error;
    return result;
  } finally {
    lease.end();
    if (deps.held.get(id) === lease) deps.held.delete(id);
    if (deps.stops.get(id) === stop) deps.stops.delete(id);
  }
}

/** The result of an attempt its coordinator cancelled: cancelled, nothing pushed. */
function cancelledResult(durationMs: number): AttemptJobResult {
  return { ok: false, cancelled: true, summary: "cancelled by the run's coordinator", filesChanged: [], filesSource: "own", usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, durationMs, worker: WORKER_NAME };
}

async function attemptHeld(job: Job, deps: JobDeps & { lease: Lease; stop: AbortSignal }): Promise<AttemptJobResult> {
  const { UnrecoverableError } = await import("bullmq");
  // Another build may mean another job format, prompt or gate: refused before anything of it is read or run.
  const refused = otherBuild(job.data, deps.build, WORKER_NAME);
  if (refused) throw new UnrecoverableError(`AGENT_FATAL: ${refused}`);
  const data = parseJobData(job.data);
  // The coordinator reads the code before the colon: a non-retryable failure of the attempt's workspace.
  if (typeof data === "string") throw new UnrecoverableError(`WORKSPACE_FAILED: ${data}`);
  const { attempt: a } = data;
  deps.log(`job ${job.id}: ${a.module.id}, attempt ${a.n} (${a.kind}) of run ${a.runId}`);
  const repo = deps.repoFor(data.remote);
  try {
    await repo.fetch(data.branch, data.base);
  } catch (error) {
    throw new UnrecoverableError(`WORKSPACE_FAILED: ${(error as Error).message}`);
  }
  const path = join(deps.home, "trees", `${String(job.id).replace(/[^\w.-]/g, "_")}-${job.attemptsStarted}`);
  await repo.addWorktree(path, data.base);
  const progress = new ProgressSender(job, deps.progressMs ?? 200);
  try {
    const dir = join(path, data.prefix);
    // An unknown agent or a config this worker cannot use fails the same way on every try.
    const fatal = (error: unknown) => new UnrecoverableError(`AGENT_FATAL: this worker cannot run the attempt: ${(error as Error).message}`);
    let config: Config;
    try {
      config = parseConfig(data.config, "the run's config (sent with the job)");
    } catch (error) {
      throw fatal(error);
    }
    const setupLeft = data.setup ? await setup(dir, data.setup, config, deps.signal) : [];
    // Resumed after a stop during its gate: the stopped attempt's work put back, and its gate alone runs (or, when it no longer applies, the agent).
    const regated = a.work && !a.readOnly ? await regate(repo, path, a.work, (line) => deps.log(`job ${job.id}: ${line}`)) : undefined;
    const previousWork = a.carry && !regated ? await carry(repo, path, a.carry) : undefined;
    const vars = previousWork ? { ...a.vars, previousWork } : a.vars;
    let prepared: Prepared;
    try {
      prepared = (deps.prepare ?? prepareFromProject)(dir, deps.agent ?? a.agent, a.timeoutMs, config, data.gates);
    } catch (error) {
      throw fatal(error);
    }
    const { agent, validate } = prepared;
    const paths = new ProjectPaths(dir);
    const context = buildContext({ root: dir, module: a.module, request: a.request, modules: new Map(a.dependencies.map((d) => [d.id, d])), external: a.external, memoriesFor: (m) => a.memories[m.id], maxTokens: a.maxTokens, agentReads: prepared.agentReads, gates: prepared.gateCommands?.(a.module) });
    const texts: AttemptText = {};
    // The attempt's work as its gate found it: what the gate adds (`target/`) is never committed; what it changes in the work's files (`Cargo.lock`) is, once it passed.
    let work: string | undefined;
    const gate: Prepared["validate"] = validate && !a.readOnly
      ? async (m, signal) => {
          work = await repo.work(path, dir, setupLeft);
          return validate(m, signal);
        }
      : validate;
    const outcome = await runAttempt(
      { runId: a.runId, request: a.request, module: a.module, n: a.n, kind: a.kind, timeoutMs: a.timeoutMs, context: context.vars, ...(a.previousError ? { previousError: a.previousError } : {}), ...(a.readOnly ? { readOnly: true } : {}), ...(a.template ? { template: a.template } : {}), ...(vars ? { vars } : {}), ...(regated ? { work: regated } : {}) },
      { paths, cwd: dir, agent, signal: deps.signal, now: Date.now, emit: (e) => e.type === "agent" && progress.push(e.event), ...(gate ? { validate: gate } : {}), onValidating: () => progress.validating(), keepText: (text) => Object.assign(texts, text) },
    );
    await progress.flush();
    const result: AttemptJobResult = { ok: outcome.ok, cancelled: outcome.cancelled, ...(outcome.failure ? { failure: outcome.failure } : {}), summary: outcome.summary, filesChanged: outcome.filesChanged, filesSource: outcome.filesSource, usage: outcome.usage, ...(outcome.gate ? { gate: outcome.gate } : {}), durationMs: outcome.durationMs, ...texts, worker: WORKER_NAME };
    if (a.readOnly) return result;
    if (!outcome.ok) return { ...result, diff: await repo.diff(dir, data.base, setupLeft, work) };
    const { commit, files, gate: byGate } = await repo.commit(dir, data.base, `${a.module.id}: attempt ${a.n} (${a.kind})\n\nRun: ${a.runId}`, setupLeft, work);
    if (!commit) return { ...result, filesChanged: [], files: [] };
    // A job this worker lost is another's now: its branch is not ours to push.
    if (deps.lease.lost) throw deps.lease.signal.reason as Error;
    // A job its run cancelled, asked once more right before the push: the run will not merge it.
    if (deps.stop.aborted || (await deps.cancels.marked(String(job.id)).catch(() => false))) return { ...cancelledResult(outcome.durationMs), usage: outcome.usage };
    try {
      await repo.push(commit, data.attemptBranch);
    } catch (error) {
      throw new UnrecoverableError(`WORKSPACE_FAILED: ${(error as Error).message}`);
    }
    deps.log(`job ${job.id}: pushed ${data.attemptBranch} (${files.length} file${files.length === 1 ? "" : "s"}${byGate ? `; its gate changed ${byGate.join(", ")}, committed with the work` : ""})`);
    return { ...result, commit, files, filesChanged: files };
  } finally {
    progress.stop();
    await repo.remove(path);
  }
}

/** Puts back the work of the attempt stopped in its gate (its patch, at the worktree's top); what the gate-only attempt starts from, or undefined (said in the log) when the patch no longer applies. */
async function regate(repo: WorkerRepo, top: string, work: NonNullable<AttemptJobData["attempt"]["work"]>, log: (line: string) => void): Promise<EarlierWork | undefined> {
  if (work.patch === "" || (await repo.apply(top, work.patch))) return { n: work.n, summary: work.summary, filesChanged: work.filesChanged };
  log(`attempt ${work.n}'s work no longer applies to the run's branch: its agent runs again`);
  return undefined;
}

/** Applies the failed attempt's patch to the retry's worktree (at its top, where the patch's paths start); what the prompt says of it. */
async function carry(repo: WorkerRepo, top: string, previous: { n: number; patch: string }): Promise<string> {
  if (await repo.apply(top, previous.patch)) return carriedNote(previous.n);
  return `Attempt ${previous.n}'s changes no longer apply to your workspace, which starts again from the run's integration branch.`;
}

/**
 * `workspace.setup` in the new worktree, where the run's gates would run it (the job's config,
 * never the worktree's); its failure fails the job for good, as it fails a local attempt's workspace.
 * Answers what it left there (as `git status` lists it), which the attempt's commit leaves out.
 */
async function setup(dir: string, spec: { command: string; timeoutMs: number }, config: Config, signal: AbortSignal): Promise<string[]> {
  const [{ UnrecoverableError }, { runSetup }, { setupLauncher }, { dirtyPaths }] = await Promise.all([import("bullmq"), import("../workspace/setup.js"), import("../run/confinement.js"), import("../workspace/repo.js")]);
  try {
    await runSetup({ ...spec, launch: setupLauncher(dir, config) }, dir, signal);
  } catch (error) {
    throw new UnrecoverableError(`WORKSPACE_FAILED: ${(error as Error).message}`);
  }
  return dirtyPaths(dir, [".orchestrate"], "normal");
}

/** The agent's events sent back in batches through the job's progress, which BullMQ relays to the coordinator. */
class ProgressSender {
  private events: AgentEvent[] = [];
  private validatingNow = false;
  private sending: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly job: Job,
    everyMs: number,
  ) {
    this.timer = setInterval(() => void this.flush(), everyMs);
    this.timer.unref();
  }

  push(event: AgentEvent): void {
    // Process ids are this machine's: the coordinator cannot end them.
    if (event.type !== "process") this.events.push(event);
  }

  validating(): void {
    this.validatingNow = true;
    void this.flush();
  }

  flush(): Promise<void> {
    if (this.events.length === 0 && !this.validatingNow) return this.sending;
    const progress: AttemptProgress = { events: this.events, ...(this.validatingNow ? { validating: true } : {}) };
    this.events = [];
    this.validatingNow = false;
    // Progress is best effort: a Redis hiccup loses some events, never the attempt.
    this.sending = this.sending.then(() => this.job.updateProgress(progress)).catch(() => undefined);
    return this.sending;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
