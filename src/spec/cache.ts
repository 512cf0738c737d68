import { existsSync, readFileSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";
import { serialize } from "node:v8";
import { derivedFacts, digest, rememberDigest, rememberFacts } from "./derived.js";
import { lineTable, type ParsedModule } from "./module.js";
import { contentKey, openStatIndex } from "./stat-index.js";
import { DERIVED, INDEX, MAX_DERIVED, SPECS, cacheDir, parserStamp, readDerived, readIndex, shapeKey, treeKeyOf, writeAtomic, writeIndex, type DerivedFile, type Entry, type Resolution, type SpecsFile } from "./cache-files.js";

export { cacheDir, parserStamp, type Resolution } from "./cache-files.js";

/**
 * A parse cache for spec trees, in `.orchestrate/cache/`. Safe to delete; used only when
 * orchestrate's version and the parser's own code are the ones that wrote it (`stamp`), so
 * an upgrade or a local change of the parser never serves a stale parse. Three files:
 * - `index.v8`: each spec file's stat and content key (spec/stat-index.ts), so an unchanged
 *   file is known without hashing it, and an unchanged tree without reading any spec;
 * - `specs.json`: content key -> the module parsed from that text, and the resolution of the
 *   last tree (a `plan` of 10,000 modules spends most of its time parsing);
 * - `derived.v8`: values callers keep under the last tree's key (`plan` keeps its plan), read
 *   only by `recall`, when nothing changed.
 */
export interface SpecCache {
  /** The text of the spec file `rel`, as read with the stat taken before reading it; its key is recorded, from the stat index when unchanged. */
  source(rel: string, read: { text: string; stat: Stats }): string;
  /** The parse of `source` (given to `source` as `rel` before), from the cache or from `parse` (then stored). */
  module(rel: string, source: string, parse: () => ParsedModule): ParsedModule;
  /**
   * The key of the tree: the files given to `source` so far (in order), `shape` (the rest of
   * its form) and what resolution reads besides: the owned `folders` and the files found in them.
   */
  treeKey(shape: string, folders: string[], projectFiles: string[]): string;
  /** The resolution stored under `key`, when it is the last one saved. */
  resolution(key: string): Resolution | undefined;
  /** Keeps `resolution` under `key`, to be saved with the entries. */
  keepResolution(key: string, resolution: Resolution): void;
  /** Keeps `value` (v8-serialisable) as `name` under `treeKey`, to be saved; others of that tree are kept too, up to a few. */
  keep(treeKey: string, name: string, value: unknown): void;
  /** Writes what changed since opening (dropping unused entries). Never throws. */
  save(): void;
}

/**
 * Opens the project's cache: a missing, unreadable or other-version file is an empty cache.
 * `save` is meant to be called once the tree is loaded, before its modules are handed out.
 */
export function openSpecCache(root: string): SpecCache {
  const dir = cacheDir(root);
  const stamp = parserStamp();
  const index = openStatIndex(readIndex(join(dir, INDEX), stamp));
  const { entries: old, tree: oldTree } = readSpecs(join(dir, SPECS), stamp);
  const used: Record<string, Entry> = {};
  const keys: string[] = [];
  const keyByRel = new Map<string, string>();
  let misses = 0;
  let tree = oldTree;
  let derived: DerivedFile | undefined;
  let treeFolders: string[] = [];

  return {
    source(rel, { text, stat }) {
      const key = index.known(rel, stat) ?? contentKey(rel, text);
      index.record(rel, stat, key);
      keys.push(key);
      keyByRel.set(rel, key);
      return text;
    },
    module(rel, source, parse) {
      const key = keyByRel.get(rel) ?? contentKey(rel, source);
      const hit = old[key];
      if (hit && Number.isInteger(hit.bodyStart) && hit.bodyStart >= 0 && hit.bodyStart <= source.length) {
        used[key] = hit;
        rememberFacts(hit.digest, hit.facts);
        const body = source.slice(hit.bodyStart);
        // The plan digests the body again: the entry has it, computed from the same text.
        if (typeof hit.digest === "string") rememberDigest(body, hit.digest);
        const { fileLines, ...module } = hit.module;
        return { ...module, ...(Array.isArray(fileLines) ? { fileLines: lineTable(fileLines) } : {}), body };
      }
      const parsed = parse();
      misses++;
      const { body, fileLines, ...rest } = parsed;
      // The body is the text after the front matter, so a suffix of the source. The entry
      // shares the module's parts, as a hit's does: `save` runs before anyone changes them.
      if (source.endsWith(body)) {
        const bodyDigest = digest(body);
        used[key] = { module: { ...rest, ...(fileLines ? { fileLines: Object.entries(fileLines) } : {}) }, bodyStart: source.length - body.length, digest: bodyDigest, facts: derivedFacts(body, bodyDigest) };
      }
      return parsed;
    },
    treeKey(shape, folders, projectFiles) {
      treeFolders = folders;
      return treeKeyOf(keys.join("\n"), shapeKey(shape), folders, projectFiles);
    },
    resolution(key) {
      return tree?.key === key ? tree.resolution : undefined;
    },
    keepResolution(key, resolution) {
      tree = { key, resolution };
    },
    keep(treeKey, name, value) {
      if (derived?.treeKey !== treeKey) derived = { stamp, treeKey, folders: treeFolders, values: [] };
      const entry: [string, unknown] = [name, value];
      derived.values = [entry, ...derived.values.filter(([n]) => n !== name)];
    },
    save() {
      // Only into a project orchestrate already keeps state in (a run, `init`): `plan` and
      // `check` on a fresh or read-only tree, such as the bundled example, write nothing.
      if (!existsSync(dirname(dir))) return;
      try {
        // Unchanged: every entry was a hit, none went unused, and the resolution is the one read.
        if (misses > 0 || Object.keys(used).length !== Object.keys(old).length || tree !== oldTree) {
          writeAtomic(join(dir, SPECS), JSON.stringify({ stamp, entries: used, ...(tree ? { tree } : {}) } satisfies SpecsFile));
        }
        if (derived) {
          // The values other requests kept for the same tree stay, the newest first.
          const before = readDerived(join(dir, DERIVED), stamp);
          const others = before?.treeKey === derived.treeKey ? before.values.filter(([n]) => !derived!.values.some(([kept]) => kept === n)) : [];
          writeAtomic(join(dir, DERIVED), serialize({ ...derived, values: [...derived.values, ...others].slice(0, MAX_DERIVED) }));
        }
        // Last: an index naming a file's new key is only written once the rest is.
        if (index.changed()) writeIndex(join(dir, INDEX), stamp, index.toJSON());
      } catch {
        // A cache that cannot be written (read-only project, full disk) only costs speed.
      }
    },
  };
}

function readSpecs(file: string, stamp: string): Pick<SpecsFile, "entries" | "tree"> {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as SpecsFile;
    if (!data || data.stamp !== stamp || typeof data.entries !== "object" || data.entries === null) return { entries: {} };
    const tree = data.tree;
    const valid = tree && typeof tree.key === "string" && Array.isArray(tree.resolution?.dependencies) && Array.isArray(tree.resolution.warnings);
    return { entries: data.entries, ...(valid ? { tree } : {}) };
  } catch {
    return { entries: {} };
  }
}
