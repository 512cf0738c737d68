import { posix } from "node:path";
import type { Unit } from "./group.js";
import { stronglyConnected } from "./cycles.js";
import { commonFolder } from "../common-folder.js";

/**
 * A dependency a build declares between two of the project's folders (Nx's `implicitDependencies`,
 * Gradle's `project(":core")`, a .csproj's `ProjectReference`, a BUILD file's `deps`), which the
 * code may not show by an import: a plugin loaded at run time, a migration run before the app.
 */
export interface DeclaredDependency {
  /** The depending project's folder, project-relative. */
  dir: string;
  /** The folder of the project it depends on. */
  on: string;
  /** What declares it, for a note: "Nx's implicit dependency", "Gradle's project dependency". */
  by: string;
  /** The names the build gives the two, for a note (`dispatch`, `:core`). */
  names: [string, string];
}

/**
 * Adds the dependencies a build declares to the modules' (`deps`, by unit id) where no module of the
 * depending project already depends on one of the other's: then each module at the top of the
 * depending project (no other module of it imports it) depends on each at the top of the other (its
 * public face). A module is in the deepest project folder (`projects`, or one a dependency names) holding all its files. One that
 * would close a cycle is left out and said so, since a spec tree's dependencies have no cycle.
 */
export function addDeclaredDependencies(units: readonly Unit[], deps: Map<string, Set<string>>, declared: readonly DeclaredDependency[], projects: readonly string[] = []): string[] {
  if (declared.length === 0) return [];
  // Every project's folder, whether or not it declares one: a module of a project inside another's folder is not the outer one's.
  const dirs = new Set([...projects, ...declared.flatMap((d) => [d.dir, d.on])]);
  const projectOf = new Map<string, string>();
  for (const u of units) {
    if (u.files.length === 0) continue;
    // Up from the folder all its files share, to the first that is a project's.
    for (let dir: string | undefined = commonFolder(u.files); dir !== undefined; dir = dir === "" ? undefined : posix.dirname(dir).replace(/^\.$/, "")) {
      if (!dirs.has(dir)) continue;
      projectOf.set(u.id, dir);
      break;
    }
  }
  const byProject = new Map<string, string[]>();
  for (const [id, dir] of projectOf) byProject.set(dir, [...(byProject.get(dir) ?? []), id]);
  const inside = (dir: string) => byProject.get(dir) ?? [];
  // A project's top is read before any edge is added: the edges added run between projects, never inside one.
  const tops = new Map([...byProject].map(([dir, ids]) => {
    const used = new Set(ids.flatMap((id) => [...deps.get(id)!]));
    return [dir, ids.filter((id) => !used.has(id))];
  }));
  const top = (dir: string) => tops.get(dir) ?? [];
  const added: { source: string; target: string; why: DeclaredDependency }[] = [];
  for (const why of declared) {
    if (why.dir === why.on) continue;
    const others = new Set(inside(why.on));
    if (inside(why.dir).some((id) => [...deps.get(id)!].some((d) => others.has(d)))) continue;
    for (const source of top(why.dir)) {
      for (const target of top(why.on)) {
        if (source === target || deps.get(source)!.has(target)) continue;
        deps.get(source)!.add(target);
        added.push({ source, target, why });
      }
    }
  }
  // All in at once, then those in a cycle out and back one by one where they close none: one pass over the
  // graph where no declared dependency closes a cycle (the usual case), not a search for each.
  const component = new Map<string, number>();
  stronglyConnected([...deps.keys()], deps).forEach((c, i) => c.length > 1 && c.forEach((id) => component.set(id, i)));
  const cyclic = added.filter(({ source, target }) => component.has(source) && component.get(source) === component.get(target));
  for (const { source, target } of cyclic) deps.get(source)!.delete(target);
  const notes: string[] = [];
  for (const { source, target, why } of cyclic) {
    if (reaches(deps, target, source)) notes.push(`${source}: ${why.by} of ${why.names[0]} on ${why.names[1]} left out: ${target} already depends on ${source}, and the tree's dependencies have no cycle`);
    else deps.get(source)!.add(target);
  }
  return notes;
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
