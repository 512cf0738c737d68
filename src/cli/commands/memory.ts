import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { CliContext } from "../main.js";
import type { MemoryRecord, Store } from "../../store/types.js";
import { findProjectRoot } from "../../spec/root.js";
import { openStore } from "../../store/open.js";
import { RunError } from "../../errors.js";
import { colorsFor } from "../style.js";

interface Flags {
  project: string;
  json?: boolean;
  tag?: string[];
}

/** `orchestrate memory list|show|write|delete`: the project memory agents read and write. */
export function registerMemory(program: Command, ctx: CliContext): void {
  const memory = program.command("memory").description("list, show, write or delete project memories (what runs learned, read by later prompts)");
  const project = (c: Command) => c.option("-p, --project <dir>", "project folder holding .claude/", ".").option("--json", "print JSON");
  const collect = (value: string, previous: string[] = []) => [...previous, value];

  project(memory.command("list").description("list memories, newest first").option("--tag <tag>", "only memories with this tag (repeatable), e.g. module:journal", collect)).action((flags: Flags) =>
    withStore(flags, (store) => {
      const list = store.listMemories(flags.tag?.length ? { tags: flags.tag } : {});
      if (flags.json) return print(list);
      const c = colorsFor(process.stdout);
      if (list.length === 0) return void process.stdout.write("No memories yet.\n");
      for (const m of list) process.stdout.write(`${c.bold(m.key)}  ${c.dim(m.tags.join(" "))}\n  ${m.content.split("\n")[0]}\n`);
    }),
  );

  project(memory.command("show").description("print one memory").argument("<key>")).action((key: string, flags: Flags) =>
    withStore(flags, (store) => {
      const m = found(store.readMemory(key), key);
      if (flags.json) return print(m);
      process.stdout.write(`${m.key}\ntags: ${m.tags.join(", ") || "(none)"}\nupdated: ${new Date(m.updatedAt).toISOString()}\n\n${m.content}\n`);
    }),
  );

  project(
    memory
      .command("write")
      .description("write (or replace) a memory; content `-` reads standard input")
      .argument("<key>")
      .argument("<content>")
      .option("--tag <tag>", "tag (repeatable), e.g. module:journal or layer:core", collect),
  ).action((key: string, content: string, flags: Flags) =>
    withStore(flags, (store) => {
      const text = content === "-" ? readFileSync(0, "utf8") : content;
      const m = store.writeMemory({ key, content: text, ...(flags.tag ? { tags: flags.tag } : {}), at: Date.now() });
      if (flags.json) return print(m);
      process.stdout.write(`Wrote ${m.key}\n`);
    }),
  );

  project(memory.command("delete").description("delete a memory").argument("<key>")).action((key: string, flags: Flags) =>
    withStore(flags, (store) => {
      if (!store.deleteMemory(key)) {
        ctx.exitCode = 1;
        process.stderr.write(`orchestrate: no memory \`${key}\`\n`);
        return;
      }
      if (flags.json) return print({ deleted: key });
      process.stdout.write(`Deleted ${key}\n`);
    }),
  );
}

function withStore(flags: Flags, body: (store: Store) => void): void {
  const store = openStore(findProjectRoot(flags.project));
  try {
    body(store);
  } finally {
    store.close();
  }
}

function found(m: MemoryRecord | undefined, key: string): MemoryRecord {
  if (!m) throw new RunError("MEMORY_NOT_FOUND", `No memory \`${key}\` (see \`orchestrate memory list\`)`);
  return m;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
