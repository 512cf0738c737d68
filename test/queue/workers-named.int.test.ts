import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { queuedProject, queueTests, spawnCli, startWorkers } from "../helpers/queue.js";
import { runCli } from "../helpers/cli.js";
import { moduleDetail } from "../../src/dashboard/server/module.js";
import { openSqliteStore } from "../../src/store/sqlite.js";

/** Which worker ran each attempt of a queued run: the name its ready line prints, in the run's progress, `status`, `report` and the dashboard. */
const q = queueTests("named");

describe("a queued run's attempts", () => {
  it("name the worker that ran each, as its ready line does", async () => {
    const p = queuedProject({ layers: 1, perLayer: 4, latencyMs: 200 });
    q.dirs.push(dirname(p.root));
    const workers = await startWorkers(q.redis.url, 2, [], { TMPDIR: q.workerTmp });
    q.running.push(...workers);
    const names = workers.map((w) => /ready: worker (\S+) on redis:\/\//.exec(w.stderr())?.[1]);
    expect(names.every((n) => n && /^[^:\s]+:\d+$/.test(n)), workers.map((w) => w.stderr()).join("")).toBe(true);
    const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    q.running.push(coordinator);
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);

    const status = JSON.parse(runCli(["status", "--json", "--project", p.root]).stdout) as { runId: string; modules: { id: string; attempts: { n: number; worker?: string }[] }[] };
    const ran = new Map(status.modules.map((m) => [m.id, m.attempts.map((a) => a.worker)]));
    expect([...ran.keys()].sort()).toEqual([...p.ids].sort());
    for (const [id, attempts] of ran) {
      expect(attempts, id).toHaveLength(1);
      expect(names, id).toContain(attempts[0]);
    }
    // The run's own progress lines said it when the worker took the attempt, and again as each module ended.
    for (const [id, [worker]] of ran) {
      const out = coordinator.stdout();
      const taken = out.search(new RegExp(`\\] ${id}: attempt 1 taken by worker ${worker!}\\n`));
      expect(taken, out).toBeGreaterThan(out.indexOf(`] ${id}: attempt 1 started`));
      expect(out.slice(taken)).toMatch(new RegExp(`\\] ${id}: done on worker ${worker!}; merged 1 file\\n`));
    }
    const text = runCli(["status", "--project", p.root]).stdout;
    for (const [id, [worker]] of ran) expect(text).toMatch(new RegExp(`${id} +done[^\\n]*\\n +worker: ${worker!} \\(attempt 1\\)\\n`));

    const report = JSON.parse(runCli(["report", "--format", "json", "--project", p.root]).stdout) as { layers: { modules: { id: string; attempts: { worker?: string }[] }[] }[] };
    expect(new Map(report.layers.flatMap((l) => l.modules.map((m) => [m.id, m.attempts.map((a) => a.worker)])))).toEqual(ran);
    const markdown = runCli(["report", "--project", p.root]).stdout;
    expect(markdown).toContain("| # | Kind | Agent | Worker | State |");
    expect(markdown).toContain(`| 1 | implement | simulate | \`${ran.get(p.ids[0]!)![0]!}\` | ✅ done |`);

    // The dashboard's module detail (its API, which the page shows as "on worker <name>").
    const store = openSqliteStore(join(p.root, ".orchestrate", "state.db"));
    try {
      const run = store.getRun(status.runId)!;
      for (const id of p.ids) expect(moduleDetail(store, p.root, run, store.getModule(run.id, id)!).attempts.map((a) => a.worker)).toEqual(ran.get(id));
      // The take is an event row too: the run's page shows "on worker <name>" as the module's step while it runs.
      const takes = store.getEvents(run.id, 0, "attempt:worker").map((e) => [e.moduleId, (e.data as { worker: string }).worker] as const);
      expect(new Map(takes)).toEqual(new Map([...ran].map(([id, [worker]]) => [id, worker])));
    } finally {
      store.close();
    }
  }, 120_000);
});
