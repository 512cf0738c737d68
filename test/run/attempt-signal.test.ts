import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptSignal } from "../../src/run/attempt-signal.js";

describe("attemptSignal", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hands an ended attempt's untouched signal to the next attempt, whose time limit still aborts it", () => {
    const run = new AbortController().signal;
    const first = attemptSignal(run, 1_000);
    const { signal } = first;
    first.dispose();
    // The first attempt's time limit is gone with it.
    vi.advanceTimersByTime(5_000);
    expect(signal.aborted).toBe(false);

    const second = attemptSignal(run, 30);
    expect(second.signal).toBe(signal);
    vi.advanceTimersByTime(29);
    expect(second.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(second.timedOut).toBe(true);
    expect(second.signal.aborted).toBe(true);
    expect((second.signal.reason as Error).message).toBe("timed out after 30 ms (timeoutMs in orchestrate.config.yaml, or --timeout MS)");
    second.dispose();
    // Aborted: never handed on.
    expect(attemptSignal(run, 30).signal).not.toBe(signal);
  });

  it("does not hand on a signal something still listens to, or one a signal was made from with AbortSignal.any", () => {
    const run = new AbortController().signal;
    const listened = attemptSignal(run, 1_000);
    const onAbort = vi.fn();
    listened.signal.addEventListener("abort", onAbort);
    listened.dispose();
    const composed = attemptSignal(run, 1_000);
    expect(composed.signal).not.toBe(listened.signal);
    const either = AbortSignal.any([composed.signal, new AbortController().signal]);
    composed.dispose();
    const next = attemptSignal(run, 20);
    expect([listened.signal, composed.signal]).not.toContain(next.signal);

    // The next attempt's time limit reaches neither what the earlier attempts left behind.
    vi.advanceTimersByTime(20);
    expect(next.signal.aborted).toBe(true);
    expect(onAbort).not.toHaveBeenCalled();
    expect(either.aborted).toBe(false);
    next.dispose();
  });

  it("aborts every running attempt with the run, and hands no spare signal on after it", () => {
    const run = new AbortController();
    const spare = attemptSignal(run.signal, 1_000);
    spare.dispose();
    const [a, b] = [attemptSignal(run.signal, 1_000), attemptSignal(run.signal, 1_000)];
    expect(a.signal).toBe(spare.signal);
    run.abort(new Error("stopped"));
    expect([a.signal.aborted, b.signal.aborted]).toEqual([true, true]);
    expect(a.timedOut).toBe(false);
    a.dispose();
    b.dispose();
    const after = attemptSignal(run.signal, 1_000);
    expect(after.signal.aborted).toBe(true);
    expect((after.signal.reason as Error).message).toBe("stopped");
    after.dispose();
  });
});
