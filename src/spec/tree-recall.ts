import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { SpecTree } from "./types.js";
import { cacheDir, parserStamp, writeAtomic } from "./cache-files.js";
import { bodyDigest, rememberSpecDigest } from "./derived.js";
import { recalled, treeKeyOfLoaded } from "./load.js";
import { lineTable } from "./owned-paths.js";
import { recallDerived } from "./recall.js";
import { findProjectRoot } from "./root.js";

/** The last tree a run loaded, whole, under its key: `recallTree` serves it while the tree stays the same. */
export const TREE = "tree.v8";

/** Read first, alone: a tree of another key is not deserialised. */
interface Header {
  stamp: string;
  treeKey: string;
  modules: number;
}

interface Body {
  tree: SpecTree;
  /** Each module's body digest, in order (as the plan has them): remembered again, not hashed again. */
  digests: string[];
}

/** Drops the tree kept for `root`, if any: a run that keeps none (its tree too large) has no kept tree looked for. */
export function forgetTree(root: string): void {
  try {
    rmSync(join(cacheDir(root), TREE), { force: true });
  } catch {
    // Left as it is, it is only read under its tree's key.
  }
}

/**
 * Keeps `tree` (a `loadSpec(dir, { cache: true })`, not yet changed nor saved: `saveSpecCache` lets
 * its key go) whole, for the next run
 * of the same tree (`recallTree`). Nothing is kept for a tree without a key (its resolution
 * read source files). Never throws: only speed is lost.
 */
export function keepTree(tree: SpecTree): void {
  const treeKey = treeKeyOfLoaded(tree);
  // Like the spec cache, never the reason a project has a `.orchestrate/`.
  if (treeKey === undefined || !existsSync(join(tree.root, ".orchestrate"))) return;
  try {
    const header = serialize({ stamp: parserStamp(), treeKey, modules: tree.modules.length } satisfies Header);
    const body = serialize({ tree, digests: tree.modules.map(bodyDigest) } satisfies Body);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeAtomic(join(cacheDir(tree.root), TREE), [length, header, body]);
  } catch {
    // Only speed is lost.
  }
}

/**
 * The tree a run loaded last (`keepTree`) and the value kept for it as `name` (`keepDerived`),
 * when no spec file changed since and the owned folders hold the same files (spec/recall.ts),
 * without listing the tree's folders again or reading, parsing or resolving any spec: a run of
 * 1,000 modules loaded its kept specs in about 100 ms of CPU, and reads them back in about 20.
 * `listed` is told the tree's modules before it is read, as `loadSpec` tells it. Undefined
 * when either is not there, or on any error (the caller then loads the tree, which reports it).
 */
export function recallTree(projectDir: string, name: string, listed?: (modules: number) => void): { tree: SpecTree; value: unknown } | undefined {
  try {
    // Without a kept tree (none is kept past 2,000 modules) the kept values are not looked for: `loadSpec` would look again.
    if (!existsSync(join(cacheDir(findProjectRoot(projectDir)), TREE))) return undefined;
    const found = recallDerived(projectDir, name);
    if (!found) return undefined;
    const bytes = readFileSync(join(cacheDir(found.root), TREE));
    const end = 4 + bytes.readUInt32LE(0);
    const header = deserialize(bytes.subarray(4, end)) as Partial<Header> | undefined;
    if (header?.stamp !== parserStamp() || header.treeKey !== found.treeKey || typeof header.modules !== "number") return undefined;
    listed?.(header.modules);
    const { tree, digests } = deserialize(bytes.subarray(end)) as Body;
    if (!Array.isArray(tree?.modules) || !Array.isArray(digests) || digests.length !== tree.modules.length) return undefined;
    // The project may have moved: the tree is the same, its root is where it is now.
    tree.root = found.root;
    tree.modules.forEach((m, i) => {
      // As loadSpec makes it: without a prototype (spec/owned-paths.ts), which serialising does not keep.
      if (m.fileLines) m.fileLines = lineTable(Object.entries(m.fileLines));
      rememberSpecDigest(m.specFile, m.body, digests[i]!);
    });
    recalled(tree, found.treeKey);
    return { tree, value: found.value };
  } catch {
    return undefined;
  }
}
