import { describe, expect, it } from "vitest";
import { LiveRuns } from "../../src/mcp/runs.js";
import { openStore } from "../../src/store/open.js";
import type { Overrides } from "../../src/run/project.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { EMPTY_PLAN } from "../store/helpers.js";
import { createOrchestrator } from "../../src/workflows/project.js";
import { freePort } from "../helpers/redis.js";

/** MCP's and the dashboard's `resume` (LiveRuns) take a queued run's queue from its record, as the CLI's does. */
function interruptedRun(queue: Record<string, unknown> | undefined, config = ""): string {
  const root = makeProject({ "orchestrate.config.yaml": `agent: simulate\n${config}` });
  const store = openStore(root);
  store.createRun({ id: "r1", request: "implement system", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", ...(queue ? { queue } : {}) }), at: 1, modules: [] });
  store.setRunState("r1", "interrupted", 2);
  store.close();
  return root;
}

/** What LiveRuns asks its factory for when resuming; the factory stops there. */
async function overridesOfResume(root: string, local = false): Promise<Overrides | Error> {
  let asked: Overrides | undefined;
  const runs = new LiveRuns(root, {
    create: (_root, overrides) => {
      asked = overrides;
      throw new Error("stop here");
    },
  });
  const error = await runs.resume("r1", { local }).then(() => undefined, (e: Error) => e);
  return asked ?? error!;
}

describe("LiveRuns.resume of a queued run", () => {
  it("runs on the run's queue and remote", async () => {
    expect(await overridesOfResume(interruptedRun({ url: "redis://q:6379", remote: "/srv/r.git" }))).toStrictEqual({ queue: { url: "redis://q:6379", remote: "/srv/r.git" } });
    expect(await overridesOfResume(interruptedRun(undefined))).toStrictEqual({});
  });

  it("a password not kept: the config's same URL with it, else the line saying what to pass", async () => {
    const kept = { url: "redis://q:6379", remote: "/srv/r.git", withoutPassword: true };
    expect(await overridesOfResume(interruptedRun(kept, "queue:\n  url: redis://:pw@q:6379\n"))).toStrictEqual({ queue: { url: "redis://:pw@q:6379", remote: "/srv/r.git" } });
    const refused = await overridesOfResume(interruptedRun(kept));
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe("Run r1 ran on the queue redis://:***@q:6379, whose password is not kept in .orchestrate/state.db: resume it with `orchestrate resume r1 --queue redis://:PASSWORD@q:6379` (or set `queue.url` in orchestrate.config.yaml)");
  });

  it("local: goes on in this process, not on its queue (`resume --no-queue`)", async () => {
    expect(await overridesOfResume(interruptedRun({ url: "redis://q:6379", remote: "/srv/r.git" }), true)).toStrictEqual({ queue: false });
    // The same for a run whose password is not kept: nothing to ask the config for.
    expect(await overridesOfResume(interruptedRun({ url: "redis://q:6379", withoutPassword: true }), true)).toStrictEqual({ queue: false });
  });

  it("local: its jobs on a Redis that does not answer are named in the warning it answers with", async () => {
    const port = await freePort();
    const root = makeProject({
      "orchestrate.config.yaml": "agent: simulate\n",
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "a.py" }),
    });
    const store = openStore(root);
    store.createRun({ id: "r1", request: "implement system", plan: EMPTY_PLAN, options: JSON.stringify({ agent: "simulate", queue: { url: `redis://127.0.0.1:${port}` } }), at: 1, modules: [{ moduleId: "a", layer: "core" }] });
    store.startAttempt("r1", "a", { kind: "implement", agent: "simulate", promptPath: "p", at: 2 });
    store.setRunState("r1", "interrupted", 3);
    store.close();
    let asked: Overrides | undefined;
    const runs = new LiveRuns(root, { create: (r, o) => ((asked = o), createOrchestrator(r, o)) });
    const resumed = await runs.resume("r1", { local: true });
    await runs.stopAll();
    expect(asked).toStrictEqual({ queue: false });
    expect(resumed.runId).toBe("r1");
    expect(resumed.line).toBeUndefined();
    expect(resumed.warning).toMatch(new RegExp(`^run r1's queue redis://127\\.0\\.0\\.1:${port}/? does not answer \\(.+\\): workers may still hold the jobs of a; cut off from Redis a worker pushes nothing, and this process runs those modules itself$`));
  });
});
