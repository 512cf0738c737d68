import { afterAll, describe, expect, it } from "vitest";
import { serveDashboard } from "../../src/dashboard/server/serve.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { makeProject } from "../helpers/project.js";
import { bigPlan } from "./plans.js";

const TOKEN = "a-token-for-the-close-flush-test-0123456789ab";

/**
 * `run --dashboard` closes its dashboard as soon as its run ends: the run's last rows (its
 * modules' last transitions, `run:end`) are written a moment before. An open page must get
 * them before its connection goes, or it shows the run still running until it is reloaded.
 */
describe("closing the dashboard", () => {
  const stores: Store[] = [];
  afterAll(() => {
    for (const s of stores) s.close();
  });

  it("sends an open stream the rows written just before it closed, then ends the stream", async () => {
    const root = makeProject({});
    const store = openStore(root);
    stores.push(store);
    const plan = bigPlan(1, 3);
    store.createRun({ id: "r1", request: "implement system", plan, options: "{}", modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })), at: Date.now() });
    const dashboard = await serveDashboard({ root, store, token: TOKEN, port: 0, pollMs: 50 });
    const res = await fetch(`http://127.0.0.1:${dashboard.port}/api/runs/r1/events?after=0`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: ready")) text += decoder.decode((await reader.read()).value, { stream: true });

    // The run's end, as the orchestrator writes it, then the CLI closing its dashboard at once.
    const written: number[] = [];
    for (const m of plan.modules) {
      store.appendEvent("r1", "module:state", { type: "module:state", runId: "r1", moduleId: m.id, state: "done" }, Date.now(), m.id);
      written.push(store.latestEventId("r1"));
    }
    store.appendEvent("r1", "run:end", { type: "run:end", runId: "r1", state: "interrupted" }, Date.now());
    written.push(store.latestEventId("r1"));
    await dashboard.close();

    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(written);
  }, 15_000);
});
