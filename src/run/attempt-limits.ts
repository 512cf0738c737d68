import { ATTEMPT_TIMEOUT_SETTING, MAX_TIMER_MS, timedOutAfter } from "../timer.js";

/** An attempt's own signal, and whether its time limit is what aborted it. */
export interface AttemptLimit {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  /** The attempt ended: its limit no longer applies, and the run's abort no longer reaches it. */
  dispose(): void;
}

/**
 * The attempt's own signal: aborted by the run's or by its time limit. Not
 * `AbortSignal.any([run, AbortSignal.timeout(ms)])`: on Node 20 every `any` over the
 * long-lived run signal stays registered on it, and a run of thousands of attempts slows
 * down as they pile up; here the limit goes when the attempt ends, and the run's signal
 * has one listener for all its attempts (Node's `addEventListener` validates and scans on
 * every call: a tenth of the engine's own time per attempt).
 */
export function attemptSignal(run: AbortSignal, timeoutMs: number): AttemptLimit {
  const controller = new AbortController();
  const attempts = attemptsUnder(run);
  if (attempts) attempts.live.add(controller);
  else controller.abort(run.reason);
  const limit: Limit = {
    at: performance.now() + timeoutMs,
    timedOut: false,
    end() {
      limit.timedOut = true;
      controller.abort(new Error(timedOutAfter(timeoutMs, ATTEMPT_TIMEOUT_SETTING)));
    },
  };
  // A run's attempts share one timer; an attempt under a run already aborted is cancelled, whatever its limit.
  attempts?.limits.add(limit);
  return {
    signal: controller.signal,
    get timedOut() {
      return limit.timedOut;
    },
    dispose() {
      attempts?.limits.delete(limit);
      attempts?.live.delete(controller);
    },
  };
}

interface Limit {
  /** When it ends, on performance.now's clock. */
  at: number;
  timedOut: boolean;
  end(): void;
}

/**
 * Running attempts' time limits on one timer, set for the earliest. A timer each (setTimeout,
 * unref, clearTimeout) cost an attempt about 20,000 instructions; here an attempt that ends
 * before its limit, as nearly all do, leaves the timer as it is (one that fires with nothing
 * due sets itself for the next limit, or for none).
 */
class Limits {
  private readonly pending = new Set<Limit>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires, when it is set. */
  private firesAt = Infinity;

  add(limit: Limit): void {
    this.pending.add(limit);
    if (limit.at < this.firesAt) this.arm(limit.at);
  }

  delete(limit: Limit): void {
    this.pending.delete(limit);
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.firesAt = at;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(Math.ceil(at - performance.now()), 1), MAX_TIMER_MS));
    // Like each attempt's own timer before it: a limit never keeps the process alive.
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.firesAt = Infinity;
    const now = performance.now();
    // A copy: an attempt's abort listeners may end or start attempts meanwhile.
    for (const limit of [...this.pending]) {
      if (limit.at > now) continue;
      this.pending.delete(limit);
      limit.end();
    }
    let next = Infinity;
    for (const limit of this.pending) if (limit.at < next) next = limit.at;
    if (next < this.firesAt) this.arm(next);
  }
}

/** A run's running attempts, aborted in the order they started when it aborts, and their time limits. */
interface RunAttempts {
  live: Set<AbortController>;
  limits: Limits;
}

const attemptsOf = new WeakMap<AbortSignal, RunAttempts>();

/** The attempts running under `run`; undefined once it has aborted. */
function attemptsUnder(run: AbortSignal): RunAttempts | undefined {
  if (run.aborted) return undefined;
  let attempts = attemptsOf.get(run);
  if (!attempts) {
    const all = (attempts = { live: new Set<AbortController>(), limits: new Limits() });
    attemptsOf.set(run, all);
    run.addEventListener("abort", () => {
      for (const controller of all.live) controller.abort(run.reason);
      all.live.clear();
    }, { once: true });
  }
  return attempts;
}
