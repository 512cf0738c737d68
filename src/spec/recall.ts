import { existsSync } from "node:fs";
import { join } from "node:path";
import { findProjectRoot } from "./root.js";
import { readSpec } from "./listing.js";
import { listedBefore, listNow } from "./listing-snapshot.js";
import { listFolders } from "./folders.js";
import { INDEX, LISTING, cacheDir, parserStamp, treeKeyOf } from "./cache-files.js";
import { openIndexOnly } from "./cache-index-only.js";
import { textOf } from "./stat-index.js";

/**
 * The value kept as `name` with `keepDerived` for this project's tree, when no spec file
 * changed since (told by stat, spec/stat-index.ts) and the owned folders hold the same
 * files: found without reading, parsing or resolving any spec. Undefined otherwise, and on
 * any error (the caller then loads the tree, which reports it).
 */
export function recallDerived(projectDir: string, name: string): { root: string; value: unknown; treeKey: string } | undefined {
  try {
    const root = findProjectRoot(projectDir);
    const dir = cacheDir(root);
    if (!existsSync(join(dir, INDEX))) return undefined;
    // The tree's folders as last listed, while none of them changed (spec/listing-snapshot.ts).
    const before = listedBefore(root, join(dir, LISTING), parserStamp());
    const now = before ? undefined : listNow(root, join(dir, LISTING), parserStamp());
    const listed = before ?? now!;
    const index = openIndexOnly(root);
    const keys = index.unchanged(listed.files) ?? keysOneByOne(root, index, textOf(listed.files));
    if (keys === undefined) return undefined;
    now?.keep();
    const derived = index.derived();
    if (!derived || derived.treeKey !== treeKeyOf(keys, listed.shape, derived.folders, listFolders(root, derived.folders))) return undefined;
    const found = derived.values.find(([n]) => n === name);
    return found ? { root, value: found[1], treeKey: derived.treeKey } : undefined;
  } catch {
    return undefined;
  }
}

/** The files' keys joined by line ends, each from the index or read, when some file changed; the index is written again. */
function keysOneByOne(root: string, index: ReturnType<typeof openIndexOnly>, files: string): string | undefined {
  const keys: string[] = [];
  for (const rel of files === "" ? [] : files.split("\0")) {
    const key = index.keyOf(rel, join(root, rel), () => readSpec(root, rel));
    if (key === undefined) return undefined;
    keys.push(key);
  }
  index.save();
  return keys.join("\n");
}
