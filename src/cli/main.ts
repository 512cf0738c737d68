import { Command, CommanderError } from "commander";
import { OrchestrateError } from "../errors.js";
import { VERSION } from "../package.js";
import { registerPlan } from "./commands/plan.js";
import { registerCheck } from "./commands/check.js";
import { registerInit } from "./commands/init.js";
import { registerRun } from "./commands/run.js";
import { registerMemory } from "./commands/memory.js";
import { registerStatus } from "./commands/status.js";
import { registerMcp } from "./commands/mcp.js";
import { registerDashboard } from "./commands/dashboard.js";
import { registerClean } from "./commands/clean.js";
import { registerWorker } from "./commands/worker.js";

/** What commands report back to `main`, instead of setting `process.exitCode`. */
export interface CliContext {
  exitCode: number;
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("orchestrate")
    .description("Plan and run coding agents over a project's .claude/ spec tree: dependency-ordered, parallel, validated, resumable.")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, "orchestrate: ")) });
  registerPlan(program);
  registerCheck(program, ctx);
  registerInit(program);
  registerRun(program, ctx);
  registerStatus(program);
  registerMemory(program);
  registerMcp(program, ctx);
  registerDashboard(program, ctx);
  registerClean(program);
  registerWorker(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad input or usage, 130 interrupted. */
export async function main(argv: string[]): Promise<number> {
  const ctx: CliContext = { exitCode: 0 };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    return exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are requests, not errors; commander already printed the message.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof OrchestrateError && !error.internal) {
    process.stderr.write(`orchestrate: ${error.describe()}\n`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`orchestrate: unexpected error; please report it with the output below.\n${text}\n`);
  return 1;
}
