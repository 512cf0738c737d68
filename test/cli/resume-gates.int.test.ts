import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { runCli } from "../helpers/cli.js";
import { spawnCli } from "../helpers/queue.js";
import { agent, runProject } from "../workspace/run-fixture.js";

interface Status { state: string; validation?: { lines: string[] }; modules: { id: string; state: string }[] }

/** A run of modules a, then b (which waits to be stopped), with no test runner in the project, stopped with Ctrl-C in b's attempt. */
async function stoppedRun(): Promise<{ root: string; agents: string }> {
  const { root, agents } = runProject([{ id: "a" }, { id: "b", deps: ["a"] }], { config: "isolation: shared\ngraceMs: 100\n" });
  const waiting = join(agents, "b-started");
  agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
  agent(agents, "b", `touch ${waiting}\nsleep 60`);
  const first = spawnCli(["run", "implement system"], root);
  while (!existsSync(waiting) && first.child.exitCode === null) await sleep(50);
  first.child.kill("SIGINT");
  expect(await first.exited, first.stderr()).toBe(130);
  // The project now has a test runner, whose tests fail; b's agent goes on at once.
  writeFileSync(join(root, "Makefile"), "test:\n\t@echo 'FAILED: the new test target'; exit 1\n");
  agent(agents, "b", "mkdir -p src && echo b > src/b.txt");
  return { root, agents };
}

describe("resume keeps the gates the run started with", () => {
  it("of a run recorded before its gates were kept: discovers them again, as it did", async () => {
    const { root } = await stoppedRun();
    // As an earlier orchestrate recorded the run's validation: without the gates it discovered.
    const db = new Database(join(root, ".orchestrate", "state.db"));
    expect(db.prepare("UPDATE events SET data = json_remove(data, '$.gates') WHERE type = 'validation'").run().changes).toBe(1);
    db.close();
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
    expect(resumed.stdout).toContain("system gate failed");
    expect(resumed.stderr).not.toContain("gates changed");
  }, 90_000);

  it("a test runner the user added after the stop does not validate the rest of the run; the change is said, and kept in status", async () => {
    // The run started with no test runner, and keeps none.
    const { root } = await stoppedRun();
    const resumed = runCli(["resume"], { cwd: root });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const line = "the project's gates changed since the run started (system gate: `make test`, was `none`); the run keeps the gates it started with, and a new run (`orchestrate run`) takes the project's as they are now";
    expect(resumed.stderr).toContain(`orchestrate: warning: ${line}`);
    const status = JSON.parse(runCli(["status", "--json"], { cwd: root }).stdout) as Status;
    expect(status.state).toBe("done");
    expect(status.validation?.lines.at(-1)).toBe(line);

    // A new run takes the project's gates as they are now.
    const again = runCli(["run", "implement system"], { cwd: root });
    expect(again.code, again.stdout + again.stderr).toBe(1);
    expect(again.stdout).toContain("system gate discovered: `make test` (from Makefile (test:))");
  }, 90_000);
});
