import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { Store } from "../store/types.js";
import { guarded, jsonResult } from "./results.js";

/** The run id of `init --from-code`'s describing attempts: their server offers `describe_module`. */
export const DESCRIBE_RUN = "init";

/** Where a module's description is kept: a memory, so it also serves later prompts. */
export const describeKey = (moduleId: string): string => `describe/${moduleId}`;

export interface ModuleDescription {
  purpose: string;
  responsibilities: string[];
  notes?: string;
}

/**
 * `describe_module`: how a model hands back what it read in a module's code. Kept as the
 * memory `describe/<module>`; `init --from-code` reads it back and checks the module id.
 */
export function registerDescribeTools(server: McpServer, store: Store, now: () => number): void {
  server.registerTool(
    "describe_module",
    {
      description: "Record what one module of the project is for, from its code: its purpose (one or two sentences), its responsibilities and any notes (pitfalls, structure you would change). Call it once per module you were asked about.",
      inputSchema: {
        module: z.string().min(1).describe("the module id, exactly as listed in the prompt"),
        purpose: z.string().min(1).max(1000),
        responsibilities: z.array(z.string().min(1).max(300)).max(12).optional(),
        notes: z.string().max(2000).optional(),
      },
    },
    guarded(({ module, purpose, responsibilities, notes }: { module: string; purpose: string; responsibilities?: string[] | undefined; notes?: string | undefined }) => {
      const description: ModuleDescription = { purpose: purpose.trim(), responsibilities: responsibilities ?? [], ...(notes?.trim() ? { notes: notes.trim() } : {}) };
      store.writeMemory({ key: describeKey(module), content: formatDescription(description), tags: ["init", `module:${module}`], at: now() });
      return jsonResult({ recorded: module });
    }),
  );
}

export function formatDescription(d: ModuleDescription): string {
  const lines = [`Purpose: ${d.purpose}`];
  if (d.responsibilities.length) lines.push("Responsibilities:", ...d.responsibilities.map((r) => `- ${r}`));
  if (d.notes) lines.push(`Notes: ${d.notes}`);
  return lines.join("\n");
}

/** The description back from its memory text (the form `formatDescription` writes). */
export function parseDescription(text: string): ModuleDescription | undefined {
  const purpose = /^Purpose: (.*)$/m.exec(text)?.[1]?.trim();
  if (!purpose) return undefined;
  const block = /^Responsibilities:\n((?:- .*\n?)*)/m.exec(text)?.[1] ?? "";
  const responsibilities = block.split("\n").filter((l) => l.startsWith("- ")).map((l) => l.slice(2).trim());
  const notes = /^Notes: ([\s\S]*)$/m.exec(text)?.[1]?.trim();
  return { purpose, responsibilities, ...(notes ? { notes } : {}) };
}
