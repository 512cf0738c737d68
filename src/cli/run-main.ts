import { registerRun } from "./commands/run.js";
import { runProgram, type Commands } from "./program.js";

/** The names bin/orchestrate.js sends here rather than to main.ts. */
export const RUN_COMMANDS: readonly string[] = ["run", "resume"];

const COMMANDS: Commands = [[RUN_COMMANDS, () => Promise.resolve(registerRun)]];

/**
 * `main` (main.ts) for a command line naming `run` or `resume`: the entry of the run's own
 * bundle (scripts/build-cli.mjs, dist/bundle/run/), which loads in a few files the modules
 * every run needs, where the CLI's bundle split them into ~100 (see build-cli.mjs).
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(COMMANDS, argv);
}
