import { execFileSync } from "node:child_process";
import { dirname } from "node:path";
import { expect, it } from "vitest";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers } from "../helpers/queue.js";

/** Ctrl-C on a queued run past its grace: the jobs its workers hold are stopped there, and push nothing. */
const q = queueTests("cancel");

it("Ctrl-C twice: the job a worker holds is stopped on it and pushes nothing, the queued one is removed, and the run says so", async () => {
  // Two modules at once, one worker taking one at a time: one job held, one queued. Each would take a minute.
  const p = queuedProject({ layers: 1, perLayer: 2, latencyMs: 60_000 });
  q.dirs.push(dirname(p.root));
  const [worker] = await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp });
  q.running.push(worker!);
  const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
  q.running.push(coordinator);
  const taken = await worker!.waitFor(/job \S+: m1_\d\d, attempt 1/);
  const held = /: (m1_\d\d), attempt/.exec(taken)![1]!;
  const queued = p.ids.find((id) => id !== held)!;
  coordinator.child.kill("SIGINT");
  await coordinator.waitFor(/SIGINT: starting nothing new/);
  coordinator.child.kill("SIGINT");
  expect(await coordinator.exited).toBe(130);
  const runId = runRecord(p.root).runId;
  expect(coordinator.stderr()).toMatch(new RegExp(`warning: ${held}, attempt 1: job ${runId}\\.${held}\\.1: worker \\S+:${worker!.child.pid} stopped its attempt, which pushes nothing`));
  expect(coordinator.stderr()).toContain(`warning: ${queued}, attempt 1: job ${runId}.${queued}.1 was still queued: removed, no worker runs it`);
  await worker!.waitFor(new RegExp(`job ${runId}\\.${held}\\.1: cancelled by its run's coordinator`));
  // Stopped within the second the worker takes to look, not after the agent's minute; nothing pushed, and the worker takes no other job.
  expect(worker!.stderr()).not.toMatch(/pushed/);
  expect(execFileSync("git", ["branch", "--list", "orchestrate/attempts/*"], { cwd: p.remote, encoding: "utf8" })).toBe("");
  expect(worker!.stderr()).not.toContain(`${queued}, attempt`);
  expect(runRecord(p.root).attempts.map((a) => a.state)).toEqual(["cancelled", "cancelled"]);
}, 90_000);
