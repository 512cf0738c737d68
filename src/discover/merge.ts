import { posix } from "node:path";
import { cycleWithin, stronglyConnected } from "./cycles.js";
import type { FileFacts, Unit } from "./group.js";
import { nameUnits, namingFolder } from "./unit-names.js";
import { PACKAGE_FILE, primaryFile } from "./primary.js";

/**
 * Modules joined because their files import each other in a cycle: the final module's id, and the
 * parts it was made of by the folder (`src/billing/`) or file each stood for, since they have no id of their own any more.
 */
export interface MergedCycle {
  into: string;
  modules: string[];
  cycle: string[];
}

/** Each unit's dependencies: the units its files import (`typeImports`: import for types only), and for a CMake target those it links. */
export function unitEdges(units: Unit[], facts: Map<string, FileFacts>, unitOf: Map<string, Unit>, kind: "imports" | "typeImports" = "imports"): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>(units.map((u) => [u.id, new Set<string>()]));
  const byTarget = new Map(units.flatMap((u) => (u.target ? [[u.target, u] as const] : [])));
  for (const u of units) {
    // A CMake target depends on what it links to, whether or not a file includes its headers.
    if (kind === "imports") for (const link of u.links ?? []) if (byTarget.get(link) && byTarget.get(link) !== u) deps.get(u.id)!.add(byTarget.get(link)!.id);
    for (const f of u.files) {
      for (const target of facts.get(f)![kind]) {
        const other = unitOf.get(target);
        if (other && other !== u) deps.get(u.id)!.add(other.id);
      }
    }
  }
  return deps;
}

/**
 * Units whose files import each other in a cycle become one; the cycle is reported, never hidden.
 * Then every unit is named again: a clash with a unit merged away no longer lengthens a name.
 */
export function mergeCycles(units: Unit[], facts: Map<string, FileFacts>, projectName: string): MergedCycle[] {
  const merged: MergedCycle[] = [];
  const into = new Map<MergedCycle, Unit>();
  for (let round = 0; round < MERGE_ROUNDS; round++) {
    const unitOf = new Map<string, Unit>();
    for (const u of units) for (const f of u.files) unitOf.set(f, u);
    const deps = unitEdges(units, facts, unitOf);
    const cycles = stronglyConnected(units.map((u) => u.id), deps).filter((c) => c.length > 1);
    if (cycles.length === 0) break;
    for (const component of cycles) {
      const members = units.filter((u) => component.includes(u.id));
      // The parts by their paths: their ids named units that no longer exist, lengthened by clashes
      // with each other (`seats_index`, `resources_seats`), or the merged module's own (`kite`).
      const path = new Map(members.map((m) => [m.id, m.folder !== undefined ? `${m.folder}/` : primaryFile(m, facts)]));
      const cycle = cycleWithin(component, deps).map((id) => path.get(id)!);
      const keep = members[0]!;
      const ids = members.map((m) => m.id).sort();
      keep.files = members.flatMap((m) => m.files).sort();
      // Files joined across folders or beside other modules: no longer one folder's.
      if (!members.every((m) => m.folder === keep.folder)) delete keep.folder;
      for (const m of members.slice(1)) m.files = [];
      keep.id = ids.join("_");
      const record = { into: keep.id, modules: [...path.values()].sort(), cycle };
      merged.push(record);
      into.set(record, keep);
      delete keep.nameFrom;
      // A few modules by their names (`accounts_journal`); more by the file that stands for them all.
      if (ids.length <= 3) keep.label = [keep.id];
      else {
        delete keep.label;
        keep.nameFrom = mergedName(keep, units, facts);
      }
    }
    units.splice(0, units.length, ...units.filter((u) => u.files.length > 0));
  }
  if (merged.length === 0) return merged;
  nameUnits(units, projectName);
  for (const [record, unit] of into) if (unit.files.length > 0) record.into = unit.id;
  return merged;
}

/**
 * What a cycle of more than three modules is named by: its primary file (a package's `index.ts`
 * or `__init__.py` names its folder, the project's own `src/index.ts` the project); failing a
 * package file, the folder its files share, when no other module is named by that folder.
 */
function mergedName(u: Unit, units: Unit[], facts: Map<string, FileFacts>): string {
  const primary = primaryFile(u, facts);
  const dir = u.files.map((f) => posix.dirname(f)).reduce(commonFolder);
  if (PACKAGE_FILE.test(primary) || dir === ".") return primary;
  const taken = units.some((o) => o !== u && o.files.length > 0 && namingFolder(o) === dir);
  return taken ? primary : dir;
}

/** The deepest folder holding both (`.` for none). */
function commonFolder(a: string, b: string): string {
  const x = a.split("/");
  const y = b.split("/");
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n === 0 ? "." : x.slice(0, n).join("/");
}

/** Rounds of merging: each merges every cycle it finds, and the merged units seldom make a new one. */
const MERGE_ROUNDS = 10;
