import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { exampleCopy } from "../helpers/example.js";

const MODULES = ["errors", "money", "journal"];
const SLOW = "agent: simulate\nconcurrency: 2\ngraceMs: 100\nsimulate:\n  latencyMs: 250\n";

const runState = (root: string): { runId: string; state: string } => JSON.parse(runCli(["status", "--project", root, "--json"]).stdout) as { runId: string; state: string };
/** How many CHANGELOG bullets name `module`. */
const bullets = (changelog: string, module: string) => changelog.split("\n").filter((l) => l.startsWith(`- **${module}** (`)).length;

describe("documentation is a durable step of the run (issue 9, findings 4 and 5)", () => {
  it("SIGTERM during a run, then resume: every CHANGELOG bullet once", async () => {
    const root = exampleCopy(SLOW);
    const child = spawn(process.execPath, [BIN, "run", "implement system", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if ((output.match(/: done/g) ?? []).length >= 3) resolve();
      });
      child.on("exit", () => reject(new Error(`run exited early:\n${output}`)));
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(130);
    expect(runState(root).state).toBe("interrupted");
    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.code).toBe(0);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    for (const m of [...MODULES, "balances", "reports", "cli"]) expect(bullets(changelog, m), m).toBe(1);
  }, 120_000);

  it("SIGKILL right after the run's end is recorded: resume finds the run and writes the docs once", () => {
    const root = exampleCopy("agent: simulate\n");
    // Test-only hook: the process kills itself the instant the run's end is committed.
    const killed = runCli(["run", "implement system", "--project", root], { env: { ORCHESTRATE_TEST_KILL_AT: "run-ended" } });
    expect(killed.code).toBe(null);
    const { runId, state } = runState(root);
    expect(state).toBe("done");
    expect(existsSync(join(root, "CHANGELOG.md"))).toBe(false);

    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    for (const m of MODULES) expect(bullets(changelog, m), m).toBe(1);
    const memories = JSON.parse(runCli(["memory", "list", "--project", root, "--json"]).stdout) as { key: string }[];
    expect(memories.map((m) => m.key)).toContain(`run/${runId}`);

    // Done for good: a second resume has nothing to do and says so in one line.
    const again = runCli(["resume", "--project", root]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("orchestrate: No unfinished run to resume in this project\n");
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(changelog);
  }, 120_000);

  it("a docs step that fails (CHANGELOG.md is a folder) is one line, and the run stays resumable", () => {
    const root = exampleCopy("agent: simulate\n");
    mkdirSync(join(root, "CHANGELOG.md"));
    const run = runCli(["run", "implement system", "--project", root]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`orchestrate: the documentation step failed: ${join(root, "CHANGELOG.md")}: Expected a file, found a folder; nothing written (remove or rename the folder); the run is recorded done, and \`orchestrate resume ${runState(root).runId}\` finishes the step`);
    expect(runState(root).state).toBe("done");

    rmSync(join(root, "CHANGELOG.md"), { recursive: true });
    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.code).toBe(0);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    for (const m of MODULES) expect(bullets(changelog, m), m).toBe(1);
  }, 120_000);

  it("a README with the features start marker and no end marker: one line naming the line, exit 1, run resumable", () => {
    const root = exampleCopy("agent: simulate\n");
    writeFileSync(join(root, "README.md"), "# ledger\n\n<!-- orchestrate:features:start -->\n- old\n");
    const run = runCli(["run", "implement system", "--project", root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`orchestrate: the documentation step failed: ${join(root, "README.md")}:3: Expected "<!-- orchestrate:features:end -->" after the features marker on line 3, found none; the run is recorded done, and \`orchestrate resume ${runState(root).runId}\` finishes the step\n`);
    writeFileSync(join(root, "README.md"), "# ledger\n");
    expect(runCli(["resume", "--project", root]).code).toBe(0);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    for (const m of MODULES) expect(bullets(changelog, m), m).toBe(1);
  }, 120_000);
});
