import { spawn } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake, type FakeRequest } from "../helpers/claude-fake.js";
import { BIN } from "../helpers/cli.js";
import { closeAfterTest, jsProject, runCliAsync, scratchDir, sourceOf, status, testOf } from "./helpers.js";
import { until } from "../helpers/until.js";

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the real Claude Code outliving a killed orchestrate", () => {
  it("records Claude Code's process group; resume ends the orphan before its new attempt, which finishes the module", async () => {
    let requests = 0;
    const fake = closeAfterTest(
      await startClaudeFake((req: FakeRequest) => {
        // Attempt 1's first turn never gets an answer: its Claude Code is mid-turn when orchestrate dies.
        if (requests++ === 0) return { hang: true };
        if (req.turn === 0) {
          return {
            tools: [
              { name: "Write", input: { file_path: `${req.cwd}/src/add.js`, content: sourceOf("add") } },
              { name: "Write", input: { file_path: `${req.cwd}/test/add.test.js`, content: testOf("add") } },
            ],
          };
        }
        return { text: "Implemented add." };
      }),
    );
    const root = jsProject({ config: "agent: claude-code\nretries: 0\nclaudeCode: { model: claude-sonnet-4-5, permissionMode: bypassPermissions, maxTurns: 6 }\n" });
    const env = claudeEnv(fake.url, scratchDir());
    const run = spawn(process.execPath, [BIN, "run", "implement system", "--project", root], { env: { ...process.env, CI: "true", NO_COLOR: "1", ...env }, stdio: "ignore" });
    const exited = new Promise((resolve) => run.on("exit", resolve));
    await until(() => fake.openHangs() === 1, "attempt 1's Claude Code waits on its first turn");
    run.kill("SIGKILL");
    await exited;

    const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
    const recorded = db.prepare("SELECT module_id, n, pid FROM processes").all() as Array<{ module_id: string; n: number; pid: number }>;
    db.close();
    // Before: nothing recorded, and the orphan held its request open through the resume and after.
    expect(recorded).toMatchObject([{ module_id: "add", n: 1 }]);
    const orphan = recorded[0]!.pid;
    try {
      expect(running(orphan)).toBe(true);
      expect(fake.openHangs()).toBe(1);

      const resumed = await runCliAsync(["resume", "--project", root], { env, timeoutMs: 60_000 });
      expect(resumed.stderr).toBe("");
      expect(resumed.code).toBe(0);
      await until(() => !running(orphan), "the orphan is reaped", 5_000).catch(() => undefined);
      expect(fake.openHangs()).toBe(0);
      const s = status(root);
      expect(s.state).toBe("done");
      expect(s.modules[0]!.attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
    } finally {
      if (running(orphan)) process.kill(-orphan, "SIGKILL");
    }
  }, 90_000);
});
