import { join, relative, sep } from "node:path";

/**
 * A run id or module id that `path.join` would leave as it is (no separator, not `.` or `..`):
 * an attempt's paths are then built by concatenation. A run makes four per attempt, and
 * joining normalises the whole path again each time.
 */
const PLAIN_SEGMENT = /^[\w-][\w.-]*$/;

/** Where a project's run state lives: `<root>/.orchestrate/`. */
export class ProjectPaths {
  private ownDir: string | undefined;
  /** The last run's folder: a process runs one run at a time. */
  private lastRun: { runId: string; dir: string } | undefined;

  constructor(readonly root: string) {}

  get dir(): string {
    return (this.ownDir ??= join(this.root, ".orchestrate"));
  }
  get db(): string {
    return join(this.dir, "state.db");
  }
  get lock(): string {
    return join(this.dir, "lock");
  }
  runDir(runId: string): string {
    if (this.lastRun?.runId !== runId) this.lastRun = { runId, dir: join(this.dir, "runs", runId) };
    return this.lastRun.dir;
  }
  /** `.orchestrate/runs/<runId>/<module>/attempt-<n>` + suffix: `.prompt.md`, `.output.md`, or a folder for logs. */
  attempt(runId: string, moduleId: string, n: number, suffix = ""): string {
    const name = `attempt-${n}${suffix}`;
    if (plain(moduleId) && plain(name)) return `${this.runDir(runId)}/${moduleId}/${name}`;
    return join(this.runDir(runId), moduleId, name);
  }
  /** `attempt(...)` relative to the root, with `/` separators: `rel(attempt(...))`. */
  relAttempt(runId: string, moduleId: string, n: number, suffix = ""): string {
    const name = `attempt-${n}${suffix}`;
    if (plain(runId) && plain(moduleId) && plain(name)) return `.orchestrate/runs/${runId}/${moduleId}/${name}`;
    return this.rel(this.attempt(runId, moduleId, n, suffix));
  }
  rel(path: string): string {
    return relative(this.root, path).split("\\").join("/");
  }
}

function plain(segment: string): boolean {
  return sep === "/" && PLAIN_SEGMENT.test(segment);
}

/** Sortable, readable and unique enough for one project: `20261125-130512-7f3a`. */
export function newRunId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${Math.random().toString(16).slice(2, 6).padEnd(4, "0")}`;
}
