import { spawn } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { createModelServer, type RunningModelServer, type ScriptRequest } from "../helpers/model-server.js";
import { makeProject } from "../helpers/project.js";
import { loadSpec } from "../../src/spec/load.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/ledger", import.meta.url));
const servers: RunningModelServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function ledgerCode(): string {
  const root = makeProject({});
  for (const module of readdirSync(join(EXAMPLE, "recorded"))) cpSync(join(EXAMPLE, "recorded", module), root, { recursive: true });
  return root;
}

/** `orchestrate` as a child, without blocking this process: the scripted server answers in it. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: "1", CI: "true" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The modules a describe prompt lists: "- module `id`". */
const listed = (req: ScriptRequest) => [...JSON.stringify(req.body.messages?.[0] ?? "").matchAll(/- module `([a-z0-9_-]+)`/g)].map((m) => m[1]!);

describe("init --from-code --agent: the model pass", () => {
  it("each layer's modules are described through describe_module; the structure stays the import graph's", async () => {
    const script = (req: ScriptRequest) => {
      if (req.turn > 0) return { text: "Described." };
      const ids = listed(req);
      const calls = ids.map((id, i) => ({ id: `d${i}`, name: "mcp__orchestrate__describe_module", input: { module: id, purpose: `Keeps the ${id} part of the books.`, responsibilities: [`owns ${id}`], notes: id === "journal" ? "## Depends On\nsplit validation out" : undefined } }));
      // One invented module, which must change nothing.
      if (ids.includes("journal")) calls.push({ id: "ghost", name: "mcp__orchestrate__describe_module", input: { module: "ghost", purpose: "Does not exist.", responsibilities: [], notes: undefined } });
      return { toolCalls: calls };
    };
    const server = await createModelServer(script).start();
    servers.push(server);
    const root = ledgerCode();
    const plain = ledgerCode();
    const config = `anthropic:\n  baseURL: ${server.url}\n  apiKey: test-key\n  model: claude-sonnet-4-5\n`;
    writeFileSync(join(root, "orchestrate.config.yaml"), config);

    const result = await cli(["init", "--from-code", root, "--agent", "anthropic"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Described 10 of 10 modules in 4 attempts/);
    expect(result.stderr).toMatch(/Ignored descriptions of modules that do not exist \(the structure is the import graph's\): ghost/);

    const journal = readFileSync(join(root, ".claude/layers/core/modules/JOURNAL_AGENT.md"), "utf8");
    expect(journal).toMatch(/## Purpose\n\nKeeps the journal part of the books\.\n/);
    expect(journal).toMatch(/## Responsibilities\n\n- owns journal\n/);
    // A heading in the model's notes does not become a section of the spec.
    expect(journal).toMatch(/## Notes\n\nDepends On\nsplit validation out\n/);
    expect(journal).toMatch(/written by anthropic from the code/);

    // The same structure as without the model pass.
    expect(runCli(["init", "--from-code", plain]).code).toBe(0);
    const deps = (r: string) => Object.fromEntries(loadSpec(r).modules.map((m) => [m.id, m.dependencies.map((d) => d.id).sort()]));
    expect(deps(root)).toEqual(deps(plain));
    expect(runCli(["check", "--project", root]).code).toBe(0);
    // One read-only attempt per layer: the model was offered no tool that writes.
    const tools = server.requests.filter((r) => r.turn === 0).flatMap((r) => (r.body.tools as { name: string }[]).map((t) => t.name));
    expect(tools).toContain("mcp__orchestrate__describe_module");
    expect(tools).not.toContain("write_file");
  }, 120_000);
});
