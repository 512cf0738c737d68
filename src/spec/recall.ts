import { existsSync } from "node:fs";
import { join } from "node:path";
import { findProjectRoot } from "./root.js";
import { filesOf, listTree, readSpec } from "./listing.js";
import { listFolders } from "./folders.js";
import { INDEX, cacheDir, treeKeyOf } from "./cache-files.js";
import { openIndexOnly } from "./cache-index-only.js";

/**
 * The value kept as `name` with `keepDerived` for this project's tree, when no spec file
 * changed since (told by stat, spec/stat-index.ts) and the owned folders hold the same
 * files: found without reading, parsing or resolving any spec. Undefined otherwise, and on
 * any error (the caller then loads the tree, which reports it).
 */
export function recallDerived(projectDir: string, name: string): { root: string; value: unknown } | undefined {
  try {
    const root = findProjectRoot(projectDir);
    if (!existsSync(join(cacheDir(root), INDEX))) return undefined;
    const listing = listTree(root);
    const index = openIndexOnly(root);
    const files = filesOf(listing);
    let keys = index.unchanged(files);
    if (keys === undefined) {
      const each: string[] = [];
      for (const rel of files) {
        const key = index.keyOf(rel, join(root, rel), () => readSpec(root, rel));
        if (key === undefined) return undefined;
        each.push(key);
      }
      index.save();
      keys = each.join("\n");
    }
    const derived = index.derived();
    if (!derived || derived.treeKey !== treeKeyOf(keys, listing.shape, derived.folders, listFolders(root, derived.folders))) return undefined;
    const found = derived.values.find(([n]) => n === name);
    return found ? { root, value: found[1] } : undefined;
  } catch {
    return undefined;
  }
}

