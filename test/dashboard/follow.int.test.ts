import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDashboard, type Dashboard } from "../../src/dashboard/server/serve.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { spawnHolder, type Holder } from "../helpers/holder.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { artifact, launchChromium, type Launched } from "./browser.js";
import { bigPlan } from "./plans.js";

const TOKEN = "a-token-for-the-follow-test-0123456789abcdef";

/** Every `run` event the page's EventSources deliver, by id, in the page. */
const COUNT_EVENTS = `
  window.__ids = [];
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("run", (m) => window.__ids.push(JSON.parse(m.data).id));
    }
  };
`;

describe("the dashboard follows a run's events without sending them again", () => {
  let browser: Launched;
  let root: string;
  let store: Store;
  let dashboard: Dashboard;
  // The process running r1: without one the run is shown interrupted and its modules pending.
  let runner: Holder;
  const plan = bigPlan(1, 3);
  const [a, b, c] = plan.modules.map((m) => m.id) as [string, string, string];
  const moveTo = (moduleId: string, state: "running" | "done" | "failed") => {
    store.setModuleState("r1", moduleId, state, Date.now());
    store.appendEvent("r1", "module:state", { type: "module:state", runId: "r1", moduleId, state }, Date.now(), moduleId);
  };

  beforeAll(async () => {
    browser = await launchChromium();
    root = makeProject({});
    store = openStore(root);
    store.createRun({ id: "r1", request: "implement system", plan, options: "{}", modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })), at: Date.now() });
    runner = await spawnHolder();
    store.takeLock({ pid: runner.pid, startTime: runner.startTime, runId: "r1", since: Date.now() }, () => false);
    // A run well under way: 200 rows the page's first view already holds.
    for (let i = 0; i < 100; i++) {
      moveTo(a, "running");
      moveTo(b, "running");
    }
    dashboard = await serveDashboard({ root, store, token: TOKEN, port: 0, pollMs: 50 });
  });
  afterAll(async () => {
    runner?.kill();
    await dashboard?.close();
    store?.close();
    await browser?.close();
  });

  it("from the first view's newest row; after a restart of the dashboard, from the last row seen (Last-Event-ID)", async () => {
    const page = await browser.context.newPage();
    const ids = () => page.evaluate("window.__ids") as Promise<number[]>;
    try {
      await page.addInitScript({ content: COUNT_EVENTS });
      await page.goto(dashboard.url);
      await page.goto(`http://127.0.0.1:${dashboard.port}/#/runs/r1`);
      await page.waitForSelector(`g[data-module="${b}"][data-state="running"]`);
      await page.waitForSelector(".live-dot.on");
      const newest = store.latestEventId("r1");
      // The 200 rows came with the view; the stream sent none of them again.
      expect(await ids()).toEqual([]);

      moveTo(a, "done");
      await page.waitForSelector(`g[data-module="${a}"][data-state="done"]`);
      expect(await ids()).toEqual([newest + 1]);

      // The dashboard restarts on its port; the page's EventSource reconnects with the last id it saw.
      const port = dashboard.port;
      await dashboard.close();
      moveTo(b, "done");
      dashboard = await serveDashboard({ root, store, token: TOKEN, port, pollMs: 50 });
      await page.waitForSelector(`g[data-module="${b}"][data-state="done"]`, { timeout: 15_000 });
      moveTo(c, "running");
      await page.waitForSelector(`g[data-module="${c}"][data-state="running"]`);
      expect(await ids()).toEqual([newest + 1, newest + 2, newest + 3]);

      // A reload: the new view holds every row, the stream sends none.
      await page.reload();
      await page.waitForSelector(`g[data-module="${c}"][data-state="running"]`);
      await page.waitForSelector(".live-dot.on");
      expect(await ids()).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("a failed module's view starts with why: the error's headline and the end of its stderr, scrolled to its last line", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `step ${i}: still fine`);
    writeFiles(root, { ".orchestrate/runs/r1/failing/attempt-1/stderr.log": `${lines.join("\n")}\nFATAL: the ledger file is locked\n` });
    store.createRun({ id: "r2", request: "fix the ledger", plan, options: "{}", modules: [{ moduleId: "failing", layer: "layer0" }], at: Date.now() });
    store.startAttempt("r2", "failing", { kind: "implement", agent: "command", promptPath: ".orchestrate/runs/r1/failing/attempt-1.prompt.md", at: Date.now() });
    store.finishAttempt("r2", "failing", 1, { state: "failed", error: `command exited with code 3\n${lines.slice(0, 40).join("\n")}`, endedAt: Date.now() }, "failed", "failed after attempt 1");
    store.setRunState("r2", "failed", Date.now());
    const page = await browser.context.newPage();
    try {
      await page.goto(dashboard.url);
      await page.goto(`http://127.0.0.1:${dashboard.port}/#/runs/r2/failing`);
      const why = page.locator('[data-failure="1"]');
      await why.waitFor();
      expect(await why.locator("[data-failure-headline]").textContent()).toBe("command exited with code 3");
      const output = why.locator("[data-failure-output]");
      expect((await output.textContent())!.trimEnd().split("\n").at(-1)).toBe("FATAL: the ledger file is locked");
      // In sight without scrolling: the box shows its end.
      await expect.poll(() => output.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThanOrEqual(1);
      await page.screenshot({ path: artifact("module-failure.png") });
    } finally {
      await page.close();
    }
  }, 60_000);
});
