import type { RunOptions } from "../../config/options.js";
import { withSandboxDefaults } from "../../sandbox/defaults.js";
import { openSandbox } from "../../sandbox/open.js";

/**
 * The run's first line: where agent-issued commands will run, for the agents that run
 * commands through orchestrate (`anthropic`, `openai`: `run_command`; `command`). Undefined
 * for the others.
 */
export async function sandboxLine(options: Pick<RunOptions, "agent" | "sandbox" | "command">): Promise<string | undefined> {
  const sandbox = options.sandbox ?? withSandboxDefaults();
  if (options.agent === "anthropic" || options.agent === "openai") return (await openSandbox(sandbox)).line;
  if (options.agent !== "command") return undefined;
  if (!options.command?.sandbox) return "sandbox: off for the command agent (set command.sandbox: true to confine it)";
  const choice = await openSandbox({ ...sandbox, network: true });
  if (choice.sandbox) return `sandbox: ${choice.sandbox.description} for the command agent`;
  return `sandbox: unavailable (${choice.problem}), command agent attempts will fail (install bubblewrap, or set sandbox.mode: none)`;
}
