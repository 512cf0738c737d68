import { CycleError } from "../errors.js";

/** Module id -> ids it depends on. Insertion order is the tie-break order everywhere. */
export type Graph = Map<string, string[]>;

/**
 * Module ids in dependency order (dependencies first), stable in the graph's
 * insertion order. Throws `CycleError` with the members of one cycle only.
 */
export function topoOrder(graph: Graph): string[] {
  const state = new Map<string, 1 | 2>(); // 1: on the stack, 2: finished
  const order: string[] = [];
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const deps = graph.get(top.id) ?? [];
      if (top.next < deps.length) {
        const dep = deps[top.next++]!;
        if (!graph.has(dep)) continue;
        const s = state.get(dep);
        if (s === 1) throw new CycleError(canonical(stack.slice(stack.findIndex((f) => f.id === dep)).map((f) => f.id)));
        if (s === undefined) {
          state.set(dep, 1);
          stack.push({ id: dep, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(top.id, 2);
      order.push(top.id);
    }
  }
  return order;
}

/** The cycle rotated to start at its smallest id, so the message is the same whichever member was found first. */
function canonical(cycle: string[]): string[] {
  let min = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[min]!) min = i;
  return [...cycle.slice(min), ...cycle.slice(0, min)];
}

/** wave(m) = 0 without dependencies, else 1 + the latest wave among them. */
export function waveNumbers(graph: Graph, order: string[]): Map<string, number> {
  const wave = new Map<string, number>();
  for (const id of order) {
    let w = 0;
    for (const dep of graph.get(id) ?? []) {
      const d = wave.get(dep);
      if (d !== undefined && d + 1 > w) w = d + 1;
    }
    wave.set(id, w);
  }
  return wave;
}

/** Length in modules of the longest chain from each module to the end of the graph (itself included). */
export function heights(graph: Graph, order: string[]): Map<string, number> {
  const height = new Map<string, number>(order.map((id) => [id, 1]));
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    const h = height.get(id)!;
    for (const dep of graph.get(id) ?? []) {
      if (height.has(dep) && height.get(dep)! < h + 1) height.set(dep, h + 1);
    }
  }
  return height;
}

/** The longest dependency chain, first module to last; ties go to the earlier module in `order`. */
export function criticalPath(graph: Graph, order: string[]): string[] {
  const dependents = new Map<string, string[]>(order.map((id) => [id, []]));
  for (const id of order) for (const dep of graph.get(id) ?? []) dependents.get(dep)?.push(id);
  const h = heights(graph, order);
  const position = new Map(order.map((id, i) => [id, i]));
  let best: string | undefined;
  for (const id of order) if ((graph.get(id) ?? []).every((d) => !graph.has(d)) && (best === undefined || h.get(id)! > h.get(best)!)) best = id;
  const path: string[] = [];
  for (let at = best; at !== undefined; ) {
    path.push(at);
    let next: string | undefined;
    for (const d of dependents.get(at) ?? []) if (h.get(d) === h.get(at)! - 1 && (next === undefined || position.get(d)! < position.get(next)!)) next = d;
    at = next;
  }
  return path;
}
