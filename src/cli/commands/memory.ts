import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { Store } from "../../store/types.js";
import { findProjectRoot } from "../../spec/root.js";
import { openExistingStore, openStore } from "../../store/open.js";
import { RunError } from "../../errors.js";
import { colorsFor } from "../style.js";

interface Flags {
  project: string;
  json?: boolean;
  tag?: string[];
}

/** `orchestrate memory list|show|write|delete`: the project memory agents read and write. */
export function registerMemory(program: Command): void {
  // --project before or after the subcommand (`memory -p DIR list`, `memory list -p DIR`), like every command.
  const memory = program.command("memory").description("list, show, write or delete project memories (what runs learned, read by later prompts)").option("-p, --project <dir>", "project folder holding .claude/", ".");
  const project = (c: Command) => c.option("-p, --project <dir>", "project folder holding .claude/ (default: .)").option("--json", "print JSON");
  const collect = (value: string, previous: string[] = []) => [...previous, value];

  project(memory.command("list").description("list memories, newest first").option("--tag <tag>", "only memories with this tag (repeatable), e.g. module:journal", collect)).action((_: Flags, cmd: Command) =>
    withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      const list = store === undefined ? [] : store.listMemories(flags.tag?.length ? { tags: flags.tag } : {});
      if (flags.json) return print(list);
      const c = colorsFor(process.stdout);
      if (list.length === 0) return void process.stdout.write("No memories yet.\n");
      for (const m of list) process.stdout.write(`${c.bold(m.key)}  ${c.dim(m.tags.join(" "))}\n  ${m.content.split("\n")[0]}\n`);
    }),
  );

  project(memory.command("show").description("print one memory").argument("<key>")).action((key: string, _: Flags, cmd: Command) =>
    withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      const m = store?.readMemory(key);
      if (!m) return missing(key);
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
  ).action((key: string, content: string, _: Flags, cmd: Command) =>
    withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      if (!store) return;
      const text = content === "-" ? readFileSync(0, "utf8") : content;
      const m = store.writeMemory({ key, content: text, ...(flags.tag ? { tags: flags.tag } : {}), at: Date.now() });
      if (flags.json) return print(m);
      process.stdout.write(`Wrote ${m.key}\n`);
    }, true),
  );

  project(memory.command("delete").description("delete a memory").argument("<key>")).action((key: string, _: Flags, cmd: Command) =>
    withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      if (!store?.deleteMemory(key)) return missing(key);
      if (flags.json) return print({ deleted: key });
      process.stdout.write(`Deleted ${key}\n`);
    }),
  );
}

/** Runs `body` with the project's store; undefined when the project has none yet (reading never creates it). */
function withStore(flags: Flags, body: (store: Store | undefined, flags: Flags) => void, create = false): void {
  const root = findProjectRoot(flags.project);
  const store = create ? openStore(root) : openExistingStore(root);
  try {
    body(store, flags);
  } finally {
    store?.close();
  }
}

/** A missing key: the same answer from `show` and `delete` (MEMORY_NOT_FOUND: one line, exit 2). */
function missing(key: string): never {
  throw new RunError("MEMORY_NOT_FOUND", `No memory \`${key}\` (see \`orchestrate memory list\`)`);
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
