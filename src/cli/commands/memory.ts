import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { MemoryRecord, Store } from "../../store/types.js";
import { UsageError } from "../../errors.js";
import { findProjectRoot } from "../../spec/root.js";
import { RunError } from "../../errors.js";
import { colorsFor } from "../style.js";
import { integerFlag } from "../integer-flag.js";

interface Flags {
  project: string;
  json?: boolean;
  tag?: string[];
  module?: string;
  limit?: string;
}

/** Default and largest number of memories `memory search` prints. */
const SEARCH_DEFAULT = 20;
const SEARCH_MAX = 500;

/** `orchestrate memory list|search|show|write|delete`: the project memory agents read and write. */
export function registerMemory(program: Command): void {
  // --project before or after the subcommand (`memory -p DIR list`, `memory list -p DIR`), like every command.
  const memory = program.command("memory").description("list, search, show, write or delete project memories (what runs learned, read by later prompts)").option("-p, --project <dir>", "project folder holding .claude/", ".");
  const project = (c: Command) => c.option("-p, --project <dir>", "project folder holding .claude/ (default: .)").option("--json", "print JSON");
  const collect = (value: string, previous: string[] = []) => [...previous, value];

  project(memory.command("list").description("list memories, newest first").option("--tag <tag>", "only memories with this tag (repeatable), e.g. module:journal", collect)).action((_: Flags, cmd: Command) =>
    withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      const list = store === undefined ? [] : store.listMemories(flags.tag?.length ? { tags: flags.tag } : {});
      if (flags.json) return print(list);
      if (list.length === 0) return void process.stdout.write(flags.tag?.length ? `No memories tagged ${flags.tag.map((t) => `\`${t}\``).join(" or ")}.\n` : "No memories yet.\n");
      printList(list);
    }),
  );

  project(
    memory
      .command("search")
      .description("find memories by words (any of them, best matches first), optionally only those with a tag or of a module")
      .argument("<words...>")
      .option("--tag <tag>", "only memories with this tag (repeatable: any of them), e.g. layer:core", collect)
      .option("--module <id>", "only memories of this module (tagged module:<id>)")
      .option("--limit <n>", `at most this many (1 to ${SEARCH_MAX}, default ${SEARCH_DEFAULT})`),
  ).action(async (words: string[], _: Flags, cmd: Command) => {
    const flags = cmd.optsWithGlobals<Flags>();
    // Loaded here, as the store is: no memory code at every CLI start.
    const { searchTerms } = await import("../../store/search.js");
    const limit = flags.limit === undefined ? SEARCH_DEFAULT : integerFlag("--limit", flags.limit, { min: 1, max: SEARCH_MAX });
    // Without a word the store lists every memory, which is no answer to "holding any of the words".
    const query = words.join(" ");
    if (searchTerms(query).length === 0) throw new UsageError(`Expected words to search for (letters or digits), got \`${query}\`; \`orchestrate memory list\` lists them all`);
    return withStore(flags, (store) => {
      const search = { query, limit, ...(flags.tag?.length ? { tags: flags.tag } : {}), ...(flags.module ? { module: flags.module } : {}) };
      const found = store === undefined ? [] : store.searchMemories(search);
      if (flags.json) return print(found);
      if (found.length === 0) return void process.stdout.write("No memories match.\n");
      printList(found);
    });
  });

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
  ).action((key: string, content: string, _: Flags, cmd: Command) => {
    // A key is what `show` and `delete` are given and what lists print one a line: an empty one could not be named again.
    if (key.trim() === "" || /[\r\n]/.test(key)) throw new UsageError(`Expected <key> to be a memory's name on one line (e.g. notes/release), got ${key.trim() === "" ? "an empty one" : `\`${JSON.stringify(key)}\``}`);
    return withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      if (!store) return;
      const text = content === "-" ? readFileSync(0, "utf8") : content;
      const m = store.writeMemory({ key, content: text, ...(flags.tag ? { tags: flags.tag } : {}), at: Date.now() });
      if (flags.json) return print(m);
      process.stdout.write(`Wrote ${m.key}\n`);
    }, true);
  });

  project(
    memory
      .command("retag")
      .description("move the memories of a renamed module to its new id (tag module:<old> becomes module:<new>)")
      .argument("<old>", "the module's old id (or module:<old>)")
      .argument("<new>", "its id now (or module:<new>)"),
  ).action(async (from: string, to: string, _: Flags, cmd: Command) => {
    const flags = cmd.optsWithGlobals<Flags>();
    const [old, now] = [moduleId(from), moduleId(to)];
    const { loadSpec } = await import("../../spec/load.js");
    const ids = loadSpec(findProjectRoot(flags.project)).modules.map((m) => m.id);
    // A typo here would hide the memories again, under a tag no module reads.
    if (!ids.includes(now)) throw new UsageError(`Expected <new> to be a module of the tree (${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ", ..." : ""}), got \`${now}\``);
    return withStore(flags, (store) => {
      const moved = store ? retag(store, old, now) : [];
      if (moved.length === 0) throw new RunError("MEMORY_NOT_FOUND", `No memory is tagged \`module:${old}\` (see \`orchestrate memory list\`)`);
      if (flags.json) return print({ from: `module:${old}`, to: `module:${now}`, keys: moved });
      process.stdout.write(`Retagged ${moved.length} ${moved.length === 1 ? "memory" : "memories"} from module:${old} to module:${now}: ${moved.join(", ")}\n`);
    });
  });

  project(memory.command("delete").description("delete a memory").argument("<key>")).action((key: string, _: Flags, cmd: Command) =>
    withStore(cmd.optsWithGlobals<Flags>(), (store, flags) => {
      if (!store?.deleteMemory(key)) return missing(key);
      if (flags.json) return print({ deleted: key });
      process.stdout.write(`Deleted ${key}\n`);
    }),
  );
}

/** Runs `body` with the project's store; undefined when the project has none yet (reading never creates it). */
/** The store (SQLite) loads when a memory command runs, not at every CLI start. */
async function withStore(flags: Flags, body: (store: Store | undefined, flags: Flags) => void, create = false): Promise<void> {
  const { openStoreToRead, openStore } = await import("../../store/open.js");
  const root = findProjectRoot(flags.project);
  const store = create ? openStore(root) : openStoreToRead(root);
  try {
    body(store, flags);
  } finally {
    store?.close();
  }
}

/** `journal` or `module:journal`: the module's id. */
function moduleId(text: string): string {
  return text.startsWith("module:") ? text.slice("module:".length) : text;
}

/** Replaces the tag `module:<from>` with `module:<to>` on every memory carrying it; their keys, in order. */
function retag(store: Store, from: string, to: string): string[] {
  const [old, now] = [`module:${from}`, `module:${to}`];
  const moved: string[] = [];
  for (const m of store.listMemories({ tags: [old] })) {
    const tags = [...new Set(m.tags.map((t) => (t === old ? now : t)))];
    store.writeMemory({ key: m.key, content: m.content, tags, ...(m.runId ? { runId: m.runId } : {}), at: Date.now() });
    moved.push(m.key);
  }
  return moved;
}

/** A missing key: the same answer from `show` and `delete` (MEMORY_NOT_FOUND: one line, exit 2). */
function missing(key: string): never {
  throw new RunError("MEMORY_NOT_FOUND", `No memory \`${key}\` (see \`orchestrate memory list\`)`);
}

/** Longest first line a list shows of a memory; `memory show` prints it whole. */
const PREVIEW_CHARS = 200;

/** Each memory's key and tags, then its first line (cut at PREVIEW_CHARS). */
function printList(list: MemoryRecord[]): void {
  const c = colorsFor(process.stdout);
  for (const m of list) {
    const first = m.content.split("\n", 1)[0]!;
    const preview = first.length > PREVIEW_CHARS ? `${first.slice(0, PREVIEW_CHARS)}…` : first;
    process.stdout.write(`${c.bold(m.key)}  ${c.dim(m.tags.join(" "))}\n  ${preview}\n`);
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
