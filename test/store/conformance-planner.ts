import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { attempt, seed } from "./helpers.js";

/** The planner's share of the store: its attempts counted as the run's without a module row, its submissions by planning id. */
export function plannerCases(store: () => Store): void {
  describe("planner", () => {
    it("a recorded attempt counts in the run's attempts, before the modules', and changes no module", () => {
      const s = store();
      seed(s, "r1");
      s.recordAttempt({
        runId: "r1", moduleId: "@planner", n: 1, kind: "plan", agent: "anthropic", state: "done", promptPath: ".orchestrate/runs/r1/@planner/attempt-1.prompt.md",
        summary: "Submitted.", filesChanged: [], usage: { inputTokens: 200, outputTokens: 40, costUsd: 0.5 }, startedAt: 5, endedAt: 9,
      });
      const a = s.startAttempt("r1", "a", attempt(10));
      s.finishAttempt("r1", "a", a.n, { state: "done", endedAt: 11 }, "done");
      expect(s.getAttempts("r1").map((x) => [x.moduleId, x.n, x.state, x.usage.costUsd])).toEqual([["@planner", 1, "done", 0.5], ["a", 1, "done", 0]]);
      expect(s.getAttempts("r1", "a")).toHaveLength(1);
      expect(s.getModules("r1").map((m) => m.moduleId)).toEqual(["a", "b", "c"]);
      expect(s.getAttempts("r1")[0]).toMatchObject({ summary: "Submitted.", startedAt: 5, endedAt: 9, agent: "anthropic", kind: "plan" });
    });

    it("keeps submissions by planning id and returns the latest", () => {
      const s = store();
      expect(s.getPlanSubmission("p#1")).toBeUndefined();
      s.savePlanSubmission("p#1", { type: "debug", modules: [] }, 1);
      s.savePlanSubmission("p#1", { type: "implement", modules: [{ id: "a" }] }, 2);
      s.savePlanSubmission("p#2", { type: "refactor" }, 3);
      expect(s.getPlanSubmission("p#1")).toEqual({ type: "implement", modules: [{ id: "a" }] });
      expect(s.getPlanSubmission("p#2")).toEqual({ type: "refactor" });
    });
  });
}
