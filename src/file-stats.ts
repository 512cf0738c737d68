import { statSync } from "node:fs";

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
 * times. The run calls `forget()` whenever the tree may have changed (an agent that cannot
 * list every file it changed, a gate that ran a command); and whatever the run knows, a stat
 * is at most `maxAgeMs` old, so an edit made by hand during a run is seen within that time.
 */
export class FileStats {
  private readonly known = new Map<string, FileStat | null>();
  private since: number;

  constructor(
    /** @default 1000 */
    private readonly maxAgeMs = 1000,
    private readonly stat: (path: string) => FileStat | undefined = statFile,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.since = clock();
  }

  /** The file's stat, taken now or since the last `forget()` and at most `maxAgeMs` ago. */
  of(path: string): FileStat | undefined {
    if (this.clock() - this.since > this.maxAgeMs) this.forget();
    let s = this.known.get(path);
    if (s === undefined) this.known.set(path, (s = this.stat(path) ?? null));
    return s ?? undefined;
  }

  /** The tree may have changed: every stat is taken again. */
  forget(): void {
    this.known.clear();
    this.since = this.clock();
  }
}
