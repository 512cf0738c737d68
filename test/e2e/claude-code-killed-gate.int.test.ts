import Database from "better-sqlite3";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake, type FakeRequest } from "../helpers/claude-fake.js";
import { spawnCli } from "../helpers/queue.js";
import { git } from "../workspace/git-fixture.js";
import { closeAfterTest, heldGateProject, runCliAsync, scratchDir, status } from "./helpers.js";
import { until } from "../helpers/until.js";

const CONFIG = "agent: claude-code\nretries: 0\nclaudeCode: { model: claude-sonnet-4-5, permissionMode: bypassPermissions, maxTurns: 4 }\n";

/** A test the agent adds: passes on the project's add. */
const EXTRA_TEST = 'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { add } from "../src/add.js";\n\ntest("add with zero", () => assert.equal(add(7, 0), 7));\n';

/** A one-module run of the real Claude Code against `fakeUrl`, killed with SIGKILL while its module's gate is held. */
async function killedInGate(fakeUrl: string) {
  const scratch = scratchDir();
  const { root, started, hold } = heldGateProject(scratch, CONFIG);
  const env = claudeEnv(fakeUrl, scratch);
  const run = spawnCli(["run", "implement system", "--project", root], undefined, env);
  await until(() => existsSync(started) || run.child.exitCode !== null, "the module's gate starts");
  run.child.kill("SIGKILL");
  await run.exited;
  return { root, hold, env, run };
}

describe("the real Claude Code, a run killed with kill -9 in a module's gate (real18)", () => {
  it("resume counts the session the gate was checking, and runs the gate alone: no second session", async () => {
    const fake = closeAfterTest(await startClaudeFake(() => ({ text: "add is already implemented and tested; nothing to change.", usage: { input: 1000, output: 50 } })));
    const { root, hold, env } = await killedInGate(fake.url);
    rmSync(hold);
    const resumed = await runCliAsync(["resume", "--project", root], { env, timeoutMs: 60_000 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    // Before: a second Claude Code session did the module's work again.
    expect(fake.requests).toHaveLength(1);
    expect(resumed.stdout).toContain("add: attempt 2 started: the gate again on attempt 1's work, stopped in its gate (no agent)");
    const s = status(root);
    expect(s.modules[0]!.attempts.map((a) => [a.state, a.gates, a.usage.inputTokens, a.usage.outputTokens])).toEqual([
      ["cancelled", "stopped", 1000, 50],
      ["done", "tests 1/1", 0, 0],
    ]);
    expect(s.modules[0]!.usage.inputTokens).toBe(1000);
  }, 90_000);

  it("the agent's files, kept in its worktree when its gate started, are what resume gates and merges", async () => {
    const fake = closeAfterTest(
      await startClaudeFake((req: FakeRequest) =>
        req.turn === 0 ? { tools: [{ name: "Write", input: { file_path: `${req.cwd}/test/add-zero.test.js`, content: EXTRA_TEST } }] } : { text: "Added a test of add with zero." },
      ),
    );
    const { root, hold, env, run } = await killedInGate(fake.url);
    const runId = /run (\S+) started/.exec(run.stdout())![1]!;
    const sessions = () => fake.requests.filter((r) => r.turn === 0).length;
    expect(sessions()).toBe(1);
    // Before: `cut off: its run's process is gone`, as for a module whose agent was still working.
    expect(status(root).modules[0]!.reason).toBe("cut off in its gate, its agent done: its run's process is gone");
    rmSync(hold);

    const resumed = await runCliAsync(["resume", "--project", root], { env, timeoutMs: 60_000 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stderr).toBe("");
    // Before: `add: attempt 2 started` with a new Claude Code session writing the file again.
    expect(sessions()).toBe(1);
    expect(readFileSync(join(root, ".orchestrate/runs", runId, "add/attempt-1.diff"), "utf8")).toContain("+++ b/test/add-zero.test.js");
    expect(status(root).modules[0]!.attempts.map((a) => [a.state, a.gates])).toEqual([["cancelled", "stopped"], ["done", "tests 2/2"]]);
    const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
    const rows = db.prepare("SELECT summary, files_changed FROM attempts ORDER BY n").all() as Array<{ summary: string; files_changed: string }>;
    db.close();
    expect(rows.map((r) => [r.summary, JSON.parse(r.files_changed)])).toEqual([
      ["Added a test of add with zero.", ["test/add-zero.test.js"]],
      ["Added a test of add with zero.", ["test/add-zero.test.js"]],
    ]);
    expect(git(root, "show", `orchestrate/${runId}:test/add-zero.test.js`)).toBe(EXTRA_TEST.trimEnd());
  }, 90_000);
});
