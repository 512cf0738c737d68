import type { Stats } from "node:fs";
import { describe, expect, it } from "vitest";
import { openStatIndex, RACY_MS } from "../../src/spec/stat-index.js";

/** The fields of a stat the index reads. */
const stat = (over: Partial<Pick<Stats, "size" | "mtimeMs" | "ctimeMs" | "ino">> = {}) => ({ size: 100, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7, ...over }) as Stats;
/** An index written by a scan at `scanned`, holding one file recorded with `stat()` and key "K". */
const indexOf = (scanned: number) => openStatIndex({ scanned, files: { "a.md": [100, 1_000_000, 1_000_000, 7, "K"] } });
const OLD_ENOUGH = 1_000_000 + RACY_MS + 1;

describe("the stat index", () => {
  it("knows a file's key when its size, mtime, ctime and inode are the ones recorded, and it is older than the scan", () => {
    expect(indexOf(OLD_ENOUGH).known("a.md", stat())).toBe("K");
    expect(indexOf(OLD_ENOUGH).known("b.md", stat())).toBeUndefined();
  });

  it("does not know it when any of them changed: a rewrite that puts the old mtime back still moves ctime", () => {
    for (const changed of [{ size: 101 }, { mtimeMs: 1_000_000.25 }, { ctimeMs: 1_000_500 }, { ino: 8 }]) {
      expect(indexOf(OLD_ENOUGH).known("a.md", stat(changed)), JSON.stringify(changed)).toBeUndefined();
    }
  });

  it("does not trust a racily clean entry: written within RACY_MS of the scan that recorded it, its stat can hide a later write", () => {
    // The same stat, but the scan ran at the file's own mtime (a write in the same tick after the stat would look the same).
    expect(indexOf(1_000_000).known("a.md", stat())).toBeUndefined();
    expect(indexOf(1_000_000 + RACY_MS).known("a.md", stat())).toBeUndefined();
    expect(indexOf(1_000_000 + RACY_MS).known("a.md", stat({ mtimeMs: 1_000_000 - 1 }))).toBeUndefined();
  });

  it("is written again when a file changed, came or went, or a racy entry can now be trusted; not when nothing did", () => {
    const same = indexOf(OLD_ENOUGH);
    same.record("a.md", stat(), "K");
    expect(same.changed()).toBe(false);
    const edited = indexOf(OLD_ENOUGH);
    edited.record("a.md", stat({ size: 5 }), "K2");
    expect(edited.changed()).toBe(true);
    const gone = indexOf(OLD_ENOUGH);
    expect(gone.changed()).toBe(true);
    const added = indexOf(OLD_ENOUGH);
    added.record("a.md", stat(), "K");
    added.record("b.md", stat(), "B");
    expect(added.changed()).toBe(true);
    const racy = indexOf(1_000_000);
    racy.record("a.md", stat(), "K");
    expect(racy.changed()).toBe(true);
  });
});
