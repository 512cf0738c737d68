import { existsSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake } from "../helpers/claude-fake.js";
import { spawnCli } from "../helpers/queue.js";
import { closeAfterTest, heldGateProject, runCliAsync, scratchDir, status } from "./helpers.js";
import { until } from "../helpers/until.js";

describe("the real Claude Code, a run killed with kill -9 in a module's gate (real18)", () => {
  it("resume counts the session the gate was checking: its tokens and cost stay in the run's totals", async () => {
    const fake = closeAfterTest(await startClaudeFake(() => ({ text: "add is already implemented and tested; nothing to change.", usage: { input: 1000, output: 50 } })));
    const scratch = scratchDir();
    const { root, started, hold } = heldGateProject(scratch, "agent: claude-code\nretries: 0\nclaudeCode: { model: claude-sonnet-4-5, permissionMode: bypassPermissions, maxTurns: 4 }\n");
    const env = claudeEnv(fake.url, scratch);

    const run = spawnCli(["run", "implement system", "--project", root], undefined, env);
    await until(() => existsSync(started) || run.child.exitCode !== null, "the module's gate starts");
    run.child.kill("SIGKILL");
    await run.exited;
    rmSync(hold);
    const resumed = await runCliAsync(["resume", "--project", root], { env, timeoutMs: 60_000 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(fake.requests).toHaveLength(2);
    const s = status(root);
    // Before: attempt 1 was recorded cancelled with 0 tokens, and the run's totals held attempt 2's session alone.
    expect(s.modules[0]!.attempts.map((a) => [a.state, a.usage.inputTokens, a.usage.outputTokens])).toEqual([
      ["cancelled", 1000, 50],
      ["done", 1000, 50],
    ]);
    expect(s.modules[0]!.usage.inputTokens).toBe(2000);
  }, 90_000);
});
