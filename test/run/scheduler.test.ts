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

/** The `waves` groups as first written, a pass over the plan's order per layer: the reference for the one-pass version. */
function groupsByLayer(plan: Plan): Map<string, number> {
  const group = new Map<string, number>();
  const byId = new Map(plan.modules.map((m) => [m.id, m]));
  let base = 0;
  for (const layer of plan.layers) {
    const wave = new Map<string, number>();
    let depth = 0;
    for (const id of plan.waves.flat()) {
      const m = byId.get(id)!;
      if (m.layer !== layer.id) continue;
      let w = 0;
      for (const d of m.dependsOn) if (byId.get(d)?.layer === layer.id) w = Math.max(w, wave.get(d)! + 1);
      wave.set(id, w);
      depth = Math.max(depth, w + 1);
    }
    for (const [id, w] of wave) group.set(id, base + w);
    base += depth;
  }
  return group;
}

describe("Scheduler.next, `waves` policy", () => {
  it("hands out the ready modules of the first unfinished group (layers in order, waves inside each), best first", () => {
    const FINISHED = new Set<ModuleState>(["done", "failed", "blocked"]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.nat(30), { maxLength: 3 }), fc.nat(2)), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.constantFrom<ModuleState>("running", "done", "failed", "blocked")), { maxLength: 60 }),
        (spec, changes) => {
          const plan = planOf(spec.map(([d]) => d));
          // Layers "l2", "l0", "l1" in that order (not alphabetical), each module in the one its draw names.
          const layerIds = ["l2", "l0", "l1"];
          plan.modules.forEach((m, i) => (m.layer = `l${spec[i]![1]}`));
          plan.layers = layerIds.map((id) => ({ id, modules: plan.modules.filter((m) => m.layer === id).map((m) => m.id) })) as Plan["layers"];
          const group = groupsByLayer(plan);
          const h = heights(new Map(plan.modules.map((m) => [m.id, m.dependsOn])), plan.waves.flat());
          const priority = (id: string) => h.get(id)! * 1e7 - plan.modules.findIndex((m) => m.id === id);
          const scheduler = new Scheduler(plan, "waves", new Map());
          const now = new Map(plan.modules.map((m) => [m.id, "pending" as ModuleState]));
          const want = () => {
            const unfinished = plan.modules.filter((m) => !FINISHED.has(now.get(m.id)!)).map((m) => group.get(m.id)!);
            const current = unfinished.length ? Math.min(...unfinished) : Infinity;
            return plan.modules
              .filter((m) => group.get(m.id) === current && now.get(m.id) === "pending" && m.dependsOn.every((d) => now.get(d) === "done"))
              .map((m) => m.id)
              .sort((a, b) => priority(b) - priority(a))
              .slice(0, 4);
          };
          expect(scheduler.next(4)).toEqual(want());
          for (const [i, state] of changes) {
            const id = `m${i % plan.modules.length}`;
            if (FINISHED.has(now.get(id)!)) continue;
            scheduler.set(id, state);
            now.set(id, state);
            expect(scheduler.next(4)).toEqual(want());
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
