import { spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// The run's first line says where agent-issued commands run (issue 9, finding 1).

function project(config: string): string {
  return makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers: core\n",
    ".claude/layers/core/modules/GREET_AGENT.md": moduleSpec({ module: "src/greet.txt" }),
    "orchestrate.config.yaml": config,
  });
}

describe("orchestrate run: the sandbox line", () => {
  it("comes first for a model agent", () => {
    const root = project("agent: anthropic\nretries: 0\nanthropic:\n  model: claude-haiku-4-5\n  apiKey: unused\n  baseURL: http://127.0.0.1:9\n  maxRetries: 0\n");
    const { stdout } = runCli(["run", "implement system", "--project", root]);
    expect(stdout.split("\n")[0]).toBe("sandbox: bwrap (network off)");
  });

  it("says when a command agent opted in, and when it did not", () => {
    const confined = runCli(["run", "implement system", "--project", project("agent: command\ncommand:\n  run: echo hi\n  sandbox: true\n  network: true\n")]);
    expect(confined.stdout.split("\n")[0]).toBe("sandbox: bwrap (network on) for the command agent");
    expect(confined.code).toBe(0);
    const open = runCli(["run", "implement system", "--project", project("agent: command\ncommand:\n  run: echo hi\n")]);
    expect(open.stdout.split("\n")[0]).toBe("sandbox: off for the command agent (set command.sandbox: true to confine it)");
  });

  it("names the hosts a sandboxed command agent reaches: its model's by default, none without one", () => {
    const config = "agent: command\ncommand:\n  run: echo hi\n  sandbox: true\n";
    const model = runCli(["run", "implement system", "--project", project(config)], { env: { ANTHROPIC_BASE_URL: "http://127.0.0.1:9" } });
    expect(model.stdout.split("\n")[0]).toBe("sandbox: bwrap (network: only 127.0.0.1:9, through a proxy) for the command agent");
    const none = runCli(["run", "implement system", "--project", project(config)], { env: { ANTHROPIC_BASE_URL: "" } });
    expect(none.stdout.split("\n")[0]).toBe("sandbox: bwrap (network off: list its model's host:port in command.network) for the command agent");
  });

  it("refuses a secret's name in sandbox.env with file and line", () => {
    const { code, stderr } = runCli(["run", "implement system", "--project", project("agent: command\ncommand:\n  run: echo hi\nsandbox:\n  env:\n    - GITHUB_TOKEN\n")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^orchestrate: orchestrate\.config\.yaml:\d+: `sandbox\.env\.0`: Expected a name that does not hold a secret/);
    expect(stderr).not.toContain("    at ");
  });
});

describe("orchestrate run: the claude-code agent's Bash", () => {
  // Claude Code itself is /bin/false here: an attempt ends at once, the lines are what is tested.
  const claudeCode = (extra = "") => project(`agent: claude-code\nretries: 0\nclaudeCode:\n  pathToClaudeCodeExecutable: /bin/false\n${extra}`);
  const env = { ANTHROPIC_API_KEY: "unused" };
  const first = (root: string, more: Record<string, string> = {}) => runCli(["run", "implement system", "--project", root], { env: { ...env, ...more } }).stdout.split("\n")[0];

  it("says where it runs: not at all beyond Claude Code's read-only commands, in Claude Code's sandbox, or unconfined", () => {
    expect(first(claudeCode())).toBe("sandbox: claude-code may run only Claude Code's read-only commands in the workspace (allow Bash in claudeCode.allowedTools to run more, in Claude Code's sandbox)");
    expect(first(claudeCode('  allowedTools: ["Bash(npm test:*)"]\n'))).toBe("sandbox: claude-code's Bash runs in Claude Code's sandbox (network off)");
    expect(first(claudeCode("  permissionMode: bypassPermissions\nsandbox: { network: true }\n"))).toBe("sandbox: claude-code's Bash runs in Claude Code's sandbox (network on, through its proxy)");
    expect(first(claudeCode("  allowedTools: [Bash]\nsandbox: { mode: none }\n"))).toBe("sandbox: none, claude-code's Bash runs unconfined (sandbox.mode: none)");
  });

  it("refuses the run in one line, before any attempt, where Claude Code's sandbox cannot start (no socat)", () => {
    const bin = makeProject({});
    for (const name of ["git", "bwrap"]) symlinkSync(onPathAt(name), join(bin, name));
    const { code, stdout, stderr } = runCli(["run", "implement system", "--project", claudeCode('  allowedTools: ["Bash(npm test:*)"]\n')], { env: { ...env, PATH: bin } });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "orchestrate: claude-code: its Bash runs in Claude Code's sandbox, which cannot start here (socat is not installed): install bubblewrap and socat (apt-get install bubblewrap socat), or set `sandbox: { mode: none }` in orchestrate.config.yaml to run it unconfined\n",
    );
    expect(stdout).not.toMatch(/sandbox:|journal/);
    // A read-only run has no Bash to confine: it is not refused.
    const analyze = runCli(["run", "analyze system", "--type", "analyze", "--project", claudeCode('  allowedTools: ["Bash(npm test:*)"]\n')], { env: { ...env, PATH: bin } });
    expect(analyze.stdout.split("\n")[0]).toBe("sandbox: claude-code runs no Bash (a read-only run)");
  });
});

/** Where `name` is on our PATH. */
function onPathAt(name: string): string {
  const dir = (process.env.PATH ?? "").split(delimiter).find((d) => d && existsSync(join(d, name)));
  if (!dir) throw new Error(`${name} is not on PATH (scripts/system-deps.sh installs it)`);
  return join(dir, name);
}

describe("orchestrate run: the gates line", () => {
  const gated = (extra = "") => project(`agent: simulate\nretries: 0\ngates:\n  system:\n    - { name: tests, kind: command, run: "true" }\n${extra}`);

  it("says gates run in bubblewrap, or unconfined when the config opts out", () => {
    expect(runCli(["run", "implement system", "--project", gated()]).stdout.split("\n")[0]).toBe("gates: bwrap (network off)");
    expect(runCli(["run", "implement system", "--project", gated("  sandbox: false\n")]).stdout.split("\n")[0]).toBe("gates: unconfined (gates.sandbox: false)");
  });

  it("says gates run unconfined where bubblewrap cannot create namespaces (Ubuntu 24.04's AppArmor)", () => {
    const bin = makeProject({ "bwrap": "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n" });
    chmodSync(join(bin, "bwrap"), 0o755);
    const { stdout, code } = runCli(["run", "implement system", "--project", gated()], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(stdout.split("\n")[0]).toBe("gates: unconfined (bwrap cannot create namespaces here: bwrap: setting up uid map: Permission denied; install bubblewrap to confine them, or set gates.sandbox: false)");
    expect(code).toBe(0);
  });
});

describe("orchestrate run: the lines of workspace.setup and benchmarks", () => {
  it("say where setup runs, with the network workspace.network gives it", () => {
    const setup = (extra: string) => runCli(["run", "implement system", "--project", project(`agent: simulate\nretries: 0\nworkspace:\n  setup: "true"\n${extra}`)]).stdout.split("\n");
    expect(setup("")).toContain("workspace.setup: bwrap (network on)");
    expect(setup("  network: false\n")).toContain("workspace.setup: bwrap (network off)");
    expect(setup("gates:\n  sandbox: false\n")).toContain("workspace.setup: unconfined (gates.sandbox: false)");
    // No line for a setup that never runs: every attempt in the one working tree.
    expect(setup("isolation: shared\n").some((l) => l.startsWith("workspace.setup:"))).toBe(false);
  });

  it("an optimize run's benchmark runs where the line says: without the run's secrets, writing only what the config allows", () => {
    const out = makeProject({});
    const bench = `echo "key=\${ANTHROPIC_API_KEY:-none}" >> ${out}/bench.txt; echo 12 ms`;
    const root = project(`agent: simulate\nretries: 0\noptimize:\n  run: ${JSON.stringify(bench)}\nsandbox:\n  writable: [${out}]\n`);
    const run = runCli(["run", "optimize the greet module", "--type", "optimize", "--project", root], { env: { ANTHROPIC_API_KEY: "sk-test-0123456789abcdefghij" } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.split("\n")).toContain("benchmarks: bwrap (network off)");
    // Measured before and after the module's attempt, the best of three runs each (optimize.samples).
    expect(readFileSync(join(out, "bench.txt"), "utf8")).toBe("key=none\n".repeat(6));
  });

  it("resume of an optimize run says where its benchmarks run, as the run did", async () => {
    const root = project(`agent: simulate\nretries: 0\nsimulate:\n  latencyMs: 60000\noptimize:\n  run: "echo 12 ms"\n`);
    const child = spawn(process.execPath, [BIN, "run", "optimize the greet module", "--type", "optimize", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("attempt 1 started")) resolve();
      });
      child.on("exit", () => reject(new Error(`the run ended before its attempt started:\n${output}`)));
    });
    expect(output.split("\n")).toContain("benchmarks: bwrap (network off)");
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    // Resumed without the minute-long attempt: the config is read again on resume.
    writeFileSync(join(root, "orchestrate.config.yaml"), `agent: simulate\nretries: 0\noptimize:\n  run: "echo 12 ms"\n`);
    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout.split("\n")).toContain("benchmarks: bwrap (network off)");
  }, 60_000);
});
