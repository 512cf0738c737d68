import { existsSync, mkdirSync, renameSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gitOk } from "../workspace/git.js";

/*
 * What a read-only attempt in the project's own tree (`--isolation shared`) changed, put back
 * without copying anything before the attempt: a file it added is moved away, and a file it
 * changed or removed is checked out from HEAD when git says it had no uncommitted change
 * before the attempt (HEAD then holds exactly what was there). Every version the attempt left
 * is kept under `keep` first, so a change someone else made meanwhile is never lost.
 */

/** What `restoreTree` did. */
export interface Restored {
  /** Put back as they were. */
  restored: string[];
  /** Left as the attempt made them: they had uncommitted changes before it, or git is not there. */
  left: string[];
}

/** Tracked files under `dir` that differ from HEAD (staged or not), relative to it; undefined outside a git repository (or one with no commit). */
export async function uncommitted(dir: string): Promise<Set<string> | undefined> {
  try {
    return new Set(split(await gitOk(["diff", "HEAD", "--name-only", "--relative", "-z", "--no-renames"], dir)));
  } catch {
    return undefined;
  }
}

/**
 * Puts back `changed` (relative to `dir`): `added` are the files the attempt created,
 * `dirty` what `uncommitted` said before it (undefined outside git).
 */
export async function restoreTree(dir: string, changed: string[], added: ReadonlySet<string>, dirty: ReadonlySet<string> | undefined, keep: string): Promise<Restored> {
  const restored: string[] = [];
  const left: string[] = [];
  const fromHead: string[] = [];
  const others = changed.filter((p) => !added.has(p));
  const known = dirty && others.length ? new Set(split(await gitOk(["--literal-pathspecs", "ls-files", "-z", "--", ...others], dir))) : new Set<string>();
  for (const path of changed) {
    const file = join(dir, path);
    const kept = join(keep, path);
    if (added.has(path)) {
      // Gone already: another read-only attempt running beside this one saw it too and moved it away.
      if (existsSync(file)) {
        mkdirSync(dirname(kept), { recursive: true });
        renameSync(file, kept);
      }
      restored.push(path);
    } else if (dirty && !dirty.has(path) && known.has(path)) {
      if (existsSync(file)) {
        mkdirSync(dirname(kept), { recursive: true });
        copyFileSync(file, kept);
      }
      fromHead.push(path);
    } else left.push(path);
  }
  if (fromHead.length) {
    await gitOk(["--literal-pathspecs", "checkout", "HEAD", "--", ...fromHead], dir);
    restored.push(...fromHead);
  }
  return { restored: restored.sort(), left };
}

function split(out: string): string[] {
  return out.split("\0").filter(Boolean);
}
