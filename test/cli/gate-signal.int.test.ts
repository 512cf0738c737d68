import { spawn } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { exampleCopy } from "../helpers/example.js";

// SIGTERM while the system gate runs. The gate's command says it started (a file), then waits
// while `slow` exists: the test holds the gate there whatever the machine's load.
function project(graceMs: number): string {
  const root = exampleCopy("");
  const check = `touch started; while [ -e slow ]; do sleep 0.05; done; echo checked`;
  writeFileSync(join(root, "orchestrate.config.yaml"), `agent: simulate\nconcurrency: 4\ngraceMs: ${graceMs}\ngates:\n  discover: false\n  sandbox: false\n  system:\n    - name: wait\n      kind: command\n      run: "${check}"\n`);
  writeFileSync(join(root, "slow"), "");
  return root;
}

/** Runs `orchestrate run`, sends SIGTERM once the system gate's command has started, then calls `whileStopping`. */
async function signalDuringGate(root: string, whileStopping: () => void = () => {}): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [BIN, "run", "implement system", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  while (!existsSync(join(root, "started"))) {
    if (child.exitCode !== null) throw new Error(`run ended before its system gate:\n${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGTERM");
  // The signal's line, then the gate may finish.
  while (!stdout.includes("SIGTERM:")) await new Promise((resolve) => setTimeout(resolve, 20));
  whileStopping();
  return { code: await exited, stdout };
}

const state = (root: string) => (JSON.parse(runCli(["status", "--project", root, "--json"]).stdout) as { state: string; gates?: { level: string; ok: boolean; cancelled?: boolean; summary: string }[] });

describe("a signal while the system gate runs", () => {
  it("the gate has the grace attempts have: it finishes within it and its verdict is recorded", async () => {
    const root = project(30_000);
    const { code, stdout } = await signalDuringGate(root, () => rmSync(join(root, "slow")));
    expect(code).toBe(130);
    expect(stdout).toContain("SIGTERM: starting nothing new; running attempts and gates have 30.0s to finish (again to cancel now)");
    expect(stdout).toMatch(/system gate passed: exit 0/);
    expect(state(root).gates?.find((g) => g.level === "system")).toMatchObject({ ok: true });
  }, 120_000);

  it("past the grace the gate is stopped, said so rather than failed, and resume runs it again", async () => {
    const root = project(200);
    const { code, stdout } = await signalDuringGate(root);
    expect(code).toBe(130);
    expect(stdout).toContain("system gate stopped before it finished (resume runs it again): wait cancelled\n");
    expect(stdout).not.toContain("system gate failed");
    const stopped = state(root);
    expect(stopped.state).toBe("interrupted");
    expect(stopped.gates?.find((g) => g.level === "system")).toMatchObject({ ok: false, cancelled: true, summary: "wait cancelled" });
    expect(runCli(["status", "--project", root]).stdout).toMatch(/system: stopped · wait cancelled/);

    rmSync(join(root, "started"));
    rmSync(join(root, "slow"));
    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.stdout).toContain("system gate passed: exit 0");
    expect(resumed.code).toBe(0);
    expect(existsSync(join(root, "started"))).toBe(true);
    expect(state(root).state).toBe("done");
  }, 120_000);
});
