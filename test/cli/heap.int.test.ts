import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import "../helpers/cli.js";

const HEAP = new URL("../../dist/cli/heap.js", import.meta.url).href;

/**
 * Full GCs in a child that keeps 30 MB live and then makes 320 MB of objects that live long
 * enough to reach the old generation, as a run's modules do; with `limit`, after `limitHeapGrowth()`.
 */
function fullGcs(limit: boolean): number {
  const script = `
    import { PerformanceObserver, constants } from "node:perf_hooks";
    if (${limit}) (await import(${JSON.stringify(HEAP)})).limitHeapGrowth();
    let majors = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++; }).observe({ entryTypes: ["gc"] });
    const live = Array.from({ length: 300000 }, (_, i) => ({ i, name: "m" + i }));
    const ring = new Array(200000);
    for (let i = 0; i < 4000000; i++) ring[i % ring.length] = { i, list: [i] };
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.stdout.write(String(majors + live.length * 0));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout);
}

describe("limitHeapGrowth (the processes that run modules)", () => {
  it("makes V8 collect the old generation well before it is four times what was live", () => {
    const own = fullGcs(false);
    const limited = fullGcs(true);
    expect(limited).toBeGreaterThan(2 * Math.max(own, 1));
  });
});

/** The young generation's size (MB) in a child that makes many short-lived objects, some living through a scavenge, after `setup`. */
function youngGenerationMb(setup: string): number {
  const script = `
    import { getHeapSpaceStatistics } from "node:v8";
    const heap = await import(${JSON.stringify(HEAP)});
    ${setup}
    let ring = [];
    for (let i = 0; i < 1e6; i++) { ring.push({ i, name: "m" + i }); if (ring.length > 20000) ring = []; }
    process.stdout.write(String(getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 1048576));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout);
}

describe("tuneForModules' young generation", () => {
  it("stays at its size in a run below TURBOFAN_FROM_MODULES, and grows as V8 grows it in a larger one", () => {
    const small = youngGenerationMb("heap.tuneForModules(heap.TURBOFAN_FROM_MODULES - 1);");
    const large = youngGenerationMb("heap.tuneForModules(heap.TURBOFAN_FROM_MODULES);");
    expect(small).toBeLessThanOrEqual(2);
    expect(large).toBeGreaterThan(small);
  });

  it("is given back to V8 by tuneForListedRun when a tree listed small is large once its layer tables are read", () => {
    const small = youngGenerationMb("heap.tuneForListedRun(10);");
    const large = youngGenerationMb("heap.tuneForListedRun(10); heap.tuneForListedRun(heap.TURBOFAN_FROM_MODULES);");
    expect(small).toBeLessThanOrEqual(2);
    expect(large).toBeGreaterThan(small);
  });
});
