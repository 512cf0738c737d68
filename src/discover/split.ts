import { posix } from "node:path";
import { stronglyConnected } from "./cycles.js";
import { hasCodeAbove, MAX_FILES_APART, type FileFacts, type Unit } from "./group.js";
import { namingFolder } from "./unit-names.js";

/** Rounds of splitting; each splits at least one unit, and a project rarely needs more than a few. */
const MAX_ROUNDS = 50;

/**
 * Splits folder modules that sit in an import cycle with other modules where their files do not:
 * a folder's low-level files (`util.py`, `token.py`) imported by a sibling package whose own
 * files are imported by the folder's entry point (`cmdline.py`) would otherwise join both
 * folders, and on a library whose folders import each other the whole package, into one module.
 *
 * For each cycle of modules, each multi-file module in it is split in two: its files that
 * reach no other module of the cycle (the folder's base, which keeps its name) and the rest.
 * When no module of a cycle splits that way, its multi-file modules split into the groups of
 * files that import each other, or when each is one such group, into their files. What is still a cycle then is one between files, which the caller merges and reports.
 * Go packages are left whole: the language forbids cycles between them. Returns whether any
 * unit was split (names then need to be given again).
 */
export function splitFalseCycles(units: Unit[], facts: Map<string, FileFacts>): boolean {
  let split = false;
  const tops = topFolders(facts);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const unitOf = new Map<string, number>();
    units.forEach((u, i) => u.files.forEach((f) => unitOf.set(f, i)));
    const keys = units.map((_, i) => String(i));
    const edges = new Map(keys.map((k) => [k, new Set<string>()]));
    units.forEach((u, i) => {
      for (const f of u.files) {
        for (const target of facts.get(f)!.imports) {
          const j = unitOf.get(target);
          if (j !== undefined && j !== i) edges.get(String(i))!.add(String(j));
        }
      }
    });
    const cycles = stronglyConnected(keys, edges)
      .filter((c) => c.length > 1)
      .map((c) => c.map(Number).sort((a, b) => a - b));
    const replaced = new Map<number, Unit[]>();
    for (const cycle of cycles) {
      const splittable = cycle.filter((i) => units[i]!.files.length > 1 && units[i]!.language !== "go" && !units[i]!.target);
      for (const i of splittable) {
        const parts = baseAndRest(units[i]!, cycle.filter((j) => j !== i).flatMap((j) => units[j]!.files), cycle.flatMap((j) => units[j]!.files), facts, tops);
        if (parts) replaced.set(i, parts);
      }
      if (splittable.some((i) => replaced.has(i))) continue;
      // Then into the groups of files that import each other; failing that, into files.
      const clustered = splittable.map((i) => [i, clusters(units[i]!, facts)] as const).filter(([, parts]) => parts.length > 1);
      if (clustered.length) for (const [i, parts] of clustered) replaced.set(i, parts);
      else for (const i of splittable) replaced.set(i, units[i]!.files.map((f) => ({ id: "", language: facts.get(f)!.file.language, files: [f] })));
    }
    if (replaced.size === 0) break;
    split = true;
    units.splice(0, units.length, ...units.flatMap((u, i) => replaced.get(i) ?? [u]));
  }
  return split;
}

/**
 * The unit's files that reach none of `others` through the imports among `scope` (the cycle's
 * files), as one unit named like the unit, and the rest, named by the file most of them import;
 * undefined when either part would be empty.
 */
function baseAndRest(unit: Unit, others: string[], scope: string[], facts: Map<string, FileFacts>, tops: Set<string>): Unit[] | undefined {
  const inScope = new Set(scope);
  const importers = new Map<string, string[]>();
  for (const f of scope) {
    for (const target of facts.get(f)!.imports) if (inScope.has(target)) importers.set(target, [...(importers.get(target) ?? []), f]);
  }
  // Walk the imports backwards from the other modules' files: whatever is reached imports them.
  const reaches = new Set(others);
  const queue = [...others];
  while (queue.length) {
    for (const f of importers.get(queue.pop()!) ?? []) {
      if (reaches.has(f)) continue;
      reaches.add(f);
      queue.push(f);
    }
  }
  const base = unit.files.filter((f) => !reaches.has(f));
  const rest = unit.files.filter((f) => reaches.has(f));
  if (base.length === 0 || rest.length === 0) return undefined;
  // The larger part keeps the unit's name: its folder's, or its file's while it holds that file. The
  // project's top folder (`src/`, `yaml/`) names the project: the part with its `index.ts` or
  // `__init__.py`, the project's face, keeps that name, not its helpers.
  const name = unit.folder ?? unit.nameFrom;
  const folder = namingFolder(unit);
  const face = folder !== undefined && tops.has(folder) ? unit.files.find((f) => PACKAGE_FILE.test(f) && posix.dirname(f) === folder) : undefined;
  const [large, small] = face ? (rest.includes(face) ? [rest, base] : [base, rest]) : rest.length > base.length ? [rest, base] : [base, rest];
  // The other part is the folder's entry when it holds the folder's package file (`lexers_entry`), else named for its files.
  const entry = (files: string[]) => (folder !== undefined ? files.find((f) => PACKAGE_FILE.test(f) && posix.dirname(f) === folder) : undefined);
  const part = (files: string[]): Unit[] => {
    const named = (by: Pick<Unit, "nameFrom" | "label">) => [{ id: "", language: unit.language, files, ...by }];
    if (files === large && name && (!unit.files.includes(name) || files.includes(name))) return named({ nameFrom: name });
    const face = entry(files);
    return face ? named({ nameFrom: face }) : partUnits(files, facts);
  };
  return [...part(large), ...part(small)];
}

/** The unit's files in groups that import each other (directly or through the group), each named by its hub. */
function clusters(unit: Unit, facts: Map<string, FileFacts>): Unit[] {
  const group = new Map(unit.files.map((f) => [f, f]));
  const find = (f: string): string => (group.get(f) === f ? f : find(group.get(f)!));
  for (const f of unit.files) {
    for (const t of facts.get(f)!.imports) {
      if (!group.has(t)) continue;
      const [a, b] = [find(f), find(t)].sort();
      group.set(b!, a!);
    }
  }
  const byRoot = new Map<string, string[]>();
  for (const f of unit.files) byRoot.set(find(f), [...(byRoot.get(find(f)) ?? []), f]);
  return [...byRoot.values()].flatMap((files) => partUnits(files, facts));
}

const PACKAGE_FILE = /(?:^|\/)(?:__init__\.py|index\.[cm]?[jt]sx?)$/;

/** Files that share a word to be named by it: at least three, and two of every three of the group's files. */
const MIN_SHARED = 3;

/**
 * A part of a split module: one module named by the word most of its files' stems end or start
 * with, when they are in one folder (`_lasso_builtins.py`, `_ada_builtins.py`, ... and a
 * `_mapping.py` are `builtins`; one of them would name the rest after Lasso), else by its hub
 * file; but a few files none of which imports another (a package's `money.ts`, `ids.ts` and
 * `errors.ts` left when its `index.ts` split off) have no hub, and are a module each, as a
 * folder of a few files is.
 */
function partUnits(files: string[], facts: Map<string, FileFacts>): Unit[] {
  const language = facts.get(files[0]!)!.file.language;
  const label = sharedWord(files);
  if (label) return [{ id: "", language, files, label }];
  const within = new Set(files);
  const loose = files.length <= MAX_FILES_APART && files.every((f) => !facts.get(f)!.imports.some((t) => within.has(t)));
  if (loose) return files.map((f) => ({ id: "", language: facts.get(f)!.file.language, files: [f] }));
  return [{ id: "", language, files, nameFrom: hub(files, facts) }];
}

/** The folder and word a group of files in one folder is named by: at least three, two of every three, sharing it. */
function sharedWord(files: string[]): string[] | undefined {
  const own = files.filter((f) => !PACKAGE_FILE.test(f));
  const dir = posix.dirname(files[0]!);
  if (own.length >= MIN_SHARED && files.every((f) => posix.dirname(f) === dir)) {
    const count = new Map<string, number>();
    for (const f of own) {
      const words = posix.basename(f).replace(/\.[^.]+$/, "").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
      if (words.length < 2) continue;
      for (const w of new Set([words.at(-1)!, words[0]!])) count.set(w, (count.get(w) ?? 0) + 1);
    }
    const [word, n] = [...count].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0] ?? ["", 0];
    if (word.length >= 3 && n >= MIN_SHARED && n * 3 >= own.length * 2) return [...dir.split("/").filter((s) => s !== "."), word];
  }
  return undefined;
}

/**
 * The file the most of `files` import, then the longest, then the first by path: what the group
 * is about. Not a package file (`__init__.py`, `index.ts`) beside others: its name is the folder's, which the other part keeps.
 */
function hub(all: string[], facts: Map<string, FileFacts>): string {
  const files = all.some((f) => !PACKAGE_FILE.test(f)) ? all.filter((f) => !PACKAGE_FILE.test(f)) : all;
  const within = new Set(files);
  const count = new Map<string, number>();
  for (const f of files) for (const t of facts.get(f)!.imports) if (within.has(t)) count.set(t, (count.get(t) ?? 0) + 1);
  return [...files].sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || facts.get(b)!.codeLines - facts.get(a)!.codeLines || (a < b ? -1 : 1))[0]!;
}

/** Folders of source files with no source file in a folder above them (the project's root aside). */
function topFolders(facts: Map<string, FileFacts>): Set<string> {
  const dirs = new Set([...facts.keys()].map((f) => posix.dirname(f)));
  return new Set([...dirs].filter((d) => d !== "." && !hasCodeAbove(d, dirs)));
}
