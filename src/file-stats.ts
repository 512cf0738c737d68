import { statSync } from "node:fs";
import { dirname } from "node:path";

/** What a run needs to know of a file: whether it is one, and what tells a changed one. */
export interface FileStat {
  isFile: boolean;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The stat of `path`, or undefined when there is nothing to read there (missing, ENOTDIR, EACCES). */
export function statFile(path: string): FileStat | undefined {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s && { isFile: s.isFile(), size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return undefined;
  }
}

/**
 * Stats of a tree's files, kept until something may have changed it. Every attempt of a run
 * asks for the same files (the instruction files, the prompt template, its dependencies' and
 * its own sources, most of them not written yet): in a shared tree, an attempt that changed
 * nothing leaves them as they were, and a thousand attempts need not stat them a thousand
 * times. A file in a folder found missing is missing too: it is not looked for, so a tree
 * whose modules' folders are not written yet costs a stat per folder, not one per file.
 *
 * The run says what changed: `changed(paths)` after an agent that lists every file it
 * changes (those files and their folders are looked at again, nothing else), `forget()`
 * when the tree may have changed anywhere (an agent that cannot list every file it changed,
 * a gate that ran a command). Whatever the run knows, a stat is at most `maxAgeMs` old, so
 * an edit made by hand during a run is seen within that time.
 */
export class FileStats {
  private readonly known = new Map<string, FileStat | null>();
  /** Folders by path: false when none of their files can exist (missing, or not a folder), true when they may hold some. */
  private readonly folders = new Map<string, boolean>();
  /** What callers derived from the stats (memo), dropped with them. */
  private readonly memos = new Map<string, unknown>();
  private since: number;

  constructor(
    /** @default 1000 */
    private readonly maxAgeMs = 1000,
    private readonly stat: (path: string) => FileStat | undefined = statFile,
    // Date.now, not performance.now: asked on every lookup (tens per attempt), where performance.now
    // cost a 1,000-module run about 20 ms; a clock set back is caught in `expire`.
    private readonly clock: () => number = Date.now,
  ) {
    this.since = clock();
  }

  /** The file's stat, taken now or since it last changed (or the last `forget()`), and at most `maxAgeMs` ago. */
  of(path: string): FileStat | undefined {
    this.expire();
    const s = this.known.get(path);
    if (s !== undefined) return s ?? undefined;
    // In a folder found missing: missing too, without a look. Kept like any other answer: every
    // attempt asks again for the same files of folders not written yet (a module's tests, the
    // project files of its folders), and finding the folder each time cost more than the answer.
    const found = this.mayHold(dirname(path)) ? this.stat(path) : undefined;
    this.known.set(path, found ?? null);
    return found;
  }

  /**
   * These files (absolute paths) were written, created or deleted, and nothing else was: each
   * is looked at again, and so is each folder above it (a new file may have made them).
   */
  changed(paths: Iterable<string>): void {
    for (const path of paths) {
      this.memos.clear();
      this.known.delete(path);
      this.folders.delete(path);
      for (let dir = path, up = dirname(dir); up !== dir; dir = up, up = dirname(dir)) {
        this.folders.delete(up);
        // A file before, a folder now.
        this.known.delete(up);
      }
    }
  }

  /** The tree may have changed: every stat is taken again. */
  forget(): void {
    this.known.clear();
    this.folders.clear();
    this.memos.clear();
    this.since = this.clock();
  }

  /**
   * A value derived from these stats under `key` (made by `make` when there is none), kept until
   * they are forgotten or a file changes: which folders hold a project, asked for every module's
   * prompt, is the same for all while no file changed.
   */
  memo<T>(key: string, make: () => T): T {
    this.expire();
    let value = this.memos.get(key) as T | undefined;
    if (value === undefined) this.memos.set(key, (value = make()));
    return value;
  }

  private expire(): void {
    const age = this.clock() - this.since;
    if (age > this.maxAgeMs || age < 0) this.forget();
  }

  /**
   * Whether files may exist in `dir`: not when it or a folder above it is missing. Each
   * folder is looked at once (until forgotten), so the files of the folders under a missing
   * one are not looked for at all.
   */
  private mayHold(dir: string): boolean {
    let may = this.folders.get(dir);
    if (may === undefined) {
      const up = dirname(dir);
      if (up !== dir && !this.mayHold(up)) may = false;
      else {
        const s = this.stat(dir);
        may = s !== undefined && !s.isFile;
      }
      this.folders.set(dir, may);
    }
    return may;
  }
}
