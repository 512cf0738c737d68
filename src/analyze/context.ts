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
  /** Each name a module's Provides lists, as written (`DeltaCheck`) -> the modules listing it; built on first use. */
  provided(): Map<string, string[]>;
}

const cache = new WeakMap<SpecTree, RoutingContext>();

export function contextOf(spec: SpecTree): RoutingContext {
  let context = cache.get(spec);
  if (!context) {
    let index: SpecIndex | undefined;
    let provided: Map<string, string[]> | undefined;
    context = {
      hints: readHints(spec),
      fileNames: fileNames(spec),
      index: () => (index ??= buildIndex(spec.modules)),
      provided: () => (provided ??= providedNames(spec)),
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

/** A Provides item's name: `DeltaCheck`, `class DeltaCheck(Rule)`, `fn delta_check(a: f64)`. */
const PROVIDED_NAME = /^[\s`*]*(?:(?:class|def|fn|func|function|interface|type|struct|enum|object|trait|const|val|var)\s+)?([A-Za-z_][A-Za-z0-9_]*)/;

function providedNames(spec: SpecTree): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const m of spec.modules) {
    for (const item of m.provides) {
      const name = PROVIDED_NAME.exec(item)?.[1];
      if (name === undefined) continue;
      const ids = names.get(name) ?? [];
      if (!ids.includes(m.id)) ids.push(m.id);
      names.set(name, ids);
    }
  }
  return names;
}
