import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { RE2JS } from "re2js";
import { z } from "zod";
import { compileSandboxOptions } from "../sandbox/options.js";
import { limitHit } from "../sandbox/limits.js";
import { openSandbox, type SandboxChoice } from "../sandbox/open.js";
import type { CompiledSandboxOptions, Sandbox } from "../sandbox/types.js";
import { openRegular, readText, SKIPPED_DIRS, walk } from "./file-walk.js";
import { runProcess } from "../exec/process.js";
import { replaceFile } from "./replace-file.js";
import type { AgentTask } from "./types.js";
import { Workspace } from "./workspace.js";
import { timedOutAfter } from "../timer.js";

/** A tool as offered to a model: the input schema is JSON Schema (an object). */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** What goes back to the model; `isError` marks a failed call, which the model may recover from. */
export interface ToolOutcome {
  content: string;
  isError: boolean;
}

/** A set of tools the model loop can offer and call. `call` never throws. */
export interface ToolSet {
  definitions: ToolDefinition[];
  has(name: string): boolean;
  call(name: string, input: unknown, signal: AbortSignal): Promise<ToolOutcome>;
}

export interface WorkspaceTools extends ToolSet {
  /** Files written or edited so far, relative to the project root, sorted. */
  filesChanged(): string[];
}

export interface WorkspaceToolsOptions {
  /** Longest a `run_command` may take; the model may ask for less. @default 120000 */
  commandTimeoutMs?: number;
  /** Characters of a file, listing or command output sent back to the model. @default 60000 */
  outputLimit?: number;
  /**
   * Where `run_command` runs: the `sandbox` options, or a sandbox already opened with them.
   * When bubblewrap cannot run, `run_command` is not offered (unless `mode: "none"`).
   * @default bwrap, network off
   */
  sandbox?: CompiledSandboxOptions | SandboxChoice;
}

const MAX_ENTRIES = 500;
const MAX_MATCHES = 100;
const SEARCH_FILE_BYTES = 1024 * 1024;
/** Largest file `read_file` and `edit_file` take whole: more would only fill memory, the model sees 60,000 characters. */
const READ_FILE_BYTES = 16 * 1024 * 1024;

/**
 * A file's whole text for `read_file` and `edit_file`, or the tool error to answer: not a
 * regular file (a named pipe would block the read forever), or too large to hold.
 */
async function readWhole(abs: string, rel: string): Promise<string | ToolOutcome> {
  const opened = await openRegular(abs);
  if (!opened) return { content: `\`${rel}\` is not a regular file (a named pipe, socket or device)`, isError: true };
  try {
    if (opened.size > READ_FILE_BYTES) {
      const mb = (opened.size / 1024 / 1024).toFixed(0);
      return { content: `\`${rel}\` is ${mb} MB, over the ${READ_FILE_BYTES / 1024 / 1024} MB the tools read whole; use search, or run_command with head, tail or sed -n`, isError: true };
    }
    return await opened.handle.readFile("utf8");
  } finally {
    await opened.handle.close();
  }
}

interface Env {
  ws: Workspace;
  changed: Set<string>;
  signal: AbortSignal;
  limit: number;
  commandTimeoutMs: number;
  sandbox: Sandbox | undefined;
}

interface Tool<S extends z.ZodType = z.ZodType> {
  description: string;
  schema: S;
  writes: boolean;
  run(input: z.infer<S>, env: Env): Promise<string | ToolOutcome>;
}

const tool = <S extends z.ZodType>(t: Tool<S>): Tool => t as unknown as Tool;
const path = (what: string) => z.string().min(1).describe(`${what}, relative to the project root`);

function cap(text: string, limit: number, hint: string): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n[... cut at ${limit} of ${text.length} characters; ${hint}]`;
}

const TOOLS: Record<string, Tool> = {
  read_file: tool({
    description: "Read a text file of the project. For a long file, pass `offset` (1-based line) and `limit` (lines).",
    schema: z.strictObject({ path: path("File"), offset: z.int().min(1).optional(), limit: z.int().min(1).optional() }),
    writes: false,
    async run({ path: p, offset, limit }, env) {
      const { abs, rel } = await env.ws.resolve(p);
      if ((await stat(abs)).isDirectory()) return { content: `\`${rel}\` is a folder; use list_files`, isError: true };
      const text = await readWhole(abs, rel);
      if (typeof text !== "string") return text;
      if (text.includes("\0")) return { content: `\`${rel}\` is a binary file`, isError: true };
      if (offset === undefined && limit === undefined) return cap(text, env.limit, "read the rest with offset and limit");
      const lines = text.split("\n");
      const from = (offset ?? 1) - 1;
      const to = Math.min(lines.length, from + (limit ?? lines.length));
      const header = `[lines ${from + 1}-${to} of ${lines.length}]\n`;
      return header + cap(lines.slice(from, to).join("\n"), env.limit, "ask for fewer lines");
    },
  }),
  write_file: tool({
    description: "Create or overwrite a file of the project with the given content; missing folders are created.",
    schema: z.strictObject({ path: path("File"), content: z.string() }),
    writes: true,
    async run({ path: p, content }, env) {
      const { abs, rel } = await env.ws.resolve(p, "write");
      await mkdir(dirname(abs), { recursive: true });
      await replaceFile(abs, content);
      env.changed.add(rel);
      return `Wrote ${Buffer.byteLength(content)} bytes to ${rel}`;
    },
  }),
  edit_file: tool({
    description: "Replace one exact occurrence of `old_string` in a file by `new_string`. Fails when it is missing or occurs more than once: include more context to make it unique.",
    schema: z.strictObject({ path: path("File"), old_string: z.string().min(1), new_string: z.string() }),
    writes: true,
    async run({ path: p, old_string, new_string }, env) {
      const { abs, rel } = await env.ws.resolve(p, "write");
      const text = await readWhole(abs, rel);
      if (typeof text !== "string") return text;
      const count = text.split(old_string).length - 1;
      if (count !== 1) {
        const found = count === 0 ? "not found" : `found ${count} times`;
        return { content: `Expected \`old_string\` to occur exactly once in ${rel}, ${found}`, isError: true };
      }
      const at = text.indexOf(old_string);
      await replaceFile(abs, text.slice(0, at) + new_string + text.slice(at + old_string.length));
      env.changed.add(rel);
      return `Edited ${rel}`;
    },
  }),
  list_files: tool({
    description: `List a folder of the project (folders end with "/", links with "@"). \`recursive\` lists everything below it, at most ${MAX_ENTRIES} entries, without entering ${[...SKIPPED_DIRS].join(", ")}.`,
    schema: z.strictObject({ path: path("Folder").default("."), recursive: z.boolean().default(false) }),
    writes: false,
    async run({ path: p, recursive }, env) {
      const { abs, rel } = await env.ws.resolve(p);
      const lines: string[] = [];
      for await (const entry of walk(abs, rel, recursive)) {
        if (lines.length === MAX_ENTRIES) return `${lines.join("\n")}\n[... stopped at ${MAX_ENTRIES} entries; list a subfolder]`;
        lines.push(entry.rel + (entry.kind === "dir" ? "/" : entry.kind === "link" ? "@" : ""));
      }
      return lines.length ? cap(lines.join("\n"), env.limit, "list a subfolder") : `${rel} is empty`;
    },
  }),
  search: tool({
    description: `Search the project's text files for a substring (or a regular expression in RE2 syntax, without backreferences or lookaround, with \`regex: true\`). Answers \`file:line: text\`, at most ${MAX_MATCHES} matches.`,
    schema: z.strictObject({
      pattern: z.string().min(1),
      path: path("Folder or file to search").default("."),
      regex: z.boolean().default(false),
      ignoreCase: z.boolean().default(false),
    }),
    writes: false,
    async run({ pattern, path: p, regex, ignoreCase }, env) {
      const { abs, rel } = await env.ws.resolve(p);
      const re = await compilePattern(pattern, regex, ignoreCase);
      if (typeof re === "string") return { content: re, isError: true };
      const files = (await stat(abs)).isDirectory() ? walk(abs, rel, true) : [{ abs, rel, kind: "file" }];
      const matches: string[] = [];
      for await (const file of files) {
        if (file.kind !== "file") continue;
        const read = await readText(file.abs, SEARCH_FILE_BYTES).catch(() => undefined);
        if (!read) continue;
        for (const [i, line] of read.text.split("\n").entries()) {
          if (!re.test(line)) continue;
          if (matches.length === MAX_MATCHES) return `${matches.join("\n")}\n[... stopped at ${MAX_MATCHES} matches]`;
          matches.push(`${file.rel}:${i + 1}: ${line.trim().slice(0, 200)}`);
        }
      }
      return matches.length ? cap(matches.join("\n"), env.limit, "narrow the search") : "No matches";
    },
  }),
  run_command: tool({
    description: "Run a shell command (/bin/sh -c) in the project root, e.g. the module's tests. Answers the exit code and the output (the tail when long).",
    schema: z.strictObject({ command: z.string().min(1), timeoutMs: z.int().min(1).optional() }),
    writes: true,
    async run({ command, timeoutMs }, env) {
      if (!env.sandbox) return { content: NO_SANDBOX, isError: true };
      const limit = Math.min(timeoutMs ?? env.commandTimeoutMs, env.commandTimeoutMs);
      const { launcher, env: commandEnv } = env.sandbox.launch({ cwd: env.ws.root, set: { CI: "1" } });
      const proc = await runProcess({
        command,
        launcher,
        cwd: env.ws.root,
        env: commandEnv,
        timeoutMs: limit,
        signal: env.signal,
        maxCaptureBytes: env.limit,
      });
      const status = proc.timedOut
        ? timedOutAfter(limit, limit === env.commandTimeoutMs ? "commandTimeoutMs in the agent's section of orchestrate.config.yaml" : "the timeoutMs asked for")
        : proc.cancelled
          ? "cancelled"
          : proc.exitCode === null
            ? `killed by ${proc.signal ?? "a signal"}`
            : `exit code ${proc.exitCode}`;
      const hit = limitHit(env.sandbox.limits, proc, proc.stdout + proc.stderr);
      // runProcess keeps the tail of each stream; say when the head is gone.
      const trim = (out: string) => (Buffer.byteLength(out) >= env.limit ? "[... earlier output cut]\n" : "") + out.replace(/\n$/, "");
      const content = [`$ ${command}`, `${status} (${proc.durationMs} ms)${hit ? `: ${hit}` : ""}`, `stdout:\n${trim(proc.stdout)}`, `stderr:\n${trim(proc.stderr)}`].join("\n");
      return { content, isError: proc.exitCode !== 0 };
    },
  }),
};

const NO_SANDBOX = "Tool `run_command` is not available: the sandbox cannot run here (install bubblewrap, or set sandbox.mode: none)";

/**
 * A model's pattern runs on RE2 (re2js), whose time is linear in the input: a pattern such
 * as `(a+)+$` cannot stall the engine the way it stalls a backtracking `RegExp`.
 */
async function compilePattern(pattern: string, regex: boolean, ignoreCase: boolean): Promise<RE2JS | string> {
  // Imported on first use: loading it costs every CLI start tens of milliseconds.
  const { RE2JS } = await import("re2js");
  try {
    return RE2JS.compile(regex ? pattern : RE2JS.quote(pattern), ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    return `Expected \`pattern\` to be a regular expression in RE2 syntax (no backreferences or lookaround), got \`${pattern}\`: ${(error as Error).message}`;
  }
}

function toDefinition(name: string, t: Tool): ToolDefinition {
  const { $schema: _, ...inputSchema } = z.toJSONSchema(t.schema, { io: "input" }) as Record<string, unknown>;
  return { name, description: t.description, inputSchema };
}

/**
 * The built-in tools of the model agents, confined to the project root (see `Workspace`).
 * A read-only task is offered no tool that can change files, and such a call is refused.
 */
export async function createWorkspaceTools(
  task: Pick<AgentTask, "cwd" | "readOnly">,
  options: WorkspaceToolsOptions = {},
): Promise<WorkspaceTools> {
  const ws = await Workspace.open(task.cwd);
  const changed = new Set<string>();
  const chosen = options.sandbox && "line" in options.sandbox ? options.sandbox : await openSandbox(options.sandbox ?? compileSandboxOptions());
  const sandbox = chosen.sandbox;
  const offered = Object.entries(TOOLS).filter(([name, t]) => !(task.readOnly && t.writes) && (name !== "run_command" || sandbox));
  const byName = new Map(offered);
  const base = { ws, changed, limit: options.outputLimit ?? 60_000, commandTimeoutMs: options.commandTimeoutMs ?? 120_000, sandbox };
  return {
    definitions: offered.map(([name, t]) => toDefinition(name, t)),
    has: (name) => byName.has(name),
    filesChanged: () => [...changed].sort(),
    async call(name, input, signal) {
      const t = byName.get(name);
      if (!t) {
        if (name === "run_command" && !task.readOnly && !sandbox) return { content: NO_SANDBOX, isError: true };
        const why = task.readOnly && Object.hasOwn(TOOLS, name) ? "is not allowed in a read-only task" : "does not exist";
        return { content: `Tool \`${name}\` ${why}`, isError: true };
      }
      const parsed = t.schema.safeParse(input ?? {});
      if (!parsed.success) return { content: `Invalid input for ${name}:\n${z.prettifyError(parsed.error)}`, isError: true };
      try {
        const out = await t.run(parsed.data, { ...base, signal });
        return typeof out === "string" ? { content: out, isError: false } : out;
      } catch (error) {
        return { content: `${name} failed: ${(error as Error).message}`, isError: true };
      }
    },
  };
}
