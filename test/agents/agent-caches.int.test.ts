import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { agentSection } from "../../src/agents/chosen.js";
import { compileClaudeCodeOptions, queryOptions, type ClaudeCodeOptions } from "../../src/agents/claude-code-options.js";
import { createWorkspaceTools } from "../../src/agents/tools.js";
import { withDefaults } from "../../src/config/options.js";
import { parseConfigSource } from "../../src/config/load.js";
import { compileSandboxOptions } from "../../src/sandbox/options.js";
import type { SandboxOptions } from "../../src/sandbox/types.js";
import { cleanup, makeTask, tempDir } from "./helpers.js";

// An agent's own commands (run_command, Claude Code's Bash) read the build tools' dependency caches
// read-only and run the tools offline where their sandbox has no network, as the gates' do: an agent
// runs `cargo test` before it finishes. The home is outside /tmp, hidden by the sandbox as every home is.

const saved = { HOME: process.env.HOME, CARGO_HOME: process.env.CARGO_HOME, GRADLE_USER_HOME: process.env.GRADLE_USER_HOME };
let home: string;

beforeAll(async () => {
  home = await mkdtemp("/var/tmp/orchestrate-home-");
  await mkdir(join(home, ".cargo", "registry", "cache"), { recursive: true });
  await writeFile(join(home, ".cargo", "registry", "cache", "crate.txt"), "a downloaded crate\n");
  await writeFile(join(home, ".cargo", "credentials.toml"), "token = 'never read'\n");
  delete process.env.CARGO_HOME;
  delete process.env.GRADLE_USER_HOME;
  process.env.HOME = home;
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(home, { recursive: true, force: true });
});

afterEach(cleanup);

const parse = (text: string) => parseConfigSource({ name: "orchestrate.config.yaml", text });
const sectionOf = (text: string, root: string) => {
  const config = parse(text);
  return agentSection(withDefaults(config), config, root) as { sandbox?: SandboxOptions };
};

async function project(buildFile: string): Promise<string> {
  const root = await tempDir();
  await writeFile(join(root, buildFile), buildFile === "Cargo.toml" ? '[package]\nname = "ledger"\n' : "");
  return root;
}

describe("the agents' sandbox and the build tools' caches", () => {
  it("run_command of a Cargo project reads ~/.cargo/registry and runs cargo offline; never ~/.cargo's credentials", async () => {
    const root = await project("Cargo.toml");
    const { sandbox } = sectionOf("agent: anthropic\nanthropic: { model: m }\n", root);
    const tools = await createWorkspaceTools(makeTask(root), { commandTimeoutMs: 20_000, sandbox: compileSandboxOptions(sandbox) });
    const out = await tools.call("run_command", { command: 'cat ~/.cargo/registry/cache/crate.txt; echo "offline=$CARGO_NET_OFFLINE"; cat ~/.cargo/credentials.toml 2>/dev/null || echo "no credentials"' }, new AbortController().signal);
    // Before: "No such file or directory" for the crate (the home hidden) and `offline=`.
    expect(out.content).toContain("a downloaded crate\noffline=true\nno credentials");
  });

  it("Claude Code's Bash gets the same: the caches readable in its sandbox, the variables in its environment (Gradle's home in its temporary folder)", async () => {
    const root = await project("Cargo.toml");
    const { sandbox } = sectionOf("agent: claude-code\nclaudeCode: { permissionMode: bypassPermissions }\n", root);
    const extras = { abortController: new AbortController(), stderr: () => undefined, tmpDir: "/tmp/orchestrate-claude-x" };
    const mapped = queryOptions(compileClaudeCodeOptions({ permissionMode: "bypassPermissions", ...(sandbox ? { sandbox } : {}) } as ClaudeCodeOptions), makeTask(root), extras);
    expect(mapped.sandbox?.filesystem?.allowRead).toEqual(expect.arrayContaining([join(home, ".cargo", "registry"), join(home, ".cargo", "git")]));
    expect(mapped.env).toMatchObject({ CARGO_NET_OFFLINE: "true" });

    const gradle = await project("build.gradle");
    const g = sectionOf("agent: claude-code\n", gradle).sandbox;
    const env = queryOptions(compileClaudeCodeOptions({ permissionMode: "bypassPermissions", ...(g ? { sandbox: g } : {}) } as ClaudeCodeOptions), makeTask(gradle), extras).env;
    expect(env).toMatchObject({ GRADLE_RO_DEP_CACHE: join(home, ".gradle", "caches"), GRADLE_USER_HOME: "/tmp/orchestrate-claude-x/.gradle" });
  });

  it("adds nothing where the sandbox has the network (a command agent's always has), or the project uses no such tool", async () => {
    const root = await project("Cargo.toml");
    expect(sectionOf("agent: anthropic\nsandbox: { network: true }\n", root).sandbox).toMatchObject({ readable: [], network: true });
    expect(sectionOf("agent: anthropic\nsandbox: { network: true }\n", root).sandbox?.set).toBeUndefined();
    const command = sectionOf("agent: command\ncommand: { run: my-cli, sandbox: true }\n", root).sandbox;
    expect(command).toMatchObject({ readable: [] });
    expect(command?.set).toBeUndefined();
    const plain = await project("package.json");
    expect(sectionOf("agent: anthropic\n", plain).sandbox).toMatchObject({ readable: [] });
    expect(sectionOf("agent: anthropic\n", plain).sandbox?.set).toBeUndefined();
  });
});
