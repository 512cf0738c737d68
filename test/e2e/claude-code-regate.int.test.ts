import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake } from "../helpers/claude-fake.js";
import { spawnCli } from "../helpers/queue.js";
import { closeAfterTest, heldGateProject, runCliAsync, scratchDir, status } from "./helpers.js";
import { until } from "../helpers/until.js";

describe("the real Claude Code, a run stopped in the gate of an attempt that changed nothing", () => {
  it("resume runs the gate again on the unchanged work, without a new Claude Code session", async () => {
    // The model looks, finds the module already done, and ends: a check that changes no file.
    const fake = closeAfterTest(await startClaudeFake(() => ({ text: "add is already implemented and tested; nothing to change." })));
    const scratch = scratchDir();
    // The module's gate waits while `hold` exists, in a repository: each attempt has a worktree of its own (a patch of its work kept when it closes).
    const { root, started, hold } = heldGateProject(scratch, "agent: claude-code\nretries: 0\ngraceMs: 100\nclaudeCode: { model: claude-sonnet-4-5, permissionMode: bypassPermissions, maxTurns: 4 }\n");
    const env = claudeEnv(fake.url, scratch);

    const run = spawnCli(["run", "implement system", "--project", root], undefined, env);
    await until(() => existsSync(started) || run.child.exitCode !== null, "the module's gate starts");
    run.child.kill("SIGINT");
    expect(await run.exited, run.stdout() + run.stderr()).toBe(130);
    expect(fake.requests).toHaveLength(1);

    const runId = /run (\S+) started/.exec(run.stdout())![1]!;
    expect(existsSync(join(root, ".orchestrate/runs", runId, "add/attempt-1.diff"))).toBe(false);
    rmSync(hold);
    const resumed = await runCliAsync(["resume", "--project", root], { env, timeoutMs: 60_000 });
    // Before: `warning: add: attempt 1's work cannot be gated again (no patch of its work was kept ...)`,
    // and a second Claude Code session asked the model again.
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("add: attempt 2 started: the gate again on attempt 1's work, stopped in its gate (no agent)");
    expect(fake.requests).toHaveLength(1);
    const s = status(root);
    expect(s.state).toBe("done");
    expect(s.modules[0]!.attempts.map((a) => [a.state, a.gates])).toEqual([["cancelled", "tests cancelled"], ["done", "tests 1/1"]]);
  }, 90_000);
});
