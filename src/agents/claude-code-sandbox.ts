import type { PermissionMode, SandboxSettings, SDKResultMessage, SettingSource } from "@anthropic-ai/claude-agent-sdk";
import { homedir } from "node:os";
import { join } from "node:path";
import { isSecretName } from "../sandbox/env.js";
import { onPath } from "../sandbox/on-path.js";
import { expand, hiddenFolders, linkedRepository, PROTECTED, real, toolchainFolders } from "../sandbox/paths.js";
import { probeBwrap, type ProbeResult } from "../sandbox/probe.js";
import type { CompiledSandboxOptions } from "../sandbox/types.js";

/**
 * The `claude-code` agent's Bash in Claude Code's own sandbox (bubblewrap and socat on Linux,
 * Seatbelt on macOS), set from orchestrate's `sandbox` section: what bwrap.ts does for
 * `run_command`, in Claude Code's settings.
 */

/** What decides whether an attempt's Claude Code may run Bash. */
export interface BashPermissions {
  permissionMode: PermissionMode;
  allowedTools: readonly string[];
  disallowedTools: readonly string[];
  settingSources: readonly SettingSource[];
}

/** Modes that run a command no rule allows: `bypassPermissions` all, `auto` what its classifier passes. */
const ANY_COMMAND: readonly PermissionMode[] = ["bypassPermissions", "auto"];

/**
 * Whether Claude Code may run Bash commands beyond its own read-only ones (`ls`, `cat`, `git
 * status` inside the workspace, which it runs in any mode): a mode that runs any command, a
 * `Bash` rule in `allowedTools`, or settings files loaded, whose rules orchestrate does not read.
 * A read-only task, or `Bash` in `disallowedTools`, has no Bash tool at all.
 */
export function mayRunBash(options: BashPermissions, readOnly: boolean): boolean {
  if (readOnly || options.disallowedTools.includes("Bash")) return false;
  if (ANY_COMMAND.includes(options.permissionMode) || options.settingSources.length > 0) return true;
  return options.allowedTools.some((rule) => rule === "Bash" || rule.startsWith("Bash("));
}

/** A name Claude Code's `credentials.envVars` accepts: one invalid name rejects all of its sandbox settings. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The secret-named variables of Claude Code's environment (sandbox/env.ts's rule): `deny`, unset
 * for its sandboxed commands; `drop`, names Claude Code cannot be told to unset
 * (`npm_config_//registry.npmjs.org/:_authToken`), left out of its environment instead.
 */
export function secretVariables(env: NodeJS.ProcessEnv): { deny: string[]; drop: string[] } {
  const names = Object.keys(env).filter((name) => env[name] !== undefined && isSecretName(name));
  return { deny: names.filter((name) => ENV_NAME.test(name)), drop: names.filter((name) => !ENV_NAME.test(name)) };
}

/**
 * Claude Code's sandbox for one attempt: on, never falling back to unsandboxed commands, and
 * confined as `run_command` is. Writes: the workspace and `sandbox.writable`, never its `.git`
 * and `.orchestrate/`. Reads: homes hidden, but for the toolchains on PATH,
 * `sandbox.readable` and a worktree's repository. Network: Bash has its own network namespace
 * whose only way out is Claude Code's proxy; off, that proxy refuses every host. Secret-named
 * variables unset. Allowing Bash stays with `allowedTools` and the permission mode.
 */
export function claudeSandboxSettings(sandbox: CompiledSandboxOptions, workspace: string, env: NodeJS.ProcessEnv): SandboxSettings {
  const home = env.HOME ?? homedir();
  const root = real(workspace);
  const at = (path: string) => real(expand(path, home, root));
  const writable = sandbox.writable.map(at);
  const readable = [...toolchainFolders(env.PATH, home), ...sandbox.readable, ...linkedRepository(root)].map(at);
  return {
    enabled: true,
    failIfUnavailable: true,
    allowUnsandboxedCommands: false,
    autoAllowBashIfSandboxed: false,
    // No setting takes the network namespace away; an empty strict allow-list denies every host without asking.
    network: sandbox.network ? { allowedDomains: ["*"] } : { allowedDomains: [], strictAllowlist: true },
    filesystem: {
      allowWrite: writable,
      denyWrite: PROTECTED.map((name) => join(root, name)),
      // Not /tmp, as bubblewrap's fresh one: the sockets of Claude Code's proxy are there.
      denyRead: hiddenFolders(home),
      allowRead: [...new Set([root, ...writable, ...readable])],
    },
    credentials: { envVars: secretVariables(env).deny.map((name) => ({ name, mode: "deny" as const })) },
  };
}

const INSTALL = "install bubblewrap and socat (apt-get install bubblewrap socat), or set `sandbox: { mode: none }` in orchestrate.config.yaml to run it unconfined";

/** The one line an attempt fails with, and a run is refused with, when Claude Code's sandbox cannot start. */
export function sandboxUnavailable(problem: string): string {
  return `claude-code: its Bash runs in Claude Code's sandbox, which cannot start here (${problem}): ${INSTALL}`;
}

/**
 * Why Claude Code's sandbox cannot start here, checked as Claude Code does before it starts:
 * on Linux `bwrap` and `socat` on the PATH it is given, and bubblewrap able to create
 * namespaces (probe.ts). Elsewhere Claude Code's own refusal says why (`sandboxRefusal`).
 */
export async function claudeSandboxProblem(path: string | undefined, probe: () => Promise<ProbeResult> = () => probeBwrap()): Promise<string | undefined> {
  if (process.platform !== "linux") return undefined;
  const missing = ["bwrap", "socat"].filter((name) => !onPath(name, path));
  if (missing.length > 0) return `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not installed`;
  return probe();
}

/** Claude Code's own refusal to start without its sandbox, as `sandboxUnavailable`'s line; undefined for any other result. */
export function sandboxRefusal(result: SDKResultMessage): string | undefined {
  if (result.subtype === "success" || result.startup_failure_reason !== "sandbox_required_unavailable") return undefined;
  // "Sandbox required but unavailable: sandbox is enabled but dependencies are missing: socat not installed · install ..."
  const said = result.errors.join(" ");
  const reason = /unavailable: (?:sandbox is enabled but )?(.*?)(?: · |\.? Set sandbox\.|$)/.exec(said)?.[1]?.trim();
  return sandboxUnavailable(reason || "Claude Code did not say why");
}
