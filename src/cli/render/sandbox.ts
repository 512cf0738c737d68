import type { RunOptions } from "../../config/options.js";
import type { SandboxChoice } from "../../sandbox/open.js";
import type { CompiledSandboxOptions } from "../../sandbox/types.js";
import { withSandboxDefaults } from "../../sandbox/defaults.js";
import { OrchestrateError } from "../../errors.js";

/** What the `claude-code` agent's line depends on besides the sandbox: its config section, and whether the run only reads. */
export interface ClaudeCodeRun {
  /** `claudeCode` in the config, as written (validated when the agent was made). */
  section?: Record<string, unknown>;
  /** A read-only run (analyze): its attempts have no Bash. */
  readOnly?: boolean;
}

/**
 * The run's first line: where agent-issued commands will run, for the agents that run
 * commands (`anthropic`, `openai`: `run_command`; `command`; `claude-code`: its Bash).
 * Undefined for the others. With `root`, a successful probe of bubblewrap is kept in the
 * project (sandbox/probe.ts). Throws `SANDBOX_UNAVAILABLE` for a claude-code run whose Bash
 * would run in Claude Code's sandbox where it cannot start: every attempt would fail.
 */
export async function sandboxLine(options: Pick<RunOptions, "agent" | "sandbox" | "command">, root?: string, claudeCode: ClaudeCodeRun = {}): Promise<string | undefined> {
  const sandbox = options.sandbox ?? withSandboxDefaults();
  if (options.agent === "anthropic" || options.agent === "openai") return (await open(sandbox, root)).line;
  if (options.agent === "claude-code") return claudeCodeLine(sandbox, root, claudeCode);
  if (options.agent !== "command") return undefined;
  if (!options.command?.sandbox) return "sandbox: off for the command agent (set command.sandbox: true to confine it)";
  const hosts = await commandHosts(options.command);
  const choice = await open({ ...sandbox, network: hosts === true }, root);
  if (choice.sandbox) {
    const reach = hosts === true || choice.sandbox.network ? undefined : hosts.length > 0 ? `network: only ${hosts.join(", ")}, through a proxy` : "network off: list its model's host:port in command.network";
    return `sandbox: ${reach ? choice.sandbox.description.replace("network off", reach) : choice.sandbox.description} for the command agent`;
  }
  return `sandbox: unavailable (${choice.problem}), command agent attempts will fail (install bubblewrap, or set sandbox.mode: none)`;
}

async function claudeCodeLine(sandbox: CompiledSandboxOptions, root: string | undefined, run: ClaudeCodeRun): Promise<string> {
  const [{ compileClaudeCodeOptions, claudeEnv }, { mayRunBash, claudeSandboxProblem, sandboxUnavailable }] = await Promise.all([import("../../agents/claude-code-options.js"), import("../../agents/claude-code-sandbox.js")]);
  const options = compileClaudeCodeOptions({ ...run.section, sandbox });
  if (run.readOnly) return "sandbox: claude-code runs no Bash (a read-only run)";
  if (!mayRunBash(options, false)) return "sandbox: claude-code may run only Claude Code's read-only commands in the workspace (allow Bash in claudeCode.allowedTools to run more, in Claude Code's sandbox)";
  if (sandbox.mode === "none") return "sandbox: none, claude-code's Bash runs unconfined (sandbox.mode: none)";
  const problem = await claudeSandboxProblem(claudeEnv(options).PATH, async () => (await open(sandbox, root)).problem);
  if (problem) throw new OrchestrateError("SANDBOX_UNAVAILABLE", sandboxUnavailable(problem), { key: "sandbox.mode" });
  return `sandbox: claude-code's Bash runs in Claude Code's sandbox (network ${sandbox.network ? "on, through its proxy" : "off"})`;
}

/** What the command agent's sandbox reaches, as the agent finds it (agents/command-network.ts): every host, or these. */
async function commandHosts(section: RunOptions["command"]): Promise<true | readonly string[]> {
  const [{ compileCommandOptions }, { defaultHosts }] = await Promise.all([import("../../agents/command-options.js"), import("../../agents/command-network.js")]);
  const compiled = compileCommandOptions(section as Parameters<typeof compileCommandOptions>[0]);
  return compiled.network ?? defaultHosts(compiled, process.env);
}

/** The sandbox's code (and its probe of bwrap), loaded only for the agents whose commands it confines. */
async function open(options: CompiledSandboxOptions, root: string | undefined): Promise<SandboxChoice> {
  const [{ openSandbox }, { probeFile }] = await Promise.all([import("../../sandbox/open.js"), import("../../sandbox/probe-kept.js")]);
  return openSandbox(options, "bwrap", root === undefined ? {} : { keptIn: probeFile(root) });
}
