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
