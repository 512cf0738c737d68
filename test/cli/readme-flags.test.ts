import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** Said once for every command above the table, not in each row. */
const EVERYWHERE = new Set(["--help", "--project"]);

/** Every long flag of a command and its subcommands (`memory list --tag`), `--no-x` as written. */
function codeFlags(command: Command): Set<string> {
  const flags = new Set<string>();
  for (const c of [command, ...command.commands]) for (const o of c.options) if (o.long) flags.add(o.long);
  return flags;
}

/** The rows of the README's command table: the commands each row's first cell names (`run\|resume`), its flags, and the flags its description names. */
function readmeRows(): { commands: string[]; usage: Set<string>; said: Set<string>; line: number }[] {
  const start = README.indexOf("\n## Commands\n");
  const end = README.indexOf("\n## ", start + 1);
  const lines = README.slice(start, end).split("\n");
  const first = README.slice(0, start).split("\n").length;
  const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]));
  return lines.flatMap((line, i) => {
    const row = /^\| `orchestrate ([a-z|\\]+)([^`]*)` \| (.*) \|$/.exec(line);
    if (!row) return [];
    return [{ commands: row[1]!.split(/\\?\|/), usage: flagsIn(row[2]!), said: flagsIn(row[3]!), line: first + i }];
  });
}

describe("the README's command reference and the CLI's flags", () => {
  it("name the same flags: each flag of a command is in a row of it, and each flag a row's usage shows is the command's", async () => {
    const program = await buildProgram({ exitCode: 0 }, []);
    const rows = readmeRows();
    expect(rows.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const command of program.commands) {
      const own = rows.filter((r) => r.commands.includes(command.name()));
      if (own.length === 0) missing.push(`${command.name()}: no row in the README's command table`);
      const documented = new Set(own.flatMap((r) => [...r.usage, ...r.said]));
      for (const flag of codeFlags(command)) if (!EVERYWHERE.has(flag) && !documented.has(flag)) missing.push(`${command.name()} ${flag}: not in the README`);
    }
    const unknown: string[] = [];
    for (const row of rows) {
      for (const name of row.commands) {
        const command = program.commands.find((c) => c.name() === name);
        if (!command) {
          unknown.push(`README.md:${row.line}: orchestrate ${name}: no such command`);
          continue;
        }
        const flags = codeFlags(command);
        for (const flag of row.usage) if (!flags.has(flag)) unknown.push(`README.md:${row.line}: orchestrate ${name} ${flag}: no such flag`);
      }
    }
    expect(missing).toEqual([]);
    expect(unknown).toEqual([]);
  });
});
