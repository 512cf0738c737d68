import type { Plan } from "../plan/types.js";
import type { Orchestrator, RunSummary } from "../run/orchestrator.js";
import type { Store } from "../store/types.js";
import { RunError } from "../errors.js";
import type { Overrides } from "../run/project.js";
import { createOrchestrator } from "../workflows/project.js";
import { loadConfig } from "../config/load.js";
import { openStoreToRead } from "../store/open.js";
import { queueToResume } from "../run/resume-queue.js";
import { resumeTarget } from "../run/recover.js";
import { RunLock } from "../run/lock.js";
import type { LocalResume } from "../queue/withdraw.js";

export type OrchestratorFactory = (root: string, overrides?: Overrides) => { orchestrator: Orchestrator; store: Store };

export interface LiveRunsOptions {
  /** @default createOrchestrator with the project's config */
  create?: OrchestratorFactory;
  /** A run that started and then threw (a hook, the store); nobody awaits it otherwise. */
  onError?: (runId: string, error: unknown) => void;
}

/** A resumed run's id and, resumed `local`, what became of its jobs on its queue. */
export type Resumed = { runId: string } & LocalResume;

interface Live {
  orchestrator: Orchestrator;
  store: Store;
  done: Promise<RunSummary | undefined>;
  stopping: boolean;
}

/**
 * Runs this process started in the background, by id. One at a time: the run
 * lock treats its own pid as the owner, so it cannot keep two runs of this
 * process apart; this class does.
 */
export class LiveRuns {
  private readonly live = new Map<string, Live>();
  private starting = false;
  private readonly create: OrchestratorFactory;

  constructor(
    private readonly root: string,
    private readonly options: LiveRunsOptions = {},
  ) {
    this.create = options.create ?? ((r, o) => createOrchestrator(r, o));
  }

  /** Starts a run of `plan`; resolves with its id once the run record exists. */
  start(plan: Plan): Promise<string> {
    return this.launch((o) => o.run(plan));
  }

  /**
   * Resumes `runId` (or the latest unfinished run); resolves with its id once it goes. A queued run
   * goes on on its own queue, as the CLI's `resume` does; with `local` it goes on in this process,
   * its jobs left on its queue withdrawn first (`resume --no-queue`), and what that did is said.
   */
  async resume(runId?: string, options: { local?: boolean } = {}): Promise<Resumed> {
    let said: LocalResume = {};
    const overrides = options.local
      ? async (): Promise<Overrides> => {
          said = await this.withdrawForLocal(runId);
          return { queue: false };
        }
      : () => this.resumeOverrides(runId);
    const id = await this.launch((o) => o.resume(runId), overrides);
    return { runId: id, ...said };
  }

  /** A queued run about to go on here: its jobs taken back from its queue, once no live coordinator holds it. */
  private async withdrawForLocal(runId: string | undefined): Promise<LocalResume> {
    const store = openStoreToRead(this.root);
    if (!store) return {};
    try {
      // No such run: the orchestrator's resume says so as it always has.
      const run = runOrNone(store, runId);
      if (!run) return {};
      // A live coordinator is refused before its jobs could be taken from it.
      new RunLock(store).check();
      const { withdrawForLocal } = await import("../queue/withdraw.js");
      return await withdrawForLocal(store, run.id, run.options, loadConfig(this.root).config.queue);
    } finally {
      store.close();
    }
  }

  private async resumeOverrides(runId: string | undefined): Promise<Overrides> {
    const store = openStoreToRead(this.root);
    if (!store) return {};
    try {
      return await queueToResume(store, runId, {}, () => loadConfig(this.root).config.queue);
    } catch (error) {
      // No such run: the orchestrator's resume says so as it always has.
      if ((error as { code?: string }).code === "RUN_NOT_FOUND" || (error as { code?: string }).code === "RUN_ENDED") return {};
      throw error;
    } finally {
      store.close();
    }
  }

  /** The runs live now. */
  ids(): string[] {
    return [...this.live.keys()];
  }

  has(runId: string): boolean {
    return this.live.has(runId);
  }

  /** Ctrl-C for one run: start nothing new, give running attempts the grace period, then cancel them. */
  stop(runId: string): void {
    const live = this.live.get(runId);
    if (!live) throw new RunError("RUN_NOT_LIVE", `Run \`${runId}\` is not live in this server${this.live.size ? ` (live: ${[...this.live.keys()].join(", ")})` : ""}; only runs it started or resumed can be cancelled here`);
    live.stopping = true;
    live.orchestrator.stop("cancel");
  }

  /** Stops every live run gracefully (a second call cancels them), waits for them to checkpoint, and says how each ended. */
  async stopAll(signal = "SIGTERM"): Promise<RunSummary[]> {
    const all = [...this.live.values()];
    for (const live of all) {
      live.stopping = true;
      live.orchestrator.stop(signal);
    }
    return (await Promise.all(all.map((l) => l.done))).filter((s) => s !== undefined);
  }

  private async launch(begin: (o: Orchestrator) => Promise<RunSummary>, overrides: () => Promise<Overrides> = async () => ({})): Promise<string> {
    await this.ending();
    const busy = [...this.live.keys()][0];
    if (busy || this.starting) throw new RunError("RUN_LOCKED", `Run ${busy ?? "(starting)"} is live in this server; wait for it to end (see status) or cancel it`);
    this.starting = true;
    try {
      const { orchestrator, store } = this.create(this.root, await overrides());
      let announce!: (runId: string) => void;
      const started = new Promise<string>((resolve) => (announce = resolve));
      orchestrator.on((event) => {
        if (event.type === "run:start") announce(event.runId);
      });
      const done = begin(orchestrator).finally(() => store.close());
      // Whichever comes first: the run's start, or its failure to start (unknown run, lock held).
      const runId = await Promise.race([started, done.then(() => started)]);
      const live: Live = {
        orchestrator,
        store,
        stopping: false,
        done: done.then(
          (summary) => summary,
          (error: unknown) => {
            this.options.onError?.(runId, error);
            return undefined;
          },
        ),
      };
      this.live.set(runId, live);
      void live.done.finally(() => this.live.delete(runId));
      return runId;
    } finally {
      this.starting = false;
    }
  }

  /**
   * Waits for runs that are already ending: stopped, or whose state the store
   * already shows final while the run writes its docs and lets go of the lock.
   */
  private async ending(): Promise<void> {
    for (const [runId, live] of this.live) {
      if (live.stopping || live.store.getRun(runId)?.state !== "running") await live.done;
    }
  }
}

/** The run `resume` would take up, or undefined when there is none (RUN_NOT_FOUND, RUN_ENDED). */
function runOrNone(store: Store, runId: string | undefined): ReturnType<typeof resumeTarget> | undefined {
  try {
    return resumeTarget(store, runId);
  } catch {
    return undefined;
  }
}
