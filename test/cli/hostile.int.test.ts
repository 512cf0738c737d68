import { spawn } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli, type CliResult } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// Hostile input through the built CLI: exit 2, one line `orchestrate: file:line: message`,
// no stack trace, nothing written (no .orchestrate/), and never a hang.
const M = ".claude/layers/core";
const A = `${M}/A_AGENT.md`;
const CONFIG = "orchestrate.config.yaml";
const BOUND_MS = 20_000; // a hang check for a whole CLI start on a shared machine, not a benchmark

function project(files: Record<string, string> = {}): string {
  return makeProject({ [A]: moduleSpec({ module: "a.py" }), [`${M}/B_AGENT.md`]: moduleSpec({ module: "b.py" }), ...files });
}

/** Runs the CLI; asserts exit 2, a single stderr line with no stack, nothing on stdout, no .orchestrate/; returns the line. */
function refused(root: string, args: string[]): string {
  const started = performance.now();
  const result: CliResult = runCli([...args, "--project", root]);
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
  expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  return result.stderr.trimEnd();
}

describe("hostile specs", () => {
  it("100,000 nested `>`: one line with file and line, not a stack overflow", () => {
    const root = project({ [A]: `**Module**: \`a.py\`\n\n${">".repeat(100_000)} x\n` });
    expect(refused(root, ["run", "implement system"])).toBe(`orchestrate: ${A}:3: Lists and block quotes nested more than 640 deep: expected at most 64 levels`);
  });

  it("a 1,000-deep nested list: a message, not ten seconds of lexing", () => {
    const list = Array.from({ length: 1_000 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n");
    const root = project({ [A]: `**Module**: \`a.py\`\n\n${list}\n` });
    expect(refused(root, ["plan", "implement system"])).toMatch(new RegExp(`^orchestrate: ${A}: Spec file is larger than 256 KB`));
  });

  it("/dev/zero as a spec file ends quickly with a message, before it is read: a link out of the project", () => {
    const root = project();
    const file = join(root, M, "ZERO_AGENT.md");
    symlinkSync("/dev/zero", file);
    expect(refused(root, ["run", "implement system"])).toBe(`orchestrate: ${M}/ZERO_AGENT.md: Spec file is a symbolic link to \`/dev/zero\`, outside the project: expected a spec inside the project (copy the file in, or link to one inside)`);
  });

  it("a module path outside the project: refused with file and line", () => {
    const root = project({ [A]: "# A\n**Module**: `../../etc/passwd`\n" });
    expect(refused(root, ["run", "implement system"])).toBe(
      `orchestrate: ${A}:2: **Module** names \`../../etc/passwd\`, a path outside the project: expected a path relative to the project root, inside it`,
    );
  });

  it("a BOM before front matter keeps its dependencies", () => {
    const root = project({ [A]: `\uFEFF---\ndepends_on: [b]\n---\n**Module**: \`a.py\`\n` });
    const { code, stdout } = runCli(["plan", "implement system", "--json", "--project", root]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).modules.find((m: { id: string }) => m.id === "a").dependsOn).toEqual(["b"]);
  });
});

describe("hostile logs", () => {
  it("`--log /dev/zero` ends quickly with a message", () => {
    expect(refused(project(), ["run", "fix the crash", "--log", "/dev/zero"])).toBe(
      "orchestrate: /dev/zero: Cannot read log `/dev/zero`: not a regular file and longer than 8 MB; save the log to a file and pass that",
    );
  });

  it("a 300 KB log of stacks whose `at` lines are spaces is read within the bound (seconds per stack before)", () => {
    const root = project();
    writeFileSync(join(root, "crash.log"), `Error: x\n    at ${" ".repeat(3_000)}x\n`.repeat(100));
    const started = performance.now();
    const { code, stderr } = runCli(["plan", "fix the crash", "--log", "crash.log", "--project", root]);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe("hostile config and flags", () => {
  const cases: [string, string, string][] = [
    ["an unknown key", "concurrency: 2\nagnet: command\n", `orchestrate: ${CONFIG}:2: Unknown key \`agnet\`: did you mean \`agent\`?`],
    ["a list", "- agent: command\n", `orchestrate: ${CONFIG}:1: Expected the config to be a mapping, got a list`],
    ["agent: bogus", "agent: bogus\n", `orchestrate: ${CONFIG}:1: Expected \`agent\` to be one of \`simulate\`, \`command\`, \`anthropic\`, \`openai\`, \`claude-code\`, got \`bogus\` (string)`],
    ["timeoutMs: .inf", "timeoutMs: .inf\n", `orchestrate: ${CONFIG}:1: Expected \`timeoutMs\` to be an integer from 1 to 2147483647, got \`Infinity\` (number)`],
    ["timeoutMs of 2^31", `timeoutMs: ${2 ** 31}\n`, `orchestrate: ${CONFIG}:1: Expected \`timeoutMs\` to be an integer from 1 to 2147483647, got \`2147483648\` (number)`],
    ["graceMs of 596 h", "graceMs: 2147483648000\n", `orchestrate: ${CONFIG}:1: Expected \`graceMs\` to be an integer from 0 to 2147483647, got \`2147483648000\` (number)`],
    ["a negative maxCostUsd", "budget:\n  maxCostUsd: -1\n", `orchestrate: ${CONFIG}:2: Expected \`budget.maxCostUsd\` to be a number greater than 0, got \`-1\` (number)`],
  ];
  for (const [name, yaml, line] of cases) {
    it(`${name}: the line, what was expected and what was found`, () => {
      expect(refused(project({ [CONFIG]: yaml }), ["run", "implement system"])).toBe(line);
    });
  }

  it("`--timeout` of 2^31 ms or more: the allowed range", () => {
    expect(refused(project(), ["run", "implement system", "--timeout", String(2 ** 31)])).toBe(
      "orchestrate: Expected `--timeout` to be an integer from 1 to 2147483647, got `2147483648`",
    );
  });
});

describe("commands that fail on the environment", () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it("`mcp --http` on a port in use: one line, exit 2", async () => {
    const busy = createServer();
    server = busy;
    const port = await new Promise<number>((resolve) => busy.listen(0, "127.0.0.1", () => resolve((busy.address() as { port: number }).port)));
    const root = project();
    // The server runs until stopped, so it goes through spawn and must exit on its own.
    const child = spawn(process.execPath, [BIN, "mcp", "--http", "--port", String(port), "--token", "t".repeat(40), "--project", root], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stdout).toBe("");
    expect(stderr).toBe(`orchestrate: Cannot serve on 127.0.0.1:${port}: the port is in use; choose another with \`--port\`, or \`--port 0\` for a free one\n`);
    expect(code).toBe(2);
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  });

  it("`report --output` into a missing folder: one line, exit 2, nothing created", () => {
    const root = project();
    expect(runCli(["run", "implement system", "--project", root]).code).toBe(0);
    const { code, stdout, stderr } = runCli(["report", "--output", "missing/report.md", "--project", root], { cwd: root });
    expect(stdout).toBe("");
    expect(stderr).toBe("orchestrate: Cannot write the report to `missing/report.md`: the folder `missing` does not exist\n");
    expect(code).toBe(2);
    expect(existsSync(join(root, "missing"))).toBe(false);
  });
});
