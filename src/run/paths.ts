import { join, relative } from "node:path";

/** Where a project's run state lives: `<root>/.orchestrate/`. */
export class ProjectPaths {
  constructor(readonly root: string) {}

  get dir(): string {
    return join(this.root, ".orchestrate");
  }
  get db(): string {
    return join(this.dir, "state.db");
  }
  get lock(): string {
    return join(this.dir, "lock");
  }
  runDir(runId: string): string {
    return join(this.dir, "runs", runId);
  }
  /** `.orchestrate/runs/<runId>/<module>/attempt-<n>` + suffix: `.prompt.md`, `.output.md`, or a folder for logs. */
  attempt(runId: string, moduleId: string, n: number, suffix = ""): string {
    return join(this.runDir(runId), moduleId, `attempt-${n}${suffix}`);
  }
  rel(path: string): string {
    return relative(this.root, path).split("\\").join("/");
  }
}

/** Sortable, readable and unique enough for one project: `20261125-130512-7f3a`. */
export function newRunId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${Math.random().toString(16).slice(2, 6).padEnd(4, "0")}`;
}
