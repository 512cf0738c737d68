import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { filesOf, listTree } from "./listing.js";
import { INDEX, LISTING, cacheDir, parserStamp, shapeKey, writeAtomic } from "./cache-files.js";
import { RACY_MS, statOf } from "./stat-index.js";

/**
 * What `recall` needs of a listing (spec/listing.ts): the spec files, in order, and the
 * tree's shape. Kept with the stats of the folders it read, since adding, removing or
 * renaming an entry moves its folder's mtime and ctime: while no folder changed, the tree
 * lists the same, and a `plan` of an unchanged tree of 10,000 modules neither reads the
 * folders nor checks 10,000 names again. The stats are trusted as the stat index trusts a
 * file's (spec/stat-index.ts): when older than the scan that recorded them, less `RACY_MS`.
 */
export interface Listed {
  /** The spec files (`filesOf`), joined by NUL, as UTF-8 (as the stat index keeps them). */
  files: Uint8Array;
  /** The tree's shape, as `shapeKey` gives it. */
  shape: string;
}

interface Snapshot extends Listed {
  stamp: string;
  /** `Date.now()` before the listing was read. */
  scanned: number;
  /** The folders it read, joined by NUL. */
  dirs: string;
  /** Per folder: mtime and ctime (ms) and inode; NaN for one that did not exist (made since, it has a stat). */
  stats: Float64Array;
}

const WIDTH = 3;

/** The listing kept in `file`, when it was kept under `stamp` and no folder it read has changed since. */
export function listedBefore(root: string, file: string, stamp: string): Listed | undefined {
  let kept: Partial<Snapshot> | undefined;
  try {
    kept = deserialize(readFileSync(file)) as Partial<Snapshot> | undefined;
  } catch {
    return undefined;
  }
  if (kept?.stamp !== stamp || typeof kept.scanned !== "number" || typeof kept.dirs !== "string" || !(kept.stats instanceof Float64Array) || !(kept.files instanceof Uint8Array) || typeof kept.shape !== "string") return undefined;
  const dirs = kept.dirs.split("\0");
  if (kept.stats.length !== dirs.length * WIDTH) return undefined;
  return sameStats(root, dirs, kept.stats, kept.scanned) ? { files: kept.files, shape: kept.shape } : undefined;
}

/**
 * Lists the tree now (throws as `listTree` does), and `keep` writes the listing to `file`
 * for `listedBefore`, unless a folder changed too recently to be trusted.
 */
export function listNow(root: string, file: string, stamp: string): Listed & { keep(): void } {
  const scanned = Date.now();
  const listing = listTree(root);
  const listed = { files: Buffer.from(filesOf(listing).join("\0")), shape: shapeKey(listing.shape) };
  return {
    ...listed,
    keep() {
      // Taken after reading them: a folder whose stat is older than the scan's start did not change while it was read.
      // A layer's modules/ folder is kept also while it does not exist: made, it has a stat.
      const dirs = [".claude/system", ".claude/layers", ...new Set([...listing.layers.flatMap((l) => [`.claude/layers/${l.id}`, `.claude/layers/${l.id}/modules`]), ...listing.dirs])];
      const stats = new Float64Array(dirs.length * WIDTH);
      dirs.forEach((rel, i) => {
        const stat = statOf(join(root, rel));
        stats.set(stat ? [stat.mtimeMs, stat.ctimeMs, stat.ino] : [NaN, NaN, NaN], i * WIDTH);
      });
      if (stats.some((t, i) => i % WIDTH !== 2 && t >= scanned - RACY_MS)) return;
      try {
        writeAtomic(file, serialize({ stamp, scanned, dirs: dirs.join("\0"), stats, ...listed } satisfies Snapshot));
      } catch {
        // Only speed is lost.
      }
    },
  };
}

/**
 * Lists the tree and keeps its listing, in a project whose spec cache is written: for a
 * caller that just saved it (`plan` keeping a plan), so that the next `plan` need not list
 * the tree either. Never throws.
 */
export function keepListing(root: string): void {
  try {
    const dir = cacheDir(root);
    if (existsSync(join(dir, INDEX))) listNow(root, join(dir, LISTING), parserStamp()).keep();
  } catch {
    // Only speed is lost.
  }
}

function sameStats(root: string, dirs: string[], stats: Float64Array, scanned: number): boolean {
  const trustedBefore = scanned - RACY_MS;
  for (let i = 0, at = 0; i < dirs.length; i++, at += WIDTH) {
    const stat = statOf(join(root, dirs[i]!));
    if (!stat) {
      if (!Number.isNaN(stats[at])) return false;
      continue;
    }
    if (stat.mtimeMs >= trustedBefore || stat.ctimeMs >= trustedBefore) return false;
    if (stats[at] !== stat.mtimeMs || stats[at + 1] !== stat.ctimeMs || stats[at + 2] !== stat.ino) return false;
  }
  return true;
}
