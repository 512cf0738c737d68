import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { createModelServer, type RunningModelServer } from "../helpers/model-server.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// Ctrl-C while `run` gets ready, before its run exists: here while the planner model is asked
// (a model server on 127.0.0.1 that never answers holds the command there, whatever the load).

const servers: RunningModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A project whose planner is the anthropic agent against a server that takes the request and never answers; `asked` resolves when it has it. */
async function plannerHangs() {
  let heard: () => void = () => {};
  const asked = new Promise<void>((resolve) => (heard = resolve));
  const server = await createModelServer(() => {
    heard();
    return { hang: true };
  }).start();
  servers.push(server);
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
    ".claude/layers/core/modules/ADD_AGENT.md": moduleSpec({ module: "src/add.js", body: "## Purpose\n\nAdds two numbers.\n" }),
    "orchestrate.config.yaml": `agent: anthropic\nplanner: { agent: anthropic }\nanthropic: { model: claude-haiku-4-5-20251001, baseURL: "${server.url}", maxRetries: 0 }\n`,
  });
  return { root, asked };
}

function start(root: string) {
  const child = spawn(process.execPath, [BIN, "run", "implement add", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1", ANTHROPIC_API_KEY: "dummy" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

const noRun = (root: string) => runCli(["runs", "--json", "--project", root]);

describe("Ctrl-C before the run has started", () => {
  it("the first says it is stopping, cancels the planner's model call, exits 130 with no run recorded; the project runs afterwards", async () => {
    const { root, asked } = await plannerHangs();
    const run = start(root);
    await asked;
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    const { stdout, stderr } = run.out();
    expect(stdout).toBe("SIGINT: stopping before the run starts (again to stop at once)\nInterrupted (SIGINT) before the run started; no run was recorded; run the command again to start it\n");
    expect(stderr).toBe("");
    expect(JSON.parse(noRun(root).stdout)).toEqual([]);
    // Nothing half-made: the same project runs (offline, without the planner).
    const again = runCli(["run", "implement add", "--project", root, "--agent", "simulate", "--no-planner"]);
    expect(again.code).toBe(0);
  }, 60_000);
});
