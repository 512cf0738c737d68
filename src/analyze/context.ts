import type { SpecTree } from "../spec/types.js";
import { readHints, type RoutingHint } from "./hints.js";
import { buildIndex, type SpecIndex } from "./spec-index.js";

/** What the router derives from a spec tree, built once per tree and kept while the tree lives. */
export interface RoutingContext {
  hints: RoutingHint[];
  /** Lower-cased file name without extension -> project files of that name. */
  fileNames: Map<string, string[]>;
  /** The full-text index, built on first use: most requests name their module. */
  index(): SpecIndex;
}

const cache = new WeakMap<SpecTree, RoutingContext>();

export function contextOf(spec: SpecTree): RoutingContext {
  let context = cache.get(spec);
  if (!context) {
    let index: SpecIndex | undefined;
    context = {
      hints: readHints(spec),
      fileNames: fileNames(spec),
      index: () => (index ??= buildIndex(spec.modules)),
    };
    cache.set(spec, context);
  }
  return context;
}

function fileNames(spec: SpecTree): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const files = [...(spec.projectFiles ?? []), ...spec.modules.flatMap((m) => m.files)];
  for (const file of files) {
    const base = file.slice(file.lastIndexOf("/") + 1).replace(/\.[A-Za-z0-9]+$/, "").toLowerCase();
    if (!base) continue;
    const list = names.get(base) ?? [];
    if (!list.includes(file)) list.push(file);
    names.set(base, list);
  }
  return names;
}
