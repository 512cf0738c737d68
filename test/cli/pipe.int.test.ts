import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

/** Twelve independent modules run two at a time by a slow simulate agent: output keeps coming for a while. */
function project(): string {
  const files: Record<string, string> = {
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    "orchestrate.config.yaml": "agent: simulate\nconcurrency: 2\nsimulate:\n  latencyMs: 60\n",
  };
  for (let i = 0; i < 12; i++) files[`.claude/layers/core/modules/M${i}_AGENT.md`] = moduleSpec({ module: `pkg/m${i}.py` });
  return makeProject(files);
}

describe("a run whose reader goes away (`orchestrate run ... | head -2`)", () => {
  it("keeps going to the end, exits as the run does, and leaves no run `running`", async () => {
    const root = project();
    const child = spawn(process.execPath, [BIN, "run", "implement system", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    // Like `head -2`: read the first chunk, then close the read end of the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    const status = JSON.parse(runCli(["status", "--project", root, "--json"]).stdout) as { state: string; modules: { state: string }[] };
    expect(status.state).toBe("done");
    expect(status.modules.filter((m) => m.state === "done")).toHaveLength(12);
  });
});

describe("a plan's JSON whose reader goes away (`orchestrate plan ... --json | head -c 100`)", () => {
  it("stops writing and exits 0, even when the rest waits for the pipe to drain", async () => {
    // 400 modules: about 0.5 MB of JSON, far more than a pipe holds, so the writer waits on it (cli/render/json-pieces.ts).
    const files: Record<string, string> = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n" };
    for (let i = 0; i < 400; i++) files[`.claude/layers/core/modules/M${i}_AGENT.md`] = moduleSpec({ module: `pkg/m${i}.py` });
    const root = makeProject(files);
    const child = spawn(process.execPath, [BIN, "plan", "implement system", "--json", "--project", root], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Read nothing for a while, so the pipe fills and the writer waits, then read once and close.
    child.stdout.pause();
    setTimeout(() => {
      child.stdout.once("data", () => child.stdout.destroy());
      child.stdout.resume();
    }, 300);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
