import type { Plan, PlanModule } from "../plan/types.js";
import type { ModuleState } from "../store/types.js";
import { heights } from "../plan/graph.js";

export type SchedulePolicy = "ready" | "waves";

const FINISHED: ReadonlySet<ModuleState> = new Set(["done", "failed", "blocked"]);

/**
 * Which modules may start now. `ready`: any pending module whose dependencies
 * are done, longest remaining critical path first. `waves`: the seed's order,
 * layer by layer and wave by wave, each group waiting for the previous one.
 * Work per state change is proportional to the module's dependents, not the plan.
 */
export class Scheduler {
  private readonly state = new Map<string, ModuleState>();
  private readonly priority = new Map<string, number>();
  private readonly group: Map<string, number>;
  private readonly waiting = new Map<string, number>(); // dependencies not yet done
  private readonly dependents = new Map<string, string[]>();
  private readonly ready = new Set<string>();
  /**
   * The ready modules by priority, one heap per `waves` group (a single one for `ready`),
   * so `next` costs O(slots · log ready) instead of a pass over everything ready (at
   * 10,000 modules, thousands are ready at once, and `next` runs after every attempt).
   * Lazy: an id that left `ready` stays in its heap until it reaches the top.
   */
  private readonly heaps = new Map<number, Heap>();
  private readonly unfinishedPerGroup: number[] = [];
  private current = 0;
  private readonly wave = new Map<string, number>();
  private readonly unfinishedPerWave: number[];
  private lowest = 0;
  /** Modules not done in each layer, and the layers each module counts in: the loop asks after every module whether a layer is done. */
  private readonly notDone = new Map<string, number>();
  private readonly layersOf = new Map<string, string[]>();

  constructor(
    plan: Plan,
    private readonly policy: SchedulePolicy,
    initial: ReadonlyMap<string, ModuleState>,
  ) {
    // A pass or two over the plan, not one per map: this runs once per run, mostly before V8 has compiled it.
    const deps = new Map<string, string[]>();
    const byId = new Map<string, PlanModule>();
    for (const m of plan.modules) {
      deps.set(m.id, m.dependsOn);
      byId.set(m.id, m);
      for (const d of m.dependsOn) {
        // Pushed, not copied: a module with thousands of dependents made 86 MB of garbage at 10,000 modules.
        const list = this.dependents.get(d);
        if (list) list.push(m.id);
        else this.dependents.set(d, [m.id]);
      }
    }
    const h = heights(deps, plan.waves.flat());
    this.group = wavesByLayer(plan, byId);
    this.unfinishedPerWave = [];
    for (let w = 0; w < plan.waves.length; w++) {
      this.unfinishedPerWave.push(0);
      for (const id of plan.waves[w]!) this.wave.set(id, w);
    }
    for (let i = 0; i < plan.modules.length; i++) {
      const m = plan.modules[i]!;
      // Higher first; plan order breaks ties, so the choice is deterministic.
      this.priority.set(m.id, h.get(m.id)! * 1e7 - i);
      const s = initial.get(m.id) ?? "pending";
      this.state.set(m.id, s);
      let waiting = 0;
      for (const d of m.dependsOn) if (initial.get(d) !== "done") waiting++;
      this.waiting.set(m.id, waiting);
      const g = this.group.get(m.id)!;
      this.unfinishedPerGroup[g] = (this.unfinishedPerGroup[g] ?? 0) + (FINISHED.has(s) ? 0 : 1);
      if (!FINISHED.has(s)) this.unfinishedPerWave[this.wave.get(m.id)!]!++;
      if (s === "pending" && waiting === 0) this.markReady(m.id);
    }
    for (const layer of plan.layers) {
      let notDone = 0;
      for (const id of layer.modules) {
        if (this.state.get(id) !== "done") notDone++;
        const layers = this.layersOf.get(id);
        if (layers) layers.push(layer.id);
        else this.layersOf.set(id, [layer.id]);
      }
      this.notDone.set(layer.id, notDone);
    }
    this.advance();
  }

  /** Whether every module of the plan's layer `id` is done (a layer the plan does not have is not). */
  layerDone(id: string): boolean {
    return this.notDone.get(id) === 0;
  }

  get(id: string): ModuleState {
    return this.state.get(id)!;
  }

  /** Records a state change and updates what is ready. */
  set(id: string, next: ModuleState): void {
    const before = this.state.get(id)!;
    if (before === next) return;
    this.state.set(id, next);
    // Loops by index: set runs three times a module, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per element.
    if (next === "done" || before === "done") {
      const layers = this.layersOf.get(id) ?? [];
      for (let i = 0; i < layers.length; i++) this.notDone.set(layers[i]!, this.notDone.get(layers[i]!)! + (next === "done" ? -1 : 1));
    }
    if (next === "pending" && this.waiting.get(id) === 0) this.markReady(id);
    else this.ready.delete(id);
    if (FINISHED.has(next) !== FINISHED.has(before)) {
      // A module leaves the finished states again when a layer gate sends it back for a fix.
      const delta = FINISHED.has(next) ? -1 : 1;
      const g = this.group.get(id)!;
      const w = this.wave.get(id)!;
      this.unfinishedPerGroup[g]! += delta;
      this.unfinishedPerWave[w]! += delta;
      if (delta > 0) {
        this.current = Math.min(this.current, g);
        this.lowest = Math.min(this.lowest, w);
      }
      this.advance();
    }
    if (next === "done") {
      const dependents = this.dependents.get(id) ?? [];
      for (let i = 0; i < dependents.length; i++) {
        const d = dependents[i]!;
        const left = this.waiting.get(d)! - 1;
        this.waiting.set(d, left);
        if (left === 0 && this.state.get(d) === "pending") this.markReady(d);
      }
    }
  }

  /** Up to `slots` modules to start, best first. */
  next(slots: number): string[] {
    if (slots <= 0 || this.ready.size === 0) return [];
    const heap = this.heaps.get(this.policy === "waves" ? this.current : 0);
    if (!heap) return [];
    // Take the best `slots` distinct ready ids off the top, dropping stale entries, then put them back.
    const best: string[] = [];
    while (best.length < slots && heap.ids.length > 0) {
      const id = pop(heap);
      if (this.ready.has(id) && !best.includes(id)) best.push(id);
    }
    for (const id of best) push(heap, id, this.priority.get(id)!);
    return best;
  }

  private markReady(id: string): void {
    if (this.ready.has(id)) return;
    this.ready.add(id);
    const key = this.policy === "waves" ? this.group.get(id)! : 0;
    let heap = this.heaps.get(key);
    if (!heap) this.heaps.set(key, (heap = { ids: [], priorities: [] }));
    push(heap, id, this.priority.get(id)!);
  }

  /** The `waves` group in progress (0-based), or the group count when all are finished. */
  get currentGroup(): number {
    return this.current;
  }

  /** Unfinished modules that can never start because `failed` failed, each with its reason. */
  blockedBy(failed: string): { id: string; reason: string }[] {
    const blocked: { id: string; reason: string }[] = [];
    const queue: { id: string; via?: string }[] = (this.dependents.get(failed) ?? []).map((id) => ({ id }));
    const seen = new Set<string>();
    while (queue.length > 0) {
      const { id, via } = queue.shift()!;
      if (seen.has(id) || FINISHED.has(this.state.get(id)!)) continue;
      seen.add(id);
      blocked.push({ id, reason: `dependency ${failed} failed${via ? ` (via ${via})` : ""}` });
      for (const next of this.dependents.get(id) ?? []) queue.push({ id: next, via: via ?? id });
    }
    return blocked;
  }

  /** The lowest plan wave (0-based) with an unfinished module, or the wave count when all are finished. */
  get lowestWave(): number {
    return this.lowest;
  }

  private advance(): void {
    while (this.current < this.unfinishedPerGroup.length && (this.unfinishedPerGroup[this.current] ?? 0) === 0) this.current++;
    while (this.lowest < this.unfinishedPerWave.length && this.unfinishedPerWave[this.lowest] === 0) this.lowest++;
  }
}

/**
 * A binary max-heap of ids on their priorities, kept beside them: sifting compares numbers in an
 * array, where a look-up of each id's priority in a Map at every level was most of a heap's cost.
 */
interface Heap {
  ids: string[];
  priorities: number[];
}

function push(heap: Heap, id: string, p: number): void {
  const { ids, priorities } = heap;
  let i = ids.length;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (priorities[parent]! >= p) break;
    ids[i] = ids[parent]!;
    priorities[i] = priorities[parent]!;
    i = parent;
  }
  ids[i] = id;
  priorities[i] = p;
}

function pop(heap: Heap): string {
  const { ids, priorities } = heap;
  const top = ids[0]!;
  const last = ids.pop()!;
  const p = priorities.pop()!;
  const n = ids.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && priorities[child + 1]! > priorities[child]!) child++;
      if (priorities[child]! <= p) break;
      ids[i] = ids[child]!;
      priorities[i] = priorities[child]!;
      i = child;
    }
    ids[i] = last;
    priorities[i] = p;
  }
  return top;
}

/**
 * Group number per module for the `waves` policy: layers in plan order, waves inside each
 * layer. One pass over the plan's order for all layers (layer ids are unique in a plan),
 * then each layer's waves are numbered after the layers before it.
 */
function wavesByLayer(plan: Plan, byId: ReadonlyMap<string, PlanModule>): Map<string, number> {
  const layerAt = new Map<string, number>();
  for (let i = 0; i < plan.layers.length; i++) layerAt.set(plan.layers[i]!.id, i);
  const wave = new Map<string, number>();
  const depth: number[] = plan.layers.map(() => 0);
  for (const ids of plan.waves) {
    for (const id of ids) {
      const m = byId.get(id)!;
      const at = layerAt.get(m.layer);
      if (at === undefined) continue;
      let w = 0;
      for (const d of m.dependsOn) if (byId.get(d)?.layer === m.layer) w = Math.max(w, wave.get(d)! + 1);
      wave.set(id, w);
      depth[at] = Math.max(depth[at]!, w + 1);
    }
  }
  const base: number[] = [];
  let next = 0;
  for (const d of depth) {
    base.push(next);
    next += d;
  }
  const group = new Map<string, number>();
  for (const [id, w] of wave) group.set(id, base[layerAt.get(byId.get(id)!.layer)!]! + w);
  return group;
}
