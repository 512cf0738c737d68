import { Command, CommanderError } from "commander";
import { OrchestrateError } from "../errors.js";
import { VERSION } from "../package.js";
import { deniedLine } from "./denied.js";
import { checkMissingValues } from "./missing-value.js";

/** What commands report back to `main`, instead of setting `process.exitCode`. */
export interface CliContext {
  exitCode: number;
}

export type Register = (program: Command, ctx: CliContext) => void;

/** Commands by the names each registers, in the order help lists them, each loaded when asked for. */
export type Commands = readonly (readonly [names: readonly string[], load: () => Promise<Register>])[];

/** The program with the commands `argv` can reach: the one it names, or all of them. */
export async function buildProgramOf(commands: Commands, ctx: CliContext, argv: string[] = []): Promise<Command> {
  const program = new Command("orchestrate")
    .description("Plan and run coding agents over a project's .claude/ spec tree: dependency-ordered, parallel, validated, resumable.")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(quoteHint(text.replace(/^error: /, "orchestrate: "))) });
  const named = commands.find(([names]) => names.includes(argv[0] ?? ""));
  const registers = await Promise.all((named ? [named] : commands).map(([, load]) => load()));
  for (const register of registers) register(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `commands` and returns its exit code: 0 done, 1 failed, 2 bad input or usage, 130 interrupted. */
export async function runProgram(commands: Commands, argv: string[]): Promise<number> {
  const ctx: CliContext = { exitCode: 0 };
  try {
    const program = await buildProgramOf(commands, ctx, argv);
    checkMissingValues(program, argv);
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    return exitCodeFor(error);
  }
}

/** `plan implement system`, a request unquoted, is the first mistake most make: the error says how to write it. */
function quoteHint(text: string): string {
  const unquoted = /^(orchestrate: too many arguments for '(plan|run)'\. Expected 1 argument but got \d+)\.\n$/.exec(text);
  return unquoted ? `${unquoted[1]}: a request of several words goes in quotes, e.g. orchestrate ${unquoted[2]} "implement system"\n` : text;
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
  const denied = deniedLine(error);
  if (denied !== undefined) {
    process.stderr.write(`orchestrate: ${denied}\n`);
    return 2;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`orchestrate: unexpected error; please report it with the output below.\n${text}\n`);
  return 1;
}
