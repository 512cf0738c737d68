import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { sandboxEnv } from "./env.js";
import { prlimitArgs } from "./limits.js";
import { onPath } from "./on-path.js";
import type { CompiledSandboxOptions, LaunchRequest, Sandbox } from "./types.js";

/** Inside the workspace, yet never writable: the repository and the engine's own state. */
const PROTECTED = [".git", ".orchestrate"];

/** `~/x` -> home/x; relative -> below the workspace. */
function expand(path: string, home: string, cwd: string): string {
  if (path === "~" || path.startsWith("~/")) return join(home, path.slice(1));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** Folders whose content is replaced by an empty tmpfs: every home, so ~/.ssh, ~/.aws, ~/.claude are out of reach. */
function hiddenFolders(home: string): string[] {
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
export function toolchainFolders(path: string | undefined, home: string): string[] {
  const homes = [...new Set([home, homedir()].filter(Boolean).map(real))];
  const out = new Set<string>();
  for (const entry of (path ?? "").split(":")) {
    if (!isAbsolute(entry)) continue;
    const dir = real(entry);
    const under = homes.find((h) => h !== "/" && dir.startsWith(`${h}/`)) ?? /^\/home\/[^/]+(?=\/)/.exec(dir)?.[0];
    if (!under) continue;
    const top = dir.slice(under.length + 1).split("/")[0]!;
    out.add(MANAGERS.has(top) ? join(under, top) : dir);
    if (top === ".cargo") out.add(join(under, ".rustup"));
  }
  return [...out];
}

/**
 * The bubblewrap command line for one shell command, placed before `/bin/sh -c <command>`.
 * Mounts are applied in order, so each later one wins: the root read-only, then a fresh
 * /tmp, /run and every home hidden, then what is readable or writable again, then the
 * workspace writable, and last its `.git` and `.orchestrate` read-only.
 */
export function bwrapArgs(options: CompiledSandboxOptions, request: LaunchRequest, env: NodeJS.ProcessEnv, program = "bwrap"): string[] {
  const home = env.HOME ?? homedir();
  const workspace = real(request.cwd);
  const args = [program, "--die-with-parent", "--unshare-all", ...(options.network ? ["--share-net"] : [])];
  args.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp");
  // /run holds sockets (docker, ssh-agent, D-Bus) that a read-only mount does not stop.
  args.push("--tmpfs", "/run");
  const resolvConf = real("/etc/resolv.conf");
  if (options.network && resolvConf.startsWith("/run/")) args.push("--ro-bind-try", resolvConf, resolvConf);
  for (const folder of hiddenFolders(home)) args.push("--tmpfs", folder);
  for (const path of [...toolchainFolders(env.PATH, home), ...options.readable, ...(request.readable ?? []), ...linkedRepository(workspace)]) args.push("--ro-bind-try", ...twice(real(expand(path, home, workspace))));
  args.push("--bind", workspace, workspace);
  for (const path of options.writable) args.push("--bind-try", ...twice(real(expand(path, home, workspace))));
  for (const name of PROTECTED) args.push("--ro-bind-try", ...twice(join(workspace, name)));
  args.push("--chdir", workspace, "--");
  return args;
}

const twice = (path: string): [string, string] => [path, path];

/**
 * A git worktree's `.git` is a file naming a folder of the main repository (under a home or
 * /tmp, hidden above): that repository's git folder, read-only, so `git status` and `git diff`
 * work in an isolated attempt's worktree as they do in a checkout. Only a real worktree's: its
 * admin folder is `<repository>/worktrees/<name>` and names this `.git` back in its `gitdir`
 * file. A `.git` file a command wrote (a project with no repository) cannot name `/root` and
 * have it mounted, since it cannot write that back-link outside the workspace.
 */
function linkedRepository(workspace: string): string[] {
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

/**
 * Bubblewrap (Linux): the workspace writable and the rest read-only, homes and /tmp
 * hidden, no network unless `network`, its own PID namespace (everything in it dies with
 * the command, `setsid` children included) and `--die-with-parent` (it dies with us).
 */
export function createBwrapSandbox(options: CompiledSandboxOptions, program = "bwrap"): Sandbox {
  const wanted = options.limits.memoryMb > 0 || options.limits.fileMb > 0;
  // Limits need util-linux's prlimit inside the sandbox (the root is the host's, read-only).
  const limited = wanted && onPath("prlimit");
  const limits = limited ? options.limits : { memoryMb: 0, fileMb: 0 };
  const network = `network ${options.network ? "on" : "off"}`;
  return {
    mode: "bwrap",
    network: options.network,
    limits,
    description: wanted && !limited ? `bwrap (${network}; no memory or file limits: prlimit is not installed)` : `bwrap (${network})`,
    launch(request) {
      const env = sandboxEnv(process.env, options.env, request.pass, request.set);
      return { launcher: [...bwrapArgs(options, request, env, program), ...prlimitArgs(limits)], env };
    },
  };
}
