import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach } from "vitest";
import { BIN, runCli, type CliResult } from "../helpers/cli.js";
import { createModelServer, type RunningModelServer, type Script, type ScriptRequest } from "../helpers/model-server.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { commitAll, git } from "../workspace/git-fixture.js";

const servers: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Closes `server` after the test. */
export function closeAfterTest<T extends { close(): Promise<void> }>(server: T): T {
  servers.push(server);
  return server;
}

/** A scripted Anthropic + OpenAI server on 127.0.0.1, closed after the test. */
export async function serveModel(script: Script): Promise<RunningModelServer> {
  return closeAfterTest(await createModelServer(script).start());
}

/** A temp folder outside any project, removed after the test. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-e2e-"));
  dirs.push(dir);
  return dir;
}

/**
 * The built CLI, like `runCli`, but without blocking: the protocol fakes live in this
 * process, and `spawnSync` would stop them from answering the agent the CLI runs.
 */
export function runCliAsync(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 35_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ProjectOptions {
  /** Module ids, each owning `src/<id>.js` and `test/<id>.test.js`, all in layer `core`. */
  modules?: string[];
  /** orchestrate.config.yaml, without the gates (added by `gated`). */
  config: string;
  files?: Record<string, string>;
}

/** The module gate every project here has: node's test runner over the tests that exist. */
export const GATES = 'gates:\n  module:\n    - { name: tests, kind: command, run: "node --test test/" }\n';

/** A small JS project: a `.claude/` tree with one layer `core` and its modules, ESM, and its config with the module gate. */
export function jsProject(opts: ProjectOptions): string {
  const files: Record<string, string> = {
    "package.json": '{ "type": "module" }\n',
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
    "orchestrate.config.yaml": `${opts.config}${GATES}`,
    ...opts.files,
  };
  for (const id of opts.modules ?? ["add"]) {
    files[`.claude/layers/core/modules/${id.toUpperCase()}_AGENT.md`] = moduleSpec({
      module: `src/${id}.js`,
      related: [`src/${id}.js`, `test/${id}.test.js`],
      body: `## Purpose\n\n\`${id}(a, b)\` returns a + b, tested with node's test runner.\n`,
    });
  }
  return makeProject(files);
}

export const sourceOf = (id: string) => `export function ${id}(a, b) {\n  return a + b;\n}\n`;

export const testOf = (id: string) =>
  [
    'import { test } from "node:test";',
    'import assert from "node:assert/strict";',
    `import { ${id} } from "../src/${id}.js";`,
    `test("${id} adds", () => assert.equal(${id}(2, 3), 5));`,
    "",
  ].join("\n");

/** The module's source and test as `write_file` calls. */
export function writeModuleCalls(id: string) {
  return [
    { name: "write_file", input: { path: `src/${id}.js`, content: sourceOf(id) } },
    { name: "write_file", input: { path: `test/${id}.test.js`, content: testOf(id) } },
  ];
}

/** Which module a request is about, from the system prompt the model agents send. */
export function moduleOf(req: ScriptRequest): string {
  return /Module: (\S+) \(layer/.exec(JSON.stringify(req.body))?.[1] ?? "?";
}

export { toolResults, type SeenResult } from "../agents/model-helpers.js";

/** Names of the tools offered in the request, in either wire format. */
export function toolNames(req: ScriptRequest): string[] {
  const tools = (req.body.tools ?? []) as Array<{ name?: string; function?: { name: string } }>;
  return tools.map((t) => t.name ?? t.function?.name ?? "?");
}

export interface Status {
  runId: string;
  state: string;
  modules: Array<{
    id: string;
    state: string;
    reason?: string;
    attempts: Array<{ n: number; state: string; error?: string; gates?: string; usage: { inputTokens: number; outputTokens: number; costUsd: number } }>;
    usage: { inputTokens: number; outputTokens: number; costUsd: number };
  }>;
}

export function status(root: string): Status {
  const result = runCli(["status", "--project", root, "--json"]);
  if (result.code !== 0) throw new Error(`status failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Status;
}

export interface EventRow {
  type: string;
  module_id: string | null;
  data: string;
}

/** The run's events as the store holds them. */
export function events(root: string, runId: string): EventRow[] {
  const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
  try {
    return db.prepare("SELECT type, module_id, data FROM events WHERE run_id = ? ORDER BY id").all(runId) as EventRow[];
  } finally {
    db.close();
  }
}

const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A real stdio MCP server with one tool, `hint`, that logs each call to $HINT_LOG. */
const HINT_SERVER = `
import { appendFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "hints", version: "1.0.0" });
server.registerTool("hint", { description: "A design hint for a topic", inputSchema: { topic: z.string() } }, async ({ topic }) => {
  appendFileSync(process.env.HINT_LOG, topic + "\\n");
  return { content: [{ type: "text", text: "hint for " + topic + ": keep it pure" }] };
});
await server.connect(new StdioServerTransport());
`;

/** The hint server's script in a folder of its own that sees our node_modules through a link; returns its path. */
export function hintServerScript(): string {
  const dir = scratchDir();
  symlinkSync(NODE_MODULES, join(dir, "node_modules"));
  const script = join(dir, "hints.mjs");
  writeFileSync(script, HINT_SERVER);
  return script;
}

/**
 * A git repository of one module, `add`, whose module gate touches `started` and then waits while
 * `hold` exists: a test stops the run in that gate. `config`: the project's config before its gates.
 */
export function heldGateProject(scratch: string, config: string): { root: string; started: string; hold: string } {
  const started = join(scratch, "gate-started");
  const hold = join(scratch, "hold");
  writeFileSync(hold, "");
  const gate = `touch ${started}; while [ -e ${hold} ]; do sleep 0.05; done; node --test test/`;
  const root = jsProject({ config, files: { "src/add.js": sourceOf("add"), "test/add.test.js": testOf("add"), "gate.sh": `${gate}\n` } });
  // jsProject's gates are replaced by that one.
  writeFileSync(join(root, "orchestrate.config.yaml"), `${config}gates:\n  discover: false\n  sandbox: false\n  module: [ { name: tests, kind: command, run: "sh gate.sh" } ]\n`);
  // A repository, so that each attempt has a worktree of its own (a patch of its work kept when it closes).
  writeFileSync(join(root, ".gitignore"), ".orchestrate/\n");
  git(root, "init", "-q", "-b", "main");
  commitAll(root, "initial");
  return { root, started, hold };
}
