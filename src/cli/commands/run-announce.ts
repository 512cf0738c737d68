import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../plan/types.js";
import type { RunOptions } from "../../config/options.js";
import type { ValidationPlan } from "../../validate/discover.js";
import type { ClaudeCodeRun } from "../render/sandbox.js";
import type { Config } from "../../config/schema.js";
import { ConfigError, UsageError } from "../../errors.js";
import { missingPrerequisite } from "../../agents/prerequisites.js";
import type { RunFlags } from "./run-flags.js";

/** What the planner model decided, before the modules start (progress's stream); its failure as a warning. */
export async function showPlanner(plan: Plan, flags: RunFlags): Promise<void> {
  if (!plan.analysis.planner) return;
  const [{ renderPlanner }, { colorsFor }] = await Promise.all([import("../render/plan.js"), import("../style.js")]);
  const out = flags.json ? process.stderr : process.stdout;
  out.write(`${renderPlanner(plan, colorsFor(out)).join("\n")}\n`);
  for (const w of plan.warnings) if (w.code === "PLANNER_FAILED") process.stderr.write(`orchestrate: warning: ${w.message}\n`);
}

/** The first line of a run: where agent-issued commands run (progress's stream); a claude-code run whose Bash sandbox cannot start is refused. */
export async function announceSandbox(options: RunOptions, flags: RunFlags, root: string, claudeCode: ClaudeCodeRun): Promise<void> {
  const { sandboxLine } = await import("../render/sandbox.js");
  const line = await sandboxLine(options, root, claudeCode);
  if (line) (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Where the gates' command checks run: `gates: bwrap (network off)`, or unconfined and why. */
export async function announceGates(root: string, config: Config, flags: RunFlags): Promise<void> {
  const { gateConfinement } = await import("../../run/confinement.js");
  const { line } = await gateConfinement(root, config);
  (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
}

/**
 * Where the commands the run starts itself run, as gates' command checks do: `workspace.setup`
 * (with its own network, `workspace.network`) when worktrees are set up, an optimize run's benchmarks.
 */
export async function announceOwnCommands(root: string, config: Config, options: RunOptions, flags: RunFlags, optimize: boolean): Promise<void> {
  const setup = options.workspace?.setup !== undefined && options.isolation !== "shared";
  if (!setup && !optimize) return;
  const { setupConfinement, benchConfinement } = await import("../../run/confinement.js");
  const out = flags.json ? process.stderr : process.stdout;
  if (setup) out.write(`${(await setupConfinement(root, config)).line}\n`);
  if (optimize) out.write(`${(await benchConfinement(root, config)).line}\n`);
}

/**
 * An agent that cannot work (no API key, Claude Code not installed or not logged in) is refused
 * before the run record exists, naming what is missing and where the agent was chosen.
 */
export async function checkAgent(root: string, agent: string, config: Config, flags: RunFlags): Promise<void> {
  const missing = agentMissing(agent, config);
  if (!missing) return;
  if (flags.agent) throw new UsageError(`\`--agent ${flags.agent}\` (command line): ${missing}`);
  // Only on the way to an error: the config loader (zod, yaml) stays out of the CLI's start-up.
  const { loadConfig } = await import("../../config/load.js");
  const { file } = loadConfig(root);
  const text = file ? readFileSync(join(root, file), "utf8") : "";
  const line = text.split(/\r?\n/).findIndex((l) => /^["']?agent["']?\s*:/.test(l)) + 1;
  throw new ConfigError("CONFIG_INVALID", `\`agent: ${agent}\`: ${missing}`, { ...(file ? { file } : {}), key: "agent", ...(line > 0 ? { line } : {}) });
}

/** What `agent` lacks to run here (its login, its API key), from its config section and the environment. */
export function agentMissing(agent: string, config: Config): string | undefined {
  const sections: Record<string, unknown> = { anthropic: config.anthropic, openai: config.openai, "claude-code": config.claudeCode };
  return missingPrerequisite(agent, sections[agent] as Record<string, unknown> | undefined);
}

/** A queued run's Redis and git remote, asked before the run is recorded: down, each module's attempt would fail in turn. */
export async function checkQueue(options: RunOptions, root: string): Promise<void> {
  if (options.queue) await (await import("../../queue/preflight.js")).checkQueue(options.queue, root);
}

/** The run's next lines: what validates it (or that nothing does; the plan's modules' gates alone), and an optimize run's missing benchmarks. */
export async function announceValidation(validation: ValidationPlan, plan: Plan, bench: { message: string } | undefined, flags: RunFlags): Promise<void> {
  const type = plan.analysis.type;
  const [{ validationLines }, { workflows }, { readOnlyValidation }] = await Promise.all([import("../render/validation.js"), import("../../workflows/registry.js"), import("../../run/workflow.js")]);
  const out = flags.json ? process.stderr : process.stdout;
  // A read-only run (analyze) runs no gate, whatever the project has.
  const lines = workflows()(type).readOnly ? readOnlyValidation(type).lines.map((l) => `validation: ${l}`) : validationLines(validation, new Set(plan.modules.map((m) => m.id)));
  for (const line of lines) out.write(`${line}\n`);
  if (bench) out.write(`benchmark: ${bench.message}\n`);
}

