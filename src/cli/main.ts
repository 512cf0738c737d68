import type { Command } from "commander";
import { buildProgramOf, runProgram, type CliContext, type Commands } from "./program.js";

export type { CliContext } from "./program.js";

/**
 * The commands, by the names each registers, in the order help lists them. A command line
 * that names one loads that one's code alone: a `plan` of an unchanged tree takes less time
 * than loading every command's modules would. Help, `--version` and anything else load all.
 * `run` and `resume` have a bundle of their own besides (run-main.ts, bin/orchestrate.js).
 */
const COMMANDS: Commands = [
  [["plan"], async () => (await import("./commands/plan.js")).registerPlan],
  [["check"], async () => (await import("./commands/check.js")).registerCheck],
  [["init"], async () => (await import("./commands/init.js")).registerInit],
  [["run", "resume"], async () => (await import("./commands/run.js")).registerRun],
  [["status", "runs", "report"], async () => (await import("./commands/status.js")).registerStatus],
  [["memory"], async () => (await import("./commands/memory.js")).registerMemory],
  [["mcp"], async () => (await import("./commands/mcp.js")).registerMcp],
  [["dashboard"], async () => (await import("./commands/dashboard.js")).registerDashboard],
  [["clean"], async () => (await import("./commands/clean.js")).registerClean],
  [["worker"], async () => (await import("./commands/worker.js")).registerWorker],
];

/** The program with the commands `argv` can reach: the one it names, or all of them. */
export function buildProgram(ctx: CliContext, argv: string[] = []): Promise<Command> {
  return buildProgramOf(COMMANDS, ctx, argv);
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad input or usage, 130 interrupted. */
export function main(argv: string[]): Promise<number> {
  return runProgram(COMMANDS, argv);
}
