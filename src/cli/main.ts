import { Command, CommanderError } from "commander";
import { OrchestrateError } from "../errors.js";
import { VERSION } from "../package.js";

/** What commands report back to `main`, instead of setting `process.exitCode`. */
export interface CliContext {
  exitCode: number;
}

type Register = (program: Command, ctx: CliContext) => void;

/**
 * The commands, by the names each registers, in the order help lists them. A command line
 * that names one loads that one's code alone: a `plan` of an unchanged tree takes less time
 * than loading every command's modules would. Help, `--version` and anything else load all.
 */
const COMMANDS: [names: string[], load: () => Promise<Register>][] = [
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
export async function buildProgram(ctx: CliContext, argv: string[] = []): Promise<Command> {
  const program = new Command("orchestrate")
    .description("Plan and run coding agents over a project's .claude/ spec tree: dependency-ordered, parallel, validated, resumable.")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, "orchestrate: ")) });
  const named = COMMANDS.find(([names]) => names.includes(argv[0] ?? ""));
  const registers = await Promise.all((named ? [named] : COMMANDS).map(([, load]) => load()));
  for (const register of registers) register(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code: 0 done, 1 failed, 2 bad input or usage, 130 interrupted. */
export async function main(argv: string[]): Promise<number> {
  const ctx: CliContext = { exitCode: 0 };
  try {
    const program = await buildProgram(ctx, argv);
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
