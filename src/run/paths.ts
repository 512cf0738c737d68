import { isAbsolute, join, normalize, relative, sep } from "node:path";

/** A tail with no `.`, `..` or empty segment and no trailing slash: what `join` leaves. */
const PLAIN_TAIL = /(?:^|\/)\.{0,2}(?:\/|$)/;
/** A name `join` keeps as it is: one segment, not `.` or `..`. */
const PLAIN_NAME = /^(?!\.{1,2}$)[^/\\]+$/;

/** Where a project's run state lives: `<root>/.orchestrate/`. */
export class ProjectPaths {
  /** `root/` when the root is an absolute, normalised POSIX path: `rel` of a path under it is its tail. */
  private readonly under: string | undefined;
  readonly dir: string;
  private runs: { runId: string; dir: string } | undefined;

  constructor(readonly root: string) {
    this.under = sep === "/" && isAbsolute(root) && root !== "/" && normalize(root) === root && !root.endsWith("/") ? `${root}/` : undefined;
    this.dir = join(root, ".orchestrate");
  }

  get db(): string {
    return join(this.dir, "state.db");
  }
  get lock(): string {
    return join(this.dir, "lock");
  }
  runDir(runId: string): string {
    // Asked several times for every attempt, always for the same run.
    if (this.runs?.runId !== runId) this.runs = { runId, dir: join(this.dir, "runs", runId) };
    return this.runs.dir;
  }
  /** `.orchestrate/runs/<runId>/<module>/attempt-<n>` + suffix: `.prompt.md`, `.output.md`, or a folder for logs. */
  attempt(runId: string, moduleId: string, n: number, suffix = ""): string {
    const name = `attempt-${n}${suffix}`;
    const base = this.runDir(runId);
    // Plain names (module ids are) joined by hand: `join` normalises the whole path again, char by char.
    if (sep === "/" && base !== "." && base !== "/" && PLAIN_NAME.test(moduleId) && PLAIN_NAME.test(name)) return `${base}/${moduleId}/${name}`;
    return join(base, moduleId, name);
  }
  rel(path: string): string {
    // Every attempt asks for its prompt's path: the paths joined here need no `relative` (two resolves).
    if (this.under && path.startsWith(this.under)) {
      const tail = path.slice(this.under.length);
      if (!PLAIN_TAIL.test(tail)) return tail.split("\\").join("/");
    }
    return relative(this.root, path).split("\\").join("/");
  }
}

/** Sortable, readable and unique enough for one project: `20261125-130512-7f3a`. */
export function newRunId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${Math.random().toString(16).slice(2, 6).padEnd(4, "0")}`;
}
