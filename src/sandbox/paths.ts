import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";

/**
 * What every sandbox hides, opens again and protects, as paths: bubblewrap's mounts (bwrap.ts)
 * and Claude Code's own sandbox settings (agents/claude-code-sandbox.ts) are built from the same.
 */

/** Inside the workspace, yet never writable: the repository and the engine's own state. */
export const PROTECTED = [".git", ".orchestrate"];

/** `~/x` -> home/x; relative -> below the workspace. */
export function expand(path: string, home: string, cwd: string): string {
  if (path === "~" || path.startsWith("~/")) return join(home, path.slice(1));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

export const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** Folders whose content is hidden: every home, so ~/.ssh, ~/.aws, ~/.claude are out of reach. */
export function hiddenFolders(home: string): string[] {
  const candidates = ["/home", "/root", home, homedir()].filter((p) => p && p !== "/" && existsSync(p));
  return [...new Set(candidates.map(real))].sort((a, b) => a.length - b.length);
}

/** Version managers whose PATH entry (shims, bin) needs the whole folder: their installed versions. */
const MANAGERS = new Set([".pyenv", ".nvm", ".volta", ".fnm", ".asdf", ".rbenv", ".nodenv", ".goenv", ".jenv", ".sdkman", ".rustup", ".deno", ".bun", ".elan", ".ghcup", ".opam", ".juliaup", ".pixi", ".rye"]);

/**
 * The toolchains on the command's PATH that lie under a home folder, which the sandbox hides:
 * readable again, so a gate runs the `python3` or `node` the user runs (pyenv's, nvm's), not
 * another one or none. A version manager's whole folder (its shims need its versions); otherwise
 * the PATH folder alone (`~/.cargo/bin`, not `~/.cargo` and its credentials), with `~/.rustup`
 * for cargo's proxies. Other folders under a home stay hidden (`sandbox.readable` adds them).
 */
export function toolchainFolders(path: string | undefined, home: string, userHome = homedir()): string[] {
  const homes = [...new Set([home, userHome].filter(Boolean).map(real))];
  const out = new Set<string>();
  for (const entry of (path ?? "").split(":")) {
    if (!isAbsolute(entry)) continue;
    const dir = real(entry);
    // Every home is hidden (hiddenFolders), root's too when HOME points elsewhere (a CI job's HOME=/tmp/x, pyenv under /root).
    const under = homes.find((h) => h !== "/" && dir.startsWith(`${h}/`)) ?? /^\/home\/[^/]+(?=\/)|^\/root(?=\/)/.exec(dir)?.[0];
    if (!under) continue;
    const top = dir.slice(under.length + 1).split("/")[0]!;
    out.add(MANAGERS.has(top) ? join(under, top) : dir);
    if (top === ".cargo") out.add(join(under, ".rustup"));
  }
  return [...out];
}

/**
 * A git worktree's `.git` is a file naming a folder of the main repository (under a home or
 * /tmp, hidden above): that repository's git folder, read-only, so `git status` and `git diff`
 * work in an isolated attempt's worktree as they do in a checkout. Only a real worktree's: its
 * admin folder is `<repository>/worktrees/<name>` and names this `.git` back in its `gitdir`
 * file. A `.git` file a command wrote (a project with no repository) cannot name `/root` and
 * have it mounted, since it cannot write that back-link outside the workspace.
 */
export function linkedRepository(workspace: string): string[] {
  const dotGit = join(workspace, ".git");
  try {
    if (!statSync(dotGit).isFile()) return [];
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
    if (!gitdir) return [];
    const own = resolve(workspace, gitdir);
    if (basename(dirname(own)) !== "worktrees") return [];
    const back = resolve(own, readFileSync(join(own, "gitdir"), "utf8").trim());
    return real(back) === real(dotGit) ? [dirname(dirname(own))] : [];
  } catch {
    return [];
  }
}
