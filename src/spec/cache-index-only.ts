import { existsSync, type Stats } from "node:fs";
import { join } from "node:path";
import { DERIVED, INDEX, cacheDir, parserStamp, readDerived, readIndex, writeIndex, type DerivedFile } from "./cache-files.js";
import { allKnown, contentKey, openStatIndex, statOf, type StatIndex } from "./stat-index.js";

/**
 * Reads only the stat index, for a caller that wants to know, without reading any spec,
 * whether a tree is unchanged: `unchanged` gives all the files' keys when none changed,
 * else `keyOf` gives each file's key (from its stat; a changed or racy file is read with
 * `read` and hashed); `derived` the last tree's kept values.
 */
export function openIndexOnly(root: string): {
  /** The keys of `files` (joined by NUL, UTF-8) joined by line ends, when they are the files indexed and not one changed; else undefined. */
  unchanged(files: Uint8Array): Uint8Array | undefined;
  keyOf(rel: string, path: string, read: () => { text: string; stat: Stats }): string | undefined;
  /** The values kept for the last tree saved, with its key and owned folders. */
  derived(): Pick<DerivedFile, "treeKey" | "folders" | "values"> | undefined;
  /** Writes the index when a file changed or a racy one turned old enough to be trusted; never throws. */
  save(): void;
} {
  const dir = cacheDir(root);
  const stamp = parserStamp();
  const data = readIndex(join(dir, INDEX), stamp);
  // Built only when some file changed: `unchanged` needs no table of the files.
  let index: StatIndex | undefined;
  const opened = () => (index ??= openStatIndex(data));
  return {
    unchanged(files) {
      return data && allKnown(data, files, statPrefix(root));
    },
    keyOf(rel, path, read) {
      const stat = statOf(path);
      if (!stat) return undefined;
      const known = opened().known(rel, stat);
      if (known !== undefined) {
        opened().record(rel, stat, known);
        return known;
      }
      // Read, the stat that goes with the text is the one taken while reading.
      const { text, stat: readStat } = read();
      const key = contentKey(rel, text);
      opened().record(rel, readStat, key);
      return key;
    },
    derived() {
      return readDerived(join(dir, DERIVED), stamp);
    },
    save() {
      try {
        if (index?.changed() && existsSync(dir)) writeIndex(join(dir, INDEX), stamp, index.toJSON());
      } catch {
        // Only speed is lost.
      }
    },
  };
}

/**
 * What goes before a spec's path in the project to stat it: nothing when the project is the
 * working folder, as when `plan` runs in it, so that the kernel walks none of the folders
 * above the project for each of 10,000 files.
 */
export function statPrefix(root: string): string {
  return root === process.cwd() ? "" : join(root, "/");
}
