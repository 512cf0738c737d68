import { hash } from "node:crypto";
import { bodyOf } from "./front-matter-split.js";
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
  /**
   * Whether `known` can give a key for `rel` with some stat: false when nothing is recorded for
   * it, or what is recorded is racy (then no stat is both the same and trusted), so a caller
   * reads the file without stat'ing it first.
   */
  mayKnow(rel: string): boolean;
  /** Records the key of the text read for `rel`, with the stat taken before reading it. */
  record(rel: string, stat: Stats, key: string): void;
  /** Whether the index to write differs from the one read (a file changed, came or went, or turned old enough). */
  changed(): boolean;
  /** The index to write: the files recorded since opening. */
  toJSON(): IndexData;
}

/**
 * The index as stored: three columns rather than a record per file, since a `plan` that
 * finds the tree unchanged reads all of it, and 10,000 small arrays cost more to parse and
 * collect than the stats they save. Text is kept as UTF-8 bytes: v8 deserialises a string
 * char by char, bytes in one copy, and `allKnown` compares the files without decoding them.
 */
export interface IndexData {
  /** `Date.now()` before the first stat of the scan that wrote this index. */
  scanned: number;
  /** The files' paths, joined by NUL (which no file name holds). */
  files: Uint8Array;
  /** Per file, in the same order: size, mtime and ctime (ms), inode. */
  stats: Float64Array;
  /** The files' content keys, in the same order, joined by line ends: as the tree's key hashes them (cache-files.ts `treeKeyOf`). */
  keys: Uint8Array;
}

/** Numbers per file in `IndexData.stats`. */
const WIDTH = 4;
const FILES_SEP = "\0";
const KEYS_SEP = "\n";

/** Margin for filesystems whose timestamps are coarse (FAT: 2 s) and kernel clocks that lag a tick. */
export const RACY_MS = 2_000;

/** The content key of a spec file: its path with its text (a module's id and layer come from its path). */
export function contentKey(rel: string, text: string): string {
  return keyOf(rel, text).key;
}

/**
 * The content key of a spec file, and the sha256 (hex) of its body (spec/front-matter-split.ts):
 * the key hashes the path, the front matter and that hash, so the body is hashed once, and the
 * body's hash is also the plan's digest of it (spec/derived.ts), which the parse would compute
 * again (a cold `plan` of 10,000 specs hashed 34 MB of two-byte text twice, about 40 ms).
 */
export function keyOf(rel: string, text: string, raw?: Uint8Array): { key: string; body: string; bodyHash: string } {
  const body = bodyOf(text);
  const head = text.slice(0, text.length - body.length);
  // The body's UTF-8 is the file's bytes after the front matter's: hashing them, where the file was read as it
  // is (`raw`, spec/read-ahead.ts), spares encoding the two-byte body again (about half the cost of its sha256).
  const bodyHash = raw ? hash("sha256", raw.subarray(head.length === 0 ? 0 : Buffer.byteLength(head)), "hex") : hash("sha256", body, "hex");
  // Unambiguous: no path holds a NUL, and the body's hash is the last 64 characters.
  const key = hash("sha256", `${rel}\0${head}\0${bodyHash}`, "base64url");
  return { key, body, bodyHash };
}

/** A spec file's stat, taken before it is read; undefined when it cannot be stat'd. */
export function statOf(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

/** Whether `data` has the index's fields (`openStatIndex` checks that the columns agree). */
export function isIndexData(data: Partial<IndexData> | undefined): data is IndexData {
  return !!data && typeof data.scanned === "number" && data.files instanceof Uint8Array && data.keys instanceof Uint8Array && data.stats instanceof Float64Array;
}

export function openStatIndex(given: IndexData | undefined): StatIndex {
  const scanned = Date.now();
  let oldRels = given ? columnOf(textOf(given.files), FILES_SEP) : [];
  let oldKeys = given ? columnOf(textOf(given.keys), KEYS_SEP) : [];
  // Columns that disagree are no index.
  const old = given && given.stats.length === oldRels.length * WIDTH && oldKeys.length === oldRels.length ? given : undefined;
  if (!old) oldRels = oldKeys = [];
  const oldStats = old?.stats ?? new Float64Array(0);
  const oldAt = new Map<string, number>();
  for (let i = 0; i < oldRels.length; i++) oldAt.set(oldRels[i]!, i);
  // Trusted: written before the old scan started, less the margin; the old scan saw its last write.
  const trustedBefore = (old?.scanned ?? 0) - RACY_MS;
  const racy = (stat: Stats) => stat.mtimeMs >= trustedBefore || stat.ctimeMs >= trustedBefore;
  const same = (i: number, stat: Stats) => {
    const at = i * WIDTH;
    return oldStats[at] === stat.size && oldStats[at + 1] === stat.mtimeMs && oldStats[at + 2] === stat.ctimeMs && oldStats[at + 3] === stat.ino;
  };
  const rels: string[] = [];
  const keys: string[] = [];
  const stats: number[] = [];
  const at = new Map<string, number>();
  let differs = old === undefined;

  return {
    known(rel, stat) {
      const i = oldAt.get(rel);
      return i === undefined || racy(stat) || !same(i, stat) ? undefined : oldKeys[i];
    },
    mayKnow(rel) {
      const i = oldAt.get(rel);
      return i !== undefined && oldStats[i * WIDTH + 1]! < trustedBefore && oldStats[i * WIDTH + 2]! < trustedBefore;
    },
    record(rel, stat, key) {
      const before = oldAt.get(rel);
      // A racy entry re-recorded by a later scan may now be trusted: worth writing.
      if (before === undefined || !same(before, stat) || oldKeys[before] !== key || racy(stat)) differs = true;
      const i = at.get(rel);
      if (i === undefined) {
        at.set(rel, rels.length);
        rels.push(rel);
        keys.push(key);
        stats.push(stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino);
      } else {
        keys[i] = key;
        stats.splice(i * WIDTH, WIDTH, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino);
      }
    },
    changed() {
      return differs || rels.length !== oldRels.length;
    },
    toJSON() {
      return { scanned, files: Buffer.from(rels.join(FILES_SEP)), stats: Float64Array.from(stats), keys: Buffer.from(keys.join(KEYS_SEP)) };
    },
  };
}

/**
 * The index's keys (joined as `IndexData.keys`), when `listed` (files joined by NUL) are the files
 * it records, in its order, and each one's stat is the one recorded and trusted; else
 * undefined. What `openStatIndex` would tell file by file, for a tree with nothing to
 * record again: a `plan` over an unchanged tree of 10,000 specs builds no table of them.
 */
export function allKnown(index: IndexData, listed: Uint8Array, base: string): Uint8Array | undefined {
  if (!bytesOf(index.files).equals(listed)) return undefined;
  const files = textOf(listed);
  const trustedBefore = index.scanned - RACY_MS;
  const stats = index.stats;
  let at = 0;
  for (let start = 0; files !== "" && start <= files.length; at += WIDTH) {
    const found = files.indexOf(FILES_SEP, start);
    const end = found === -1 ? files.length : found;
    const stat = at < stats.length ? statOf(base + files.slice(start, end)) : undefined;
    start = end + 1;
    if (!stat || stat.mtimeMs >= trustedBefore || stat.ctimeMs >= trustedBefore) return undefined;
    if (stats[at] !== stat.size || stats[at + 1] !== stat.mtimeMs || stats[at + 2] !== stat.ctimeMs || stats[at + 3] !== stat.ino) return undefined;
  }
  // As many stats as files: a column that disagrees is no index.
  return at === stats.length ? index.keys : undefined;
}

/** A Buffer over the same bytes (v8 deserialises a Buffer as a plain Uint8Array). */
export function bytesOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function textOf(bytes: Uint8Array): string {
  return bytesOf(bytes).toString();
}

function columnOf(joined: string, separator: string): string[] {
  return joined === "" ? [] : joined.split(separator);
}
