import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scheduler } from "../../src/run/scheduler.js";
import { heights } from "../../src/plan/graph.js";
import type { Plan } from "../../src/plan/types.js";
import type { ModuleState } from "../../src/store/types.js";

/** A plan of `n` modules in one layer, each depending on the earlier ones `deps` names. */
function planOf(deps: number[][]): Plan {
  const ids = deps.map((_, i) => `m${i}`);
  const modules = deps.map((d, i) => ({ id: ids[i]!, layer: "core", spec: "", files: [], dependsOn: [...new Set(d.filter((j) => j < i))].map((j) => ids[j]!), specText: "", specDigest: "" }));
  const level = new Map<string, number>();
  for (const m of modules) level.set(m.id, Math.max(0, ...m.dependsOn.map((d) => level.get(d)! + 1)));
  const waves: string[][] = [];
  for (const m of modules) (waves[level.get(m.id)!] ??= []).push(m.id);
  return { request: "", analysis: {} as Plan["analysis"], layers: [{ id: "core", modules: ids } as Plan["layers"][number]], modules, waves, criticalPath: [], warnings: [] };
}

/** What `next` must return, by brute force: pending modules with every dependency done, best priority first. */
function expected(plan: Plan, states: Map<string, ModuleState>, slots: number): string[] {
  const h = heights(new Map(plan.modules.map((m) => [m.id, m.dependsOn])), plan.waves.flat());
  const priority = (id: string) => h.get(id)! * 1e7 - plan.modules.findIndex((m) => m.id === id);
  return plan.modules
    .filter((m) => states.get(m.id) === "pending" && m.dependsOn.every((d) => states.get(d) === "done"))
    .map((m) => m.id)
    .sort((a, b) => priority(b) - priority(a))
    .slice(0, slots);
}

describe("Scheduler.next (the ready heap)", () => {
  it("returns what a full sort of the ready modules would, through any sequence of state changes", () => {
    const states: ModuleState[] = ["pending", "running", "done", "failed"];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(40), { maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.constantFrom(...states), fc.integer({ min: 1, max: 5 })), { maxLength: 120 }),
        (deps, changes) => {
          const plan = planOf(deps);
          const scheduler = new Scheduler(plan, "ready", new Map());
          const now = new Map(plan.modules.map((m) => [m.id, "pending" as ModuleState]));
          expect(scheduler.next(4)).toEqual(expected(plan, now, 4));
          for (const [i, state, slots] of changes) {
            const id = `m${i % plan.modules.length}`;
            // Finished stays finished here (a layer gate's send-back is the orchestrator tests' business).
            if (now.get(id) === "done" || now.get(id) === "failed") continue;
            scheduler.set(id, state);
            now.set(id, state);
            expect(scheduler.next(slots)).toEqual(expected(plan, now, slots));
            // Asking twice changes nothing: next hands out, set takes.
            expect(scheduler.next(slots)).toEqual(expected(plan, now, slots));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("Scheduler.layerDone", () => {
  it("says a layer is done exactly when every module of its list is, through any sequence of state changes", () => {
    const states: ModuleState[] = ["pending", "running", "validating", "done", "failed", "blocked"];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom(...states), { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.constantFrom(...states)), { maxLength: 60 }),
        (n, initial, changes) => {
          const plan = planOf(Array.from({ length: n }, () => []));
          // Three layers over the same modules: the first n/2, the rest, and none at all.
          const half = plan.modules.slice(0, Math.ceil(n / 2)).map((m) => m.id);
          plan.layers = [{ id: "a", modules: half }, { id: "b", modules: plan.modules.map((m) => m.id).filter((id) => !half.includes(id)) }, { id: "empty", modules: [] }] as Plan["layers"];
          const start = new Map(plan.modules.flatMap((m, i) => (initial[i] ? [[m.id, initial[i]!] as const] : [])));
          const scheduler = new Scheduler(plan, "ready", start);
          const check = () => {
            for (const layer of plan.layers) expect(scheduler.layerDone(layer.id)).toBe(layer.modules.every((id) => scheduler.get(id) === "done"));
            expect(scheduler.layerDone("no-such-layer")).toBe(false);
          };
          check();
          for (const [i, state] of changes) {
            if (i >= n) continue;
            scheduler.set(`m${i}`, state);
            check();
          }
        },
      ),
    );
  });
});
