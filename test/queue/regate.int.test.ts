import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { runCliAsync } from "../helpers/cli.js";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers, type Spawned } from "../helpers/queue.js";

/** A queued run stopped during a module's gate on its worker, its agent done: `resume` runs the gate alone on the agent's work. */
const q = queueTests("regate");

const lines = (file: string): number => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);

/** A queued run of one module stopped (Ctrl-C) while its gate runs on a worker, after its agent: the gate waits while `hold` is there. */
async function stoppedInGate(changes = true): Promise<{ root: string; m: string; file: string; calls: string; gates: string; hold: string; worker: Spawned }> {
  const p = queuedProject({ layers: 1, perLayer: 1, latencyMs: 0 });
  const top = dirname(p.root);
  q.dirs.push(top);
  const [m] = p.ids as [string];
  const file = `src/l1/${m}.py`;
  const calls = join(top, "agent-calls");
  const gates = join(top, "gate-runs");
  const started = join(top, "gate-started");
  const hold = join(top, "hold");
  writeFileSync(hold, "");
  // The agent counts its calls; the gate counts its runs, says it started, waits while `hold` is there, then checks the agent's work.
  const work = changes ? `mkdir -p src/l1\nprintf "the agent's work" > ${file}\n` : "";
  writeFileSync(join(top, "agent.sh"), `echo call >> ${calls}\n${work}`);
  writeFileSync(join(top, "gate.sh"), `echo run >> ${gates}\ntouch ${started}\nwhile [ -e ${hold} ]; do sleep 0.05; done\n${changes ? `test "$(cat ${file})" = "the agent's work"\n` : ""}`);
  writeFileSync(join(p.root, "orchestrate.config.yaml"), `agent: command\ncommand:\n  run: sh ${top}/agent.sh\n  prompt: file\nretries: 0\ngraceMs: 100\ngates:\n  discover: false\n  sandbox: false\n  module: [ { name: tests, kind: command, run: "sh ${top}/gate.sh" } ]\n`);
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "config"], { cwd: p.root });
  const [worker] = await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp });
  q.running.push(worker!);

  const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
  q.running.push(coordinator);
  while (!existsSync(started) && coordinator.child.exitCode === null) await sleep(50);
  coordinator.child.kill("SIGINT");
  expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(130);
  expect([lines(calls), lines(gates)]).toEqual([1, 1]);
  expect(runRecord(p.root).attempts.map((a) => a.state)).toEqual(["cancelled"]);
  return { root: p.root, m, file, calls, gates, hold, worker: worker! };
}

it("resume of a queued run stopped in a module's gate runs the gate on a worker on the agent's work, not the agent again", async () => {
  const { root, m, file, calls, gates, hold, worker } = await stoppedInGate();
  rmSync(hold);
  const resumed = await runCliAsync(["resume", "--project", root], { timeoutMs: 90_000 });
  expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
  expect(resumed.stdout).toContain(`${m}: attempt 2 started: the gate again on attempt 1's work, stopped in its gate (no agent)`);
  // The agent ran once in all; the gate twice, the second time on a worker on the first attempt's work, which it passed and merged.
  expect([lines(calls), lines(gates)]).toEqual([1, 2]);
  const record = runRecord(root);
  expect(record.attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
  expect(record.merged).toEqual([{ moduleId: m, n: 2 }]);
  expect(execFileSync("git", ["show", `orchestrate/${record.runId}:${file}`], { cwd: root, encoding: "utf8" })).toBe("the agent's work");
  expect(worker.stderr()).toMatch(new RegExp(`job ${record.runId}\\.${m}\\.2: pushed`));
}, 120_000);

it("runs the agent again, and says why, when the stopped attempt's work was not kept", async () => {
  const { root, m, calls, gates, hold } = await stoppedInGate();
  rmSync(join(root, ".orchestrate", "runs", runRecord(root).runId, m, "attempt-1.diff"));
  rmSync(hold);
  const resumed = await runCliAsync(["resume", "--project", root], { timeoutMs: 90_000 });
  expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
  expect(resumed.stderr).toContain(`orchestrate: warning: ${m}: attempt 1's work cannot be gated again (no patch of its work was kept in `);
  expect([lines(calls), lines(gates)]).toEqual([2, 2]);
}, 120_000);

it("runs the gate alone when the stopped attempt's agent changed no file (no patch to keep)", async () => {
  const { root, calls, gates, hold } = await stoppedInGate(false);
  rmSync(hold);
  const resumed = await runCliAsync(["resume", "--project", root], { timeoutMs: 90_000 });
  expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
  expect(resumed.stderr).not.toContain("cannot be gated again");
  expect([lines(calls), lines(gates)]).toEqual([1, 2]);
  expect(runRecord(root).attempts.map((a) => a.state)).toEqual(["cancelled", "done"]);
}, 120_000);
