import { describe, expect, it } from "vitest";
import { LiveRuns } from "../../src/mcp/runs.js";
import { openStore } from "../../src/store/open.js";
import type { Overrides } from "../../src/run/project.js";
import { makeProject } from "../helpers/project.js";
import { EMPTY_PLAN } from "../store/helpers.js";

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
async function overridesOfResume(root: string): Promise<Overrides | Error> {
  let asked: Overrides | undefined;
  const runs = new LiveRuns(root, {
    create: (_root, overrides) => {
      asked = overrides;
      throw new Error("stop here");
    },
  });
  const error = await runs.resume("r1").then(() => undefined, (e: Error) => e);
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
});
