import { getEventListeners } from "node:events";
import { ATTEMPT_TIMEOUT_SETTING, timedOutAfter } from "../timer.js";

/** An attempt's own signal, aborted by the run's or by the attempt's time limit. */
export interface AttemptLimit {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  /** The attempt is over: its timer goes, and its signal may serve a later attempt (see `reusable`). */
  dispose(): void;
}

/**
 * The attempt's own signal. Not `AbortSignal.any([run, AbortSignal.timeout(ms)])`: on Node 20
 * every `any` over the long-lived run signal stays registered on it, and a run of thousands of
 * attempts slows down as they pile up; here the timer goes when the attempt ends, and the run's
 * signal has one listener for all its attempts (Node's `addEventListener` validates and scans on
 * every call: a tenth of the engine's own time per attempt).
 */
export function attemptSignal(run: AbortSignal, timeoutMs: number): AttemptLimit {
  const attempts = run.aborted ? undefined : attemptsOf(run);
  const controller = attempts?.spare.pop() ?? new AbortController();
  if (attempts) attempts.live.add(controller);
  else controller.abort(run.reason);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(timedOutAfter(timeoutMs, ATTEMPT_TIMEOUT_SETTING)));
  }, timeoutMs);
  timer.unref();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      if (!attempts) return;
      attempts.live.delete(controller);
      if (attempts.spare.length < MAX_SPARE && reusable(controller.signal)) attempts.spare.push(controller);
    },
  };
}

interface RunAttempts {
  /** The attempts running, aborted in the order they started when the run aborts. */
  live: Set<AbortController>;
  /** Controllers of attempts that ended leaving their signal as it was made: the next attempts'. */
  spare: AbortController[];
}

/** Spare controllers kept at most: one per attempt running at once is what a run reuses. */
const MAX_SPARE = 64;

const runs = new WeakMap<AbortSignal, RunAttempts>();

function attemptsOf(run: AbortSignal): RunAttempts {
  let attempts = runs.get(run);
  if (!attempts) {
    const all: RunAttempts = (attempts = { live: new Set(), spare: [] });
    runs.set(run, all);
    run.addEventListener("abort", () => {
      for (const controller of all.live) controller.abort(run.reason);
      all.live.clear();
      all.spare.length = 0;
    }, { once: true });
  }
  return attempts;
}

/**
 * Where Node keeps the signals `AbortSignal.any` made from a signal (a symbol of its own, found
 * on a probe); undefined if this Node keeps them elsewhere, and then no signal is reused.
 */
const DEPENDANTS: symbol | undefined = (() => {
  const probe = new AbortController().signal;
  AbortSignal.any([probe]);
  return Object.getOwnPropertySymbols(probe).find((key) => key.description === "kDependantSignals");
})();

/**
 * Whether an ended attempt's signal is as it was made, so the next attempt can have it: on
 * Node 20 making an AbortSignal costs 12-20 us (an EventTarget given another prototype), as much
 * as the rest of a 0 ms agent's attempt. Not when it was aborted, when anything still listens
 * to it (an agent's child process, a request), or when a signal was made from it with
 * `AbortSignal.any`: whatever the attempt left holding it could then hear of a later attempt's
 * abort. A holder that only reads `aborted` later would see the later attempt's, which for work
 * of an attempt that already ended only says to stop.
 */
function reusable(signal: AbortSignal): boolean {
  if (DEPENDANTS === undefined || signal.aborted) return false;
  return (signal as unknown as Record<symbol, unknown>)[DEPENDANTS] === undefined && getEventListeners(signal, "abort").length === 0;
}
