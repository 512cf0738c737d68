import { homedir } from "node:os";
import { join } from "node:path";
import { sandboxEnv } from "./env.js";
import { prlimitArgs } from "./limits.js";
import { onPath } from "./on-path.js";
import { expand, hiddenFolders, linkedRepository, PROTECTED, real, toolchainFolders } from "./paths.js";
import type { CompiledSandboxOptions, LaunchRequest, Sandbox } from "./types.js";

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
      const env = sandboxEnv(process.env, options.env, request.pass, { ...options.set, ...request.set });
      return { launcher: [...bwrapArgs(options, request, env, program), ...prlimitArgs(limits)], env };
    },
  };
}
