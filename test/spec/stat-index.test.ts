import { readFileSync, statSync, utimesSync, writeFileSync, type Stats } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject } from "../helpers/project.js";
import { allKnown, keyOf, openStatIndex, RACY_MS, type IndexData } from "../../src/spec/stat-index.js";

/** The fields of a stat the index reads. */
const stat = (over: Partial<Pick<Stats, "size" | "mtimeMs" | "ctimeMs" | "ino">> = {}) => ({ size: 100, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7, ...over }) as Stats;
/** An index written by a scan at `scanned`, holding one file recorded with `stat()` and key "K". */
const indexOf = (scanned: number) => openStatIndex({ scanned, files: Buffer.from("a.md"), stats: Float64Array.of(100, 1_000_000, 1_000_000, 7), keys: Buffer.from("K") });
const OLD_ENOUGH = 1_000_000 + RACY_MS + 1;

describe("a spec's content key", () => {
  it("is the same from the file's bytes as from its text: with front matter or none, emoji in either, an empty body", () => {
    for (const text of ["---\nowns: [a/é.py]\n---\n# 📦 M1\n\nBody ✓.\n", "# 📦 M1\n\nNo front matter.\n", "---\nname: x\n---\n", "---\nname: 🎯\n---\n# Body\n", ""]) {
      const fromText = keyOf("a/M1_AGENT.md", text);
      const fromBytes = keyOf("a/M1_AGENT.md", text, Buffer.from(text));
      expect(fromBytes, text).toEqual(fromText);
    }
  });

  it("hashes the body's bytes when given them: the front matter's are left out by their UTF-8 length, not its characters", () => {
    const text = "---\nowns: [é/ü.py]\n---\n# M1\n";
    // Bytes that are not the text's, past the front matter: the body's hash is of those bytes.
    const other = Buffer.concat([Buffer.from("---\nowns: [é/ü.py]\n---\n"), Buffer.from("# M2\n")]);
    expect(keyOf("a.md", text, other).bodyHash).toBe(keyOf("a.md", "---\nowns: [é/ü.py]\n---\n# M2\n").bodyHash);
  });
});

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

  it("tells, before any stat, a file it cannot know: none recorded, or recorded racy (a load reads it without stat'ing it first)", () => {
    expect(indexOf(OLD_ENOUGH).mayKnow("a.md")).toBe(true);
    expect(indexOf(OLD_ENOUGH).mayKnow("b.md")).toBe(false);
    expect(indexOf(1_000_000).mayKnow("a.md")).toBe(false);
    expect(indexOf(1_000_000 + RACY_MS).mayKnow("a.md")).toBe(false);
    // Whatever its stat now, a racy entry gives no key: the stat would have told nothing.
    for (const now of [stat(), stat({ mtimeMs: 1 }), stat({ size: 1 })]) expect(indexOf(1_000_000 + RACY_MS).known("a.md", now)).toBeUndefined();
    // A racy mtime or a racy ctime alone is enough.
    const one = (mtime: number, ctime: number) => openStatIndex({ scanned: OLD_ENOUGH, files: Buffer.from("a.md"), stats: Float64Array.of(100, mtime, ctime, 7), keys: Buffer.from("K") }).mayKnow("a.md");
    expect(one(1_000_000, OLD_ENOUGH)).toBe(false);
    expect(one(OLD_ENOUGH, 1_000_000)).toBe(false);
    expect(one(1_000_000, 1_000_000)).toBe(true);
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

  it("reads back what it wrote, file by file, whatever the order they are asked in", () => {
    const first = openStatIndex(undefined);
    const files = ["x/a.md", "x/b.md", "y/c.md"];
    files.forEach((rel, i) => first.record(rel, stat({ size: 10 + i, ino: 20 + i }), `K${i}`));
    // Recorded again: the later record stands, once.
    first.record("x/b.md", stat({ size: 99, ino: 21 }), "K1b");
    expect(first.changed()).toBe(true);
    const written = { ...first.toJSON(), scanned: OLD_ENOUGH };
    const second = openStatIndex(written);
    expect(second.known("y/c.md", stat({ size: 12, ino: 22 }))).toBe("K2");
    expect(second.known("x/b.md", stat({ size: 99, ino: 21 }))).toBe("K1b");
    expect(second.known("x/b.md", stat({ size: 11, ino: 21 }))).toBeUndefined();
    expect(second.known("x/a.md", stat({ size: 10, ino: 20 }))).toBe("K0");
    second.record("y/c.md", stat({ size: 12, ino: 22 }), "K2");
    second.record("x/a.md", stat({ size: 10, ino: 20 }), "K0");
    second.record("x/b.md", stat({ size: 99, ino: 21 }), "K1b");
    expect(second.changed()).toBe(false);
  });

  it("is no index when its columns disagree (a file's stats or key missing)", () => {
    const index = openStatIndex({ scanned: OLD_ENOUGH, files: Buffer.from("a.md\0b.md"), stats: Float64Array.of(100, 1_000_000, 1_000_000, 7), keys: Buffer.from("K\nL") });
    expect(index.known("a.md", stat())).toBeUndefined();
  });

  describe("allKnown, for a tree where nothing is to be recorded again", () => {
    /** Two real files, indexed by a scan `age` ms after now (an old enough scan by default). */
    /** `allKnown`'s keys as text, for files listed as given. */
    const known = (data: IndexData, files: string[], base: string) => {
      const keys = allKnown(data, Buffer.from(files.join("\0")), base);
      return keys && Buffer.from(keys).toString();
    };
    const reindexed = (dir: string, files: string[], age = 10 * RACY_MS) => {
      const index = openStatIndex(undefined);
      files.forEach((f, i) => index.record(f, statSync(join(dir, f)), `K${i}`));
      return { ...index.toJSON(), scanned: Date.now() + age };
    };
    const indexed = (age?: number) => {
      const dir = makeProject({});
      const files = ["a.md", "b.md"];
      for (const f of files) writeFileSync(join(dir, f), `text of ${f}`);
      return { base: `${dir}/`, dir, files, data: reindexed(dir, files, age) };
    };

    it("gives the recorded keys, joined by line ends, when the files are the ones indexed, in order, each unchanged", () => {
      const { base, files, data } = indexed();
      expect(known(data, files, base)).toBe("K0\nK1");
      expect(known(data, [...files].reverse(), base)).toBeUndefined();
      expect(known(data, [files[0]!], base)).toBeUndefined();
      expect(known(data, [...files, "c.md"], base)).toBeUndefined();
      // Stats that do not match the files in number are no index.
      expect(known({ ...data, stats: data.stats.subarray(0, 4) }, files, base)).toBeUndefined();
      expect(known({ ...data, stats: Float64Array.of(...data.stats, ...data.stats.subarray(0, 4)) }, files, base)).toBeUndefined();
      expect(known({ ...data, files: Buffer.from(""), stats: new Float64Array(0), keys: Buffer.from("") }, [], base)).toBe("");
    });

    it("gives nothing when a file is gone, was rewritten with its size and mtime put back (ctime moved), or is racy", () => {
      const gone = indexed();
      expect(known({ ...gone.data, files: Buffer.from("a.md\0x.md") }, ["a.md", "x.md"], gone.base)).toBeUndefined();
      const edited = indexed();
      const file = join(edited.dir, "b.md");
      // A whole second, which utimes puts back exactly.
      const then = Math.floor(Date.now() / 1000) - 3600;
      utimesSync(file, then, then);
      edited.data = reindexed(edited.dir, edited.files);
      expect(known(edited.data, edited.files, edited.base)).toBe("K0\nK1");
      const before = statSync(file);
      // ctime has a coarser tick on some filesystems: rewrite until it moves.
      while (statSync(file).ctimeMs === before.ctimeMs) {
        writeFileSync(file, readFileSync(file, "utf8").replace("text", "TEXT"));
        utimesSync(file, then, then);
      }
      expect(statSync(file).size).toBe(before.size);
      expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
      expect(known(edited.data, edited.files, edited.base)).toBeUndefined();
      const racy = indexed(0);
      expect(known(racy.data, racy.files, racy.base)).toBeUndefined();
    });
  });
});
