import type { Command } from "commander";
import { OrchestrateError } from "../errors.js";

/**
 * `run "fix it" --log --project app`: commander takes `--project` as the log and then calls `app`
 * a second request ("too many arguments ... goes in quotes"), or a choice `--project` invalid.
 * An option that needs a value and is followed by another option of its command has none:
 * said so, naming both. A negative number (`--retries -1`) is a value, and is judged as one.
 */
export function checkMissingValues(program: Command, argv: readonly string[]): void {
  let command: Command | undefined = program;
  let at = 0;
  // The (sub)command the words name: `memory write ...` is `write` under `memory`.
  for (; at < argv.length; at++) {
    const sub: Command | undefined = command.commands.find((c) => c.name() === argv[at] || c.aliases().includes(argv[at]!));
    if (!sub) break;
    command = sub;
  }
  const flags = new Set(command.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
  flags.add("--help").add("-h");
  for (let i = at; i < argv.length - 1; i++) {
    const word = argv[i]!;
    if (word === "--") return;
    const option = command.options.find((o) => o.required && (o.long === word || o.short === word));
    const next = argv[i + 1]!;
    if (option && flags.has(next.split("=")[0]!)) {
      throw new OrchestrateError("USAGE", `Expected a value after \`${word}\` (${option.flags}), got the option \`${next}\``);
    }
  }
}
