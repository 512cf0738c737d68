import { describe, expect, it } from "vitest";
import { applyEvent, createView } from "../../src/cli/render/progress-model.js";
import type { RunEvent, Timed } from "../../src/run/events.js";

/** The run's live view (`run`'s rows) after a worker was lost: the next attempt is nobody's until a worker takes it. */
describe("the live view of a module whose worker was lost", () => {
  it("shows the next attempt with no worker until one takes it, never the lost one", () => {
    const view = createView();
    const at = (n: number, e: Record<string, unknown>) => applyEvent(view, { runId: "r", moduleId: "m", at: n, ...e } as unknown as Timed<RunEvent>);
    at(1, { type: "module:state", layer: "core", state: "running", attempt: 1 });
    at(2, { type: "attempt:start", attempt: 1, kind: "implement", agent: "simulate", promptPath: "p.md" });
    at(3, { type: "attempt:worker", attempt: 1, worker: "host-a:1111" });
    at(4, { type: "attempt:end", attempt: 1, ok: false, cancelled: true, failure: "WORKER_LOST", error: "lost: worker host-a:1111 …", worker: "host-a:1111", usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
    at(5, { type: "attempt:start", attempt: 2, kind: "implement", agent: "simulate", promptPath: "p.md" });
    expect(view.modules.get("m")).toMatchObject({ state: "running", attempt: 2, worker: undefined });
    at(6, { type: "attempt:worker", attempt: 2, worker: "host-b:2222" });
    expect(view.modules.get("m")).toMatchObject({ attempt: 2, worker: "host-b:2222" });
  });
});
