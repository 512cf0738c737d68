import { existsSync, type Stats } from "node:fs";
import { join } from "node:path";
import { DERIVED, INDEX, cacheDir, parserStamp, readDerived, readIndex, writeIndex, type DerivedFile } from "./cache-files.js";
import { contentKey, openStatIndex, statOf, type StatIndex } from "./stat-index.js";


/**
 * Reads only the stat index, for a caller that wants to know, without reading any spec,
 * whether a tree is unchanged: `keyOf` gives each file's key (from its stat; a changed or
 * racy file is read with `read` and hashed), `derived` the last tree's kept values.
 */
export function openIndexOnly(root: string): {
  keyOf(rel: string, path: string, read: () => { text: string; stat: Stats }): string | undefined;
  /** The values kept for the last tree saved, with its key and owned folders. */
  derived(): Pick<DerivedFile, "treeKey" | "folders" | "values"> | undefined;
  /** Writes the index when a racy file turned old enough to be trusted; never throws. */
  save(): void;
} {
  const dir = cacheDir(root);
  const stamp = parserStamp();
  const index: StatIndex = openStatIndex(readIndex(join(dir, INDEX), stamp));
  return {
    keyOf(rel, path, read) {
      const stat = statOf(path);
      if (!stat) return undefined;
      const known = index.known(rel, stat);
      if (known !== undefined) {
        index.record(rel, stat, known);
        return known;
      }
      // Read, the stat that goes with the text is the one taken while reading.
      const { text, stat: readStat } = read();
      const key = contentKey(rel, text);
      index.record(rel, readStat, key);
      return key;
    },
    derived() {
      return readDerived(join(dir, DERIVED), stamp);
    },
    save() {
      try {
        if (index.changed() && existsSync(dir)) writeIndex(join(dir, INDEX), stamp, index.toJSON());
      } catch {
        // Only speed is lost.
      }
    },
  };
}

