import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { git } from "./git.js";

/** The dirty files of a git work tree at one moment, seen from a folder inside it. */
export interface GitSnapshot {
  /** HEAD commit; "" in a repository without commits. */
  head: string;
  /** Dirty paths, relative to the folder, with a hash of their content ("" when missing). */
  dirty: Map<string, string>;
}

const NOT_HASHED = "not-hashed";

function contentHash(file: string): Promise<string> {
  return new Promise((resolve) => {
    const hash = createHash("sha1");
    createReadStream(file)
      .on("error", () => resolve(""))
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * Snapshot of `git status` under `cwd`, or undefined when cwd is not in a git work tree.
 * Contents are hashed (only for `hashOnly` when given), so that a file that was already
 * dirty and is changed again still counts as changed.
 */
export async function gitSnapshot(cwd: string, hashOnly?: ReadonlySet<string>): Promise<GitSnapshot | undefined> {
  // HEAD in the same rev-parse: `--verify -q` exits 1 (after the other answers) in a repository with no commit.
  const top = await git(["rev-parse", "--is-inside-work-tree", "--show-prefix", "--verify", "-q", "HEAD"], cwd).catch(() => undefined);
  if (!top || (top.code !== 0 && top.code !== 1)) return undefined;
  const [inside, prefix = "", head = ""] = top.stdout.split("\n");
  if (inside !== "true") return undefined;
  const args = ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", "."];
  const status = await git(args, cwd);
  if (status.code !== 0) return undefined;
  const dirty = new Map<string, string>();
  for (const entry of status.stdout.split("\0")) {
    // `XY path`, path relative to the repository root whatever the cwd.
    const path = entry.slice(3);
    if (entry.length < 4 || !path.startsWith(prefix)) continue;
    const rel = path.slice(prefix.length);
    const hashed = !hashOnly || hashOnly.has(rel);
    dirty.set(rel, hashed ? await contentHash(join(cwd, rel)) : NOT_HASHED);
  }
  return { head: top.code === 0 ? head : "", dirty };
}

/** Takes the "after" snapshot, hashing only what was dirty before. */
export function gitSnapshotAfter(cwd: string, before: GitSnapshot): Promise<GitSnapshot | undefined> {
  return gitSnapshot(cwd, new Set(before.dirty.keys()));
}

/**
 * Files changed between two snapshots, relative to `cwd`, sorted: newly dirty files,
 * already dirty files whose content changed, files that became clean (reverted or
 * committed), and files touched by commits made in between.
 */
export async function changedBetween(cwd: string, before: GitSnapshot, after: GitSnapshot): Promise<string[]> {
  const changed = new Set<string>();
  for (const [path, hash] of after.dirty) if (before.dirty.get(path) !== hash) changed.add(path);
  for (const path of before.dirty.keys()) if (!after.dirty.has(path)) changed.add(path);
  if (after.head && after.head !== before.head) {
    const from = before.head || (await git(["hash-object", "-t", "tree", "/dev/null"], cwd)).stdout.trim();
    const diff = await git(["diff", "--name-only", "-z", "--relative", "--no-renames", from, after.head], cwd);
    if (diff.code === 0) for (const path of diff.stdout.split("\0")) if (path) changed.add(path);
  }
  return [...changed].sort();
}
