import type { Unit } from "./group.js";

/** One Nx project's `implicitDependencies`: the projects it depends on without importing them. */
export interface NxImplicit {
  /** The project's folder, project-relative. */
  dir: string;
  /** Project names as written: `"ledger"`, a glob (`"shop-*"`); negations (`"!x"`) are left out. */
  names: string[];
}

/**
 * A project.json's (or a package.json's `nx` field's) `implicitDependencies`, undefined when it
 * has none. A negation (`"!cart"`) only drops a dependency Nx would infer from an import: the
 * code still imports it, so the module still depends on it, and it is not read.
 */
export function readNxImplicit(dir: string, json: unknown, field?: "nx"): NxImplicit | undefined {
  const at = json && typeof json === "object" ? (json as Record<string, unknown>) : undefined;
  const holder = field ? at?.[field] : at;
  const list = holder && typeof holder === "object" ? (holder as Record<string, unknown>).implicitDependencies : undefined;
  if (!Array.isArray(list)) return undefined;
  const names = list.filter((n): n is string => typeof n === "string" && n !== "" && !n.startsWith("!"));
  return names.length ? { dir, names } : undefined;
}

/**
 * Adds Nx's implicit dependencies to the modules' (`deps`, by unit id): each module at the top of
 * the depending project (no other of its modules imports it) depends on each at the top of the
 * named project (its public face). One that would close a cycle (the named project's code imports
 * the depending one) is left out and said so, since a spec tree's dependencies have no cycle.
 * Project names are the workspaces' (an Nx project.json's `name`, else its folder's last part).
 */
export function addImplicitDependencies(units: readonly Unit[], deps: Map<string, Set<string>>, implicit: readonly NxImplicit[], workspaces: readonly { dir: string; name?: string }[]): string[] {
  const notes: string[] = [];
  const named = workspaces.filter((w) => w.dir).map((w) => ({ dir: w.dir, name: w.name ?? w.dir.split("/").at(-1)! }));
  for (const { dir, names } of implicit) {
    const from = topUnits(units, deps, dir);
    const self = named.find((w) => w.dir === dir)?.name ?? dir;
    for (const pattern of names) {
      const match = glob(pattern);
      for (const project of named.filter((w) => w.dir !== dir && match.test(w.name))) {
        for (const target of topUnits(units, deps, project.dir)) {
          for (const source of from) {
            if (source === target || deps.get(source)!.has(target)) continue;
            if (reaches(deps, target, source)) notes.push(`${source}: Nx's implicit dependency of ${self} on ${project.name} left out: ${target} already depends on ${source}, and the tree's dependencies have no cycle`);
            else deps.get(source)!.add(target);
          }
        }
      }
    }
  }
  return notes;
}

/** The ids of the units of a project's folder that no other unit of it depends on. */
function topUnits(units: readonly Unit[], deps: Map<string, Set<string>>, dir: string): string[] {
  const inside = units.filter((u) => u.files.length > 0 && u.files.every((f) => f.startsWith(`${dir}/`))).map((u) => u.id);
  const used = new Set(inside.flatMap((id) => [...deps.get(id)!]));
  return inside.filter((id) => !used.has(id));
}

/** Whether `to` is reachable from `from` along `deps`. */
function reaches(deps: Map<string, Set<string>>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    for (const next of deps.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return false;
}

/** An Nx project-name pattern (`*` any run of characters) as an anchored expression. */
function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
}
