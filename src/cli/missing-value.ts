import type { Command } from "commander";
import { OrchestrateError } from "../errors.js";

/**
 * `run "fix it" --log --project app`: commander takes `--project` as the log and then calls `app`
 * a second request ("too many arguments ... goes in quotes"), or a choice `--project` invalid.
 * An option that needs a value and is followed by another option of its command has none:
 * said so, naming both. A negative number (`--retries -1`) is a value, and is judged as one.
 * An empty value (`--log ""`, `--project=`) names nothing: it was dropped without a word (`--log ""`
 * read the log the request names) or taken as the current folder; said so too.
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
  const empty = (word: string, option: { flags: string }) => new OrchestrateError("USAGE", `Expected a value after \`${word}\` (${option.flags}), got an empty one`);
  for (let i = at; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") return;
    if (word.startsWith("--") && word.endsWith("=")) {
      const option = command.options.find((o) => o.required && o.long === word.slice(0, -1));
      if (option) throw empty(word.slice(0, -1), option);
    }
    const option = command.options.find((o) => o.required && (o.long === word || o.short === word));
    if (!option || i === argv.length - 1) continue;
    const next = argv[i + 1]!;
    if (next === "") throw empty(word, option);
    if (flags.has(next.split("=")[0]!)) {
      throw new OrchestrateError("USAGE", `Expected a value after \`${word}\` (${option.flags}), got the option \`${next}\``);
    }
  }
}
