import type { ModuleSpec, SpecTree } from "./types.js";

const indexes = new WeakMap<SpecTree, Map<string, ModuleSpec>>();

/**
 * The tree's module called `id`. The map is built once per tree object: gates look a module
 * up after every attempt, and `modules.find` made that O(modules) each time, O(n²) per run
 * (16 s of CPU at 10,000 modules). A loaded tree is not changed (a reload makes a new object).
 */
export function moduleById(spec: SpecTree, id: string): ModuleSpec | undefined {
  let index = indexes.get(spec);
  if (!index) indexes.set(spec, (index = new Map(spec.modules.map((m) => [m.id, m]))));
  return index.get(id);
}
