import type { RunOptions } from "../../config/options.js";
import type { SandboxChoice } from "../../sandbox/open.js";
import type { CompiledSandboxOptions } from "../../sandbox/types.js";
import { withSandboxDefaults } from "../../sandbox/defaults.js";

/**
 * The run's first line: where agent-issued commands will run, for the agents that run
 * commands through orchestrate (`anthropic`, `openai`: `run_command`; `command`). Undefined
 * for the others. With `root`, a successful probe of bubblewrap is kept in the project (sandbox/probe.ts).
 */
export async function sandboxLine(options: Pick<RunOptions, "agent" | "sandbox" | "command">, root?: string): Promise<string | undefined> {
  const sandbox = options.sandbox ?? withSandboxDefaults();
  if (options.agent === "anthropic" || options.agent === "openai") return (await open(sandbox, root)).line;
  if (options.agent !== "command") return undefined;
  if (!options.command?.sandbox) return "sandbox: off for the command agent (set command.sandbox: true to confine it)";
  const choice = await open({ ...sandbox, network: true }, root);
  if (choice.sandbox) return `sandbox: ${choice.sandbox.description} for the command agent`;
  return `sandbox: unavailable (${choice.problem}), command agent attempts will fail (install bubblewrap, or set sandbox.mode: none)`;
}

/** The sandbox's code (and its probe of bwrap), loaded only for the agents whose commands it confines. */
async function open(options: CompiledSandboxOptions, root: string | undefined): Promise<SandboxChoice> {
  const [{ openSandbox }, { probeFile }] = await Promise.all([import("../../sandbox/open.js"), import("../../sandbox/probe-kept.js")]);
  return openSandbox(options, "bwrap", root === undefined ? {} : { keptIn: probeFile(root) });
}
