import { hash } from "node:crypto";
import { statSync, type Stats } from "node:fs";

/**
 * Which spec files changed since the cache was written, told by `stat` as git's index tells
 * it: a file whose size, mtime, ctime and inode are the ones recorded has the recorded
 * content key, and is not read to know it. ctime moves on every write, even one that puts
 * the old mtime back (`touch -d`, `cp -p`). Times are Node's `mtimeMs` (a double: a quarter
 * of a microsecond at today's dates), not BigInt nanoseconds: those cost a Date and BigInts
 * per file for 10,000 files, and a tick that fine is within the racy margin anyway.
 *
 * "Racily clean" (git's term): a write within the same timestamp tick as the stat that was
 * recorded leaves the stat unchanged. So an entry is trusted only when its mtime and ctime
 * are older than the scan that recorded it, less `RACY_MS` for coarse filesystem clocks; a
 * newer one is hashed again on each load until a later scan records it as old enough.
 */
export interface StatIndex {
  /** The key recorded for `rel`, when its stat is unchanged and not racy; else undefined. */
  known(rel: string, stat: Stats): string | undefined;
  /** Records the key of the text read for `rel`, with the stat taken before reading it. */
  record(rel: string, stat: Stats, key: string): void;
  /** Whether the index to write differs from the one read (a file changed, came or went, or turned old enough). */
  changed(): boolean;
  /** The index to write: the files recorded since opening. */
  toJSON(): IndexData;
}

/** A file's record: size, mtime and ctime (ms), inode, key. */
type Row = [size: number, mtimeMs: number, ctimeMs: number, ino: number, key: string];

export interface IndexData {
  /** `Date.now()` before the first stat of the scan that wrote this index. */
  scanned: number;
  files: Record<string, Row>;
}

/** Margin for filesystems whose timestamps are coarse (FAT: 2 s) and kernel clocks that lag a tick. */
export const RACY_MS = 2_000;

/** The content key of a spec file: its path with its text (a module's id and layer come from its path). */
export function contentKey(rel: string, text: string): string {
  return hash("sha256", `${rel}\0${text}`, "base64url");
}

/** A spec file's stat, taken before it is read; undefined when it cannot be stat'd. */
export function statOf(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

export function openStatIndex(old: IndexData | undefined): StatIndex {
  const scanned = Date.now();
  const oldFiles = old?.files ?? {};
  // Trusted: written before the old scan started, less the margin; the old scan saw its last write.
  const trustedBefore = (old?.scanned ?? 0) - RACY_MS;
  const files: Record<string, Row> = Object.create(null) as Record<string, Row>;
  let count = 0;
  let differs = old === undefined;

  return {
    known(rel, stat) {
      const row = oldFiles[rel];
      if (!row || stat.mtimeMs >= trustedBefore || stat.ctimeMs >= trustedBefore) return undefined;
      if (row[0] !== stat.size || row[1] !== stat.mtimeMs || row[2] !== stat.ctimeMs || row[3] !== stat.ino) return undefined;
      return typeof row[4] === "string" ? row[4] : undefined;
    },
    record(rel, stat, key) {
      const row: Row = [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, key];
      const before = oldFiles[rel];
      // A racy entry re-recorded by a later scan may now be trusted: worth writing.
      if (!before || before.some((v, i) => v !== row[i]) || stat.mtimeMs >= trustedBefore || stat.ctimeMs >= trustedBefore) differs = true;
      if (!(rel in files)) count++;
      files[rel] = row;
    },
    changed() {
      return differs || count !== Object.keys(oldFiles).length;
    },
    toJSON() {
      return { scanned, files };
    },
  };
}
