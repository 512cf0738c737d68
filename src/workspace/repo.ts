import { realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gitOk, gitRun, hasIdentity, NEVER_COMMITTED } from "./git.js";

/** The git repository a project lives in, as a run's isolation needs it. */
export interface Repo {
  /** The repository's main working tree (absolute, symbolic links resolved). */
  top: string;
  /** The project's folder inside it, `/`-terminated ("" at the top): a monorepo's package works in the same place of each worktree. */
  prefix: string;
  /** The commit HEAD names. */
  head: string;
  /** The branch checked out, undefined when HEAD is detached. */
  branch?: string;
  /** Whether a committer is configured; without one, orchestrate commits under its own name. */
  identity: boolean;
}

/** The repository at `root`, or why the project cannot run isolated (not a repository, no commit yet). */
export async function openRepo(root: string): Promise<Repo | { reason: string }> {
  if (!mayBeInRepository(root)) return { reason: NOT_A_REPOSITORY };
  // One rev-parse: outside a repository it exits 128; in one with no commit, `--verify -q` exits 1 after the folders.
  const inside = await gitRun(["rev-parse", "--show-toplevel", "--show-prefix", "--verify", "-q", "HEAD^{commit}"], root).catch(() => undefined);
  if (!inside || (inside.code !== 0 && inside.code !== 1) || !inside.stdout) return { reason: NOT_A_REPOSITORY };
  if (inside.code !== 0) return { reason: "the git repository has no commit yet" };
  const { top, prefix, head } = foldersAndHead(inside.stdout, root);
  const branch = await gitRun(["symbolic-ref", "-q", "--short", "HEAD"], root);
  return { top: realpathSync(top), prefix, head, ...(branch.code === 0 ? { branch: branch.stdout.trim() } : {}), identity: await hasIdentity(root) };
}

/**
 * Splits rev-parse's `<top>\n<prefix>\n<head>\n`. A folder's name may hold a newline itself, so
 * the split between top and prefix is the one that names `root` again (each newline tried);
 * the commit, hex, is the last line.
 */
function foldersAndHead(stdout: string, root: string): { top: string; prefix: string; head: string } {
  const lines = stdout.replace(/\n$/, "");
  const cut = lines.lastIndexOf("\n");
  const head = lines.slice(cut + 1);
  const folders = lines.slice(0, cut);
  const here = realpathSync(root);
  for (let at = folders.indexOf("\n"); at !== -1; at = folders.indexOf("\n", at + 1)) {
    const top = folders.slice(0, at);
    const prefix = folders.slice(at + 1);
    if (resolve(top, prefix) === here) return { top, prefix, head };
  }
  const at = folders.indexOf("\n");
  return { top: folders.slice(0, at), prefix: folders.slice(at + 1), head };
}

const NOT_A_REPOSITORY = "the project is not a git repository";

/**
 * False when git would find no repository at `root`: no `.git` in it or any folder above,
 * none of them a bare repository (`HEAD` beside `objects`), and no GIT_DIR in the environment.
 * A few stats instead of starting git (a process costs the run more than its whole
 * bookkeeping of a hundred modules); anything that could be a repository is left to git.
 */
export function mayBeInRepository(root: string): boolean {
  if (process.env.GIT_DIR !== undefined) return true;
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (exists(join(dir, ".git")) || (exists(join(dir, "HEAD")) && exists(join(dir, "objects")))) return true;
    if (dirname(dir) === dir) return false;
  }
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // cannot tell (EACCES): git can
  }
}

/**
 * Paths git reports as changed in the working tree at `dir` (ignored files aside), relative to
 * the repository top; untracked ones each (`all`), a wholly untracked folder as one `dir/` (`normal`), or none (`no`).
 */
export async function dirtyPaths(dir: string, exclude: readonly string[] = [], untracked: "all" | "normal" | "no" = "all"): Promise<string[]> {
  const out = await gitOk(["status", "--porcelain=v1", "-z", `--untracked-files=${untracked}`, "--", ".", ...exclude.map((p) => `:(exclude)${p}`), ...NEVER_COMMITTED], dir);
  const paths: string[] = [];
  const fields = out.split("\0");
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.length < 4) continue;
    paths.push(field.slice(3));
    // A rename's record is followed by its source path.
    if (field[0] === "R" || field[0] === "C") i++;
  }
  return paths;
}
