import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TURBOFAN_FROM_MODULES, tierFlagFor } from "../../src/cli/heap.js";
import { BIN } from "../helpers/cli.js";
// @ts-expect-error: the bench's generator is plain JavaScript
import { generate } from "../../bench/lib/spec-tree.mjs";

const HEAP = new URL("../../dist/cli/heap.js", import.meta.url).href;
/** V8's optimisation status bit for a function running TurboFan's code (src/runtime/runtime.h). */
const TURBOFANNED = 1 << 6;

/** V8's optimisation status of a hot function in a child (started with `flags`), after `tune(modules)` (`tuneForModules` by default). */
function statusAfter(modules: number, tune = "tuneForModules", flags: string[] = []): number {
  const script = `
    (await import(${JSON.stringify(HEAP)})).${tune}(${modules});
    function add(a, b) { return a * 2 + b; }
    let s = 0;
    for (let i = 0; i < 3e6; i++) s = add(s & 1023, i);
    process.stdout.write(String(eval("%GetOptimizationStatus(add)") + (s > 0 ? 0 : 1)));
  `;
  const r = spawnSync(process.execPath, [...flags, "--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout);
}

describe("tuneForModules (V8's top tier by the run's size)", () => {
  it("keeps TurboFan out of a run below TURBOFAN_FROM_MODULES and leaves it to a larger one", () => {
    expect(tierFlagFor(1)).toBe("--max-opt=2");
    expect(tierFlagFor(TURBOFAN_FROM_MODULES - 1)).toBe("--max-opt=2");
    expect(tierFlagFor(TURBOFAN_FROM_MODULES)).toBeUndefined();
  });

  it("takes effect when set at run time: hot code stays out of TurboFan in a small run, not in a large one", () => {
    expect(statusAfter(10) & TURBOFANNED).toBe(0);
    expect(statusAfter(TURBOFAN_FROM_MODULES) & TURBOFANNED).toBe(TURBOFANNED);
  });
});

describe("plan (V8's top tier)", () => {
  it("plans without TurboFan: no function of a 200-module plan is optimised by it", () => {
    const { root } = generate(200) as { root: string };
    try {
      // --trace-opt prints a line for each function TurboFan compiles (12 in this plan without the tier flag).
      const r = spawnSync(process.execPath, ["--trace-opt", BIN, "plan", "implement system", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('"modules"');
      expect(r.stdout.split("\n").filter((line) => line.includes("completed compiling"))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("compiles each regular expression once, to machine code, not first to bytecode and again at its second use", () => {
    const { root } = generate(200) as { root: string };
    try {
      // --trace-regexp-tier-up prints a line for each expression compiled again (about 180 in a plan of 1,000 specs without the flag).
      const r = spawnSync(process.execPath, ["--trace-regexp-tier-up", BIN, "plan", "implement system", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('"modules"');
      expect(r.stdout.split("\n").filter((line) => line.includes("needs tier-up compilation"))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("gives TurboFan back to a tree of TURBOFAN_FROM_MODULES modules or more, once listed", () => {
    // As bin/orchestrate.js starts `plan`: without TurboFan.
    expect(statusAfter(TURBOFAN_FROM_MODULES, "tuneForPlan", ["--max-opt=2"]) & TURBOFANNED).toBe(TURBOFANNED);
    expect(statusAfter(TURBOFAN_FROM_MODULES - 1, "tuneForPlan", ["--max-opt=2"]) & TURBOFANNED).toBe(0);
  });

  it("gives TurboFan back to a run of a large tree once listed, also when its layer tables made a small listing large", () => {
    // As bin/orchestrate.js starts `run`: without TurboFan.
    expect(statusAfter(TURBOFAN_FROM_MODULES, "tuneForListedRun", ["--max-opt=2"]) & TURBOFANNED).toBe(TURBOFANNED);
    expect(statusAfter(TURBOFAN_FROM_MODULES - 1, "tuneForListedRun", ["--max-opt=2"]) & TURBOFANNED).toBe(0);
    const listedAgain = `tuneForListedRun(10); (await import(${JSON.stringify(HEAP)})).tuneForListedRun`;
    expect(statusAfter(TURBOFAN_FROM_MODULES, listedAgain, ["--max-opt=2"]) & TURBOFANNED).toBe(TURBOFANNED);
  });
});

describe("run (V8's top tier and young generation)", () => {
  it("tunes V8 for a small tree once it is listed, before its specs are read: no function of a 200-module run is optimised by TurboFan", () => {
    const { root } = generate(200) as { root: string };
    try {
      // Tuned only once the plan was known, the cold load of the specs had TurboFan compile about ten functions.
      const r = spawnSync(process.execPath, ["--trace-opt", BIN, "run", "implement system", "--yes"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.split("\n").filter((line) => line.includes("completed compiling"))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("gives TurboFan back to a run of TURBOFAN_FROM_MODULES modules once its tree is listed", () => {
    const { root } = generate(TURBOFAN_FROM_MODULES) as { root: string };
    try {
      // One module run: what TurboFan compiles is the cold load of the 2,000 specs, before the plan is known.
      const r = spawnSync(process.execPath, ["--trace-opt", BIN, "run", "implement system", "--yes", "--scope", "module/m0"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.split("\n").filter((line) => line.includes("completed compiling")).length).toBeGreaterThan(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("plan (V8's young generation)", () => {
  /** The young generation's size (bytes) in a child after `tuneForPlan(modules)` (none when undefined) and allocating much that survives a while. */
  function newSpaceAfter(modules: number | undefined): number {
    const script = `
      const { getHeapSpaceStatistics } = await import("node:v8");
      ${modules === undefined ? "" : `(await import(${JSON.stringify(HEAP)})).tuneForPlan(${modules});`}
      const kept = [];
      for (let i = 0; i < 2e6; i++) { const made = { i, text: "x" + i }; if (i % 10 === 0) kept.push(made); }
      process.stdout.write(String(getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size + (kept.length > 0 ? 0 : 1)));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return Number(r.stdout);
  }

  it("keeps the young generation at the size it has once the tree is listed, where V8 would grow it", () => {
    const grown = newSpaceAfter(undefined);
    for (const modules of [TURBOFAN_FROM_MODULES - 1, 10_000]) expect(newSpaceAfter(modules)).toBeLessThan(grown / 4);
  });
});
