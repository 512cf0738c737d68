import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDashboard, type Dashboard } from "../../src/dashboard/server/serve.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { spawnHolder, type Holder } from "../helpers/holder.js";
import { makeProject } from "../helpers/project.js";
import { artifact, launchChromium, type Launched } from "./browser.js";
import { bigPlan } from "./plans.js";

const TOKEN = "a-token-for-the-large-plan-test-0123456789";
const STATES = ["done", "done", "running", "validating", "failed", "blocked", "pending"] as const;

describe("a plan of 300 modules in the dashboard", () => {
  let browser: Launched;
  let store: Store;
  let dashboard: Dashboard;
  // The process "running" the big run: a run whose lock no live process holds is shown interrupted, its modules not running.
  let runner: Holder;

  beforeAll(async () => {
    runner = await spawnHolder();
    browser = await launchChromium();
    const root = makeProject({});
    store = openStore(root);
    const plan = bigPlan(6, 50);
    store.createRun({ id: "big", request: "implement system", plan, options: "{}", modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })), at: Date.now() });
    plan.modules.forEach((m, i) => store.setModuleState("big", m.id, STATES[i % STATES.length]!, Date.now()));
    store.takeLock({ pid: runner.pid, startTime: runner.startTime, runId: "big", since: Date.now() }, () => false);
    const small = bigPlan(2, 3);
    store.createRun({ id: "small", request: "refactor the ledger", plan: small, options: "{}", modules: small.modules.map((m) => ({ moduleId: m.id, layer: m.layer })), at: Date.now() + 1 });
    for (const m of small.modules) store.setModuleState("small", m.id, "done", Date.now());
    store.setRunState("small", "done", Date.now() + 2);
    store.writeMemory({ key: "run/small/l0_m000", content: "Money amounts are integer cents; never floats.", tags: ["module:l0_m000"], at: 1 });
    store.writeMemory({ key: "run/small/l1_m001", content: "The journal posts balanced entries only.", tags: ["module:l1_m001"], at: 2 });
    dashboard = await serveDashboard({ root, store, token: TOKEN, port: 0 });
  });
  afterAll(async () => {
    runner?.kill();
    await dashboard?.close();
    store?.close();
    await browser?.close();
  });

  it("opens as a list, and as a graph whose nodes stay readable (pan and zoom for the rest)", async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(dashboard.url);
      await page.goto(`http://127.0.0.1:${dashboard.port}/#/runs/big`);
      await page.waitForSelector('[data-run="big"][data-run-state="running"]');
      expect(await page.locator("tr[data-module]").count()).toBe(300);
      expect(await page.locator('tr[data-module="l3_m010"]').getAttribute("data-state")).toBe(STATES[160 % STATES.length]);

      await page.click('[data-tab="graph"]');
      await page.waitForSelector("g[data-module]", { timeout: 30_000 });
      expect(await page.locator("g[data-module]").count()).toBe(300);
      expect(await page.locator("g[data-layer]").count()).toBe(6);
      // Readable: a node is drawn at 70% or more of its size, so its 13 px label is 9 px or more.
      const box = await page.locator('g[data-module="l0_m000"] rect').first().boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(184 * 0.7 - 1);
      await page.screenshot({ path: artifact("graph-300.png") });

      // The wheel zooms out to the whole plan.
      const canvas = page.locator("svg[data-graph]");
      const before = (await page.locator('g[data-module="l0_m000"] rect').first().boundingBox())!.width;
      await canvas.hover();
      for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 400);
      await expect.poll(async () => (await page.locator('g[data-module="l0_m000"] rect').first().boundingBox())!.width).toBeLessThan(before / 2);
      await page.screenshot({ path: artifact("graph-300-zoomed-out.png") });

      // A running node pulses, but not when the OS asks for less motion (as the tests' browser does: see launchChromium).
      const running = 'g[data-module="l0_m002"]';
      const animation = () => page.evaluate(`getComputedStyle(document.querySelector('${running} rect')).animationName`);
      expect(await page.getAttribute(running, "data-state")).toBe("running");
      expect(await animation()).toBe("none");
      await page.emulateMedia({ reducedMotion: "no-preference" });
      expect(await animation()).toBe("pulse");
    } finally {
      await page.close();
    }
  }, 90_000);

  it("lists runs newest first and filters them by state; shows the report and searches the memory", async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(dashboard.url);
      await page.waitForSelector("[data-run-row]");
      expect(await page.locator("[data-run-row]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-run-row")))).toEqual(["small", "big"]);
      await page.selectOption('[data-filter="state"]', "done");
      await expect.poll(() => page.locator("[data-run-row]").count()).toBe(1);
      expect(await page.locator("[data-run-row]").getAttribute("data-run-state")).toBe("done");

      await page.click('[data-run-row="small"] a');
      await page.click('[data-tab="report"]');
      await page.waitForSelector('[data-report="small"]');
      expect(await page.textContent('[data-report="small"]')).toContain("6 modules");

      await page.click('a[href="#/memory"]');
      await page.waitForSelector("[data-memory]");
      expect(await page.locator("[data-memory]").count()).toBe(2);
      await page.fill("[data-memory-search]", "integer cents");
      await expect.poll(() => page.locator("[data-memory]").count()).toBe(1);
      expect(await page.locator("[data-memory]").getAttribute("data-memory")).toBe("run/small/l0_m000");
    } finally {
      await page.close();
    }
  }, 60_000);
});
