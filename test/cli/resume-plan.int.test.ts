import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { exampleCopy } from "../helpers/example.js";

const SLOW = "agent: simulate\nconcurrency: 2\ngraceMs: 100\nsimulate:\n  latencyMs: 250\n";
const JOURNAL = ".claude/layers/core/modules/JOURNAL_AGENT.md";

describe("resume works from the stored plan", () => {
  it("a spec edited after the plan: resume warns naming it, and the module's prompt carries the planned spec", async () => {
    const root = exampleCopy(SLOW);
    const child = spawn(process.execPath, [BIN, "run", "implement system", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if ((output.match(/: done/g) ?? []).length >= 1) resolve();
      });
      child.on("exit", () => reject(new Error(`run exited early:\n${output}`)));
    });
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    appendFileSync(join(root, JOURNAL), "\nEdited after the run was planned.\n");

    const resumed = runCli(["resume", "--project", root, "--json"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`orchestrate: warning: the spec of module journal (${JOURNAL}) changed since the run was planned; resuming from the stored plan\n`);
    const status = JSON.parse(resumed.stdout) as { runId: string };
    const prompt = runCli(["status", status.runId, "--prompt", "journal", "--project", root]).stdout;
    expect(prompt).toContain("every entry balances, in every currency");
    expect(prompt).not.toContain("Edited after the run was planned.");
  }, 120_000);
});
