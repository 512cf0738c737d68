import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { searchTerms } from "../store/search.js";
import type { MemoryRecord, Store } from "../store/types.js";
import { landingNote, type Landed } from "../store/landing.js";
import { RunError, UsageError } from "../errors.js";
import { guarded, jsonResult } from "./results.js";

export interface MemoryToolsOptions {
  /** Recorded on memories written through these tools. */
  runId?: string;
  /** Memories written get the tag `module:<id>`, so later prompts of that module find them. */
  moduleId?: string;
  /** Register `delete_memory` too. @default false */
  withDelete?: boolean;
  now?: () => number;
  /** A judge of whether a run's work is in the code (workspace/landed.ts), made anew for each tool call, so a merge made while the server runs is seen. */
  landing?: () => Landed;
}

/** Default and largest page of `list_memories`. */
const LIST_DEFAULT = 50;
const LIST_MAX = 500;

/**
 * The project memory as MCP tools, shared by the agents' server and `orchestrate mcp`:
 * `write_memory`, `read_memory`, `list_memories` and, when asked, `delete_memory`.
 */
export function registerMemoryTools(server: McpServer, store: Store, options: MemoryToolsOptions = {}): void {
  const now = options.now ?? Date.now;
  const moduleTag = options.moduleId ? `module:${options.moduleId}` : undefined;

  server.registerTool(
    "write_memory",
    {
      description: `Write (or replace) a project memory under \`key\`: a fact, decision or lesson later work should know. Memories outlive runs.${moduleTag ? ` Tagged \`${moduleTag}\` automatically.` : ""}`,
      inputSchema: {
        key: z.string().min(1).describe("unique key, e.g. `decision/ledger-precision`"),
        content: z.string().describe("the memory, markdown"),
        tags: z.array(z.string().min(1)).optional().describe("tags used to find it, e.g. `module:journal`, `layer:core`"),
      },
    },
    guarded(({ key, content, tags }: { key: string; content: string; tags?: string[] | undefined }) => {
      const all = [...new Set([...(tags ?? []), ...(moduleTag ? [moduleTag] : [])])];
      const { content: stored, ...memory } = store.writeMemory({ key, content, tags: all, ...(options.runId ? { runId: options.runId } : {}), at: now() });
      // Not the content again: the model would pay for it twice, and a reply over an MCP
      // client's 10 MB line limit (a 4 MB memory, as text and as structured content) drops the connection.
      return jsonResult({ key: memory.key, tags: memory.tags, ...(memory.runId ? { runId: memory.runId } : {}), chars: stored.length, createdAt: memory.createdAt, updatedAt: memory.updatedAt });
    }),
  );

  server.registerTool(
    "read_memory",
    {
      description: "Read one project memory: by `key`, or the best match for the words of `query` (give one of the two).",
      inputSchema: {
        key: z.string().min(1).optional().describe("the memory's key"),
        query: z.string().min(1).optional().describe("words to search key and content for; the best match is read"),
      },
    },
    guarded(({ key, query }: { key?: string | undefined; query?: string | undefined }) => {
      if ((key === undefined) === (query === undefined)) throw new UsageError("Expected `key` or `query` (one of them), got " + (key === undefined ? "neither" : "both"));
      if (key !== undefined) return jsonResult(noted(store, found(store, key), options.landing?.()));
      // A query of no word would "match" the newest memory, which is no match at all.
      if (searchTerms(query!).length === 0) throw new UsageError(`No word to search for in \`${query}\` (letters or digits): read by \`key\`, or list them with list_memories`);
      const [best] = store.searchMemories({ query: query!, limit: 1 });
      if (!best) throw new RunError("MEMORY_NOT_FOUND", `No memory matches \`${query}\` (list them with list_memories)`);
      return jsonResult(noted(store, best, options.landing?.()));
    }),
  );

  server.registerTool(
    "list_memories",
    {
      description: "List project memories: with `query`, those holding any of its words, best matches first; otherwise newest first. Optionally only those carrying a tag or of a module.",
      inputSchema: {
        query: z.string().optional().describe("words to search key and content for, e.g. `decimal rounding`"),
        tag: z.string().min(1).optional().describe("only memories with this tag, e.g. `layer:core`"),
        module: z.string().min(1).optional().describe("only memories of this module (tagged `module:<id>`)"),
        limit: z.number().int().min(1).max(LIST_MAX).optional().describe(`at most this many (default ${LIST_DEFAULT})`),
      },
    },
    guarded(({ query, tag, module, limit }: { query?: string | undefined; tag?: string | undefined; module?: string | undefined; limit?: number | undefined }) => {
      // One judge for the page: git is asked once per run its memories come from, not once per memory.
      const landed = options.landing?.();
      return jsonResult({
        memories: store.searchMemories({ ...(query ? { query } : {}), ...(tag ? { tags: [tag] } : {}), ...(module ? { module } : {}), limit: limit ?? LIST_DEFAULT }).map((m) => noted(store, m, landed)),
      });
    }),
  );

  if (!options.withDelete) return;
  server.registerTool(
    "delete_memory",
    { description: "Delete one project memory by key.", inputSchema: { key: z.string().min(1) } },
    guarded(({ key }: { key: string }) => {
      if (!store.deleteMemory(key)) throw missing(key);
      return jsonResult({ deleted: key });
    }),
  );
}

/** A memory with the `note` a prompt gives it: its run was isolated and its work never merged, so the code may not hold what it tells of. */
function noted(store: Store, memory: MemoryRecord, landed: Landed | undefined): MemoryRecord & { note?: string } {
  const note = memory.runId === undefined ? undefined : landingNote(store, memory.runId, landed);
  return note ? { ...memory, note } : memory;
}

function found(store: Store, key: string) {
  const memory = store.readMemory(key);
  if (!memory) throw missing(key);
  return memory;
}

function missing(key: string): RunError {
  return new RunError("MEMORY_NOT_FOUND", `No memory \`${key}\` (list them with list_memories)`);
}
