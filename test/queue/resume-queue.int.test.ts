import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers, type Spawned } from "../helpers/queue.js";
import { runCli, runCliAsync } from "../helpers/cli.js";

/** `resume` of a queued run goes on on the run's queue without `--queue` or `--queue-remote` again; a Redis password is never kept. */
const q = queueTests("resume");

/** One Redis command on a raw connection (AUTH first when given); resolves with the reply's first line. */
function redisCommand(port: number, command: string, password?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => s.write(`${password ? `AUTH ${password}\r\n` : ""}${command}\r\n`));
    let reply = "";
    s.on("data", (d: Buffer) => {
      reply += d.toString();
      if (reply.split("\r\n").length > (password ? 2 : 1)) {
        s.destroy();
        resolve(reply.trim().split("\r\n").at(-1)!);
      }
    });
    s.once("error", reject);
  });
}

/** A queued run of 2 layers × 2 modules on `url`, Ctrl-C once its first module is done: it ends interrupted with modules left. */
async function interruptedRun(url: string): Promise<{ root: string; runId: string }> {
  const p = queuedProject({ layers: 2, perLayer: 2, latencyMs: 300 });
  q.dirs.push(dirname(p.root));
  const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", url, "--queue-remote", p.remote, "--project", p.root], p.root);
  q.running.push(coordinator);
  await coordinator.waitFor(/m1_\d\d: done/, 60_000);
  coordinator.child.kill("SIGINT");
  expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(130);
  const record = runRecord(p.root);
  expect(record.state).toBe("interrupted");
  expect(record.attempts.filter((a) => a.state === "done").length).toBeLessThan(4);
  return { root: p.root, runId: record.runId };
}

/** Every module done once, each attempt by one of `workers` (its ready line's name): none ran in the resuming process. */
function expectAllOnWorkers(root: string, workers: Spawned[]): void {
  const names = workers.map((w) => /ready: worker (\S+) on/.exec(w.stderr())![1]!);
  const status = JSON.parse(runCli(["status", "--json", "--project", root]).stdout) as { state: string; modules: { id: string; attempts: { state: string; worker?: string }[] }[] };
  expect(status.state).toBe("done");
  for (const m of status.modules) {
    const done = m.attempts.filter((a) => a.state === "done");
    expect(done, m.id).toHaveLength(1);
    expect(names, m.id).toContain(done[0]!.worker);
  }
}

describe("resume of a queued run", () => {
  it("goes on on the run's queue and remote, with neither option given again", async () => {
    const workers = await startWorkers(q.redis.url, 2, [], { TMPDIR: q.workerTmp });
    q.running.push(...workers);
    const { root } = await interruptedRun(q.redis.url);
    const resumed = await runCliAsync(["resume", "--project", root], { timeoutMs: 90_000 });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expectAllOnWorkers(root, workers);
  }, 180_000);

  it("with a Redis password: state.db never holds it; resume says in one line what to pass, and goes on with --queue alone", async () => {
    const password = "pw-of-the-queue-7c1e";
    await redisCommand(q.redis.port, `CONFIG SET requirepass ${password}`);
    try {
      const url = `redis://:${password}@127.0.0.1:${q.redis.port}`;
      const workers = await startWorkers(url, 2, [], { TMPDIR: q.workerTmp });
      q.running.push(...workers);
      const { root, runId } = await interruptedRun(url);

      const stateDir = join(root, ".orchestrate");
      const files = readdirSync(stateDir).filter((f) => f.startsWith("state.db"));
      for (const f of files) expect(readFileSync(join(stateDir, f)).includes(password), f).toBe(false);
      const db = new Database(join(stateDir, "state.db"), { readonly: true });
      const options = JSON.parse((db.prepare("SELECT options FROM runs WHERE id = ?").pluck().get(runId) as string)) as { queue?: unknown };
      db.close();
      expect(options.queue).toMatchObject({ url: `redis://127.0.0.1:${q.redis.port}`, withoutPassword: true });

      const refused = runCli(["resume", "--project", root]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(`orchestrate: Run ${runId} ran on the queue redis://:***@127.0.0.1:${q.redis.port}, whose password is not kept in .orchestrate/state.db: resume it with \`orchestrate resume ${runId} --queue redis://:PASSWORD@127.0.0.1:${q.redis.port}\` (or set \`queue.url\` in orchestrate.config.yaml)\n`);
      expect(runRecord(root).state).toBe("interrupted");

      const resumed = await runCliAsync(["resume", "--queue", url, "--project", root], { timeoutMs: 90_000 });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expectAllOnWorkers(root, workers);
    } finally {
      await Promise.all(q.running.splice(0).map((p) => p.kill("SIGKILL")));
      await redisCommand(q.redis.port, `CONFIG SET requirepass ""`, password);
    }
  }, 180_000);
});
