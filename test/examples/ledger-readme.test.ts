import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { buildPlan } from "../../src/plan/build.js";

const ROOT = fileURLToPath(new URL("../../examples/ledger", import.meta.url));

describe("the example's README", () => {
  it("shows the waves the planner makes, numbered from 1 as the CLI prints them", () => {
    const spec = loadSpec(ROOT);
    const plan = buildPlan(spec, analyzeTask("implement system", spec), "implement system");
    const readme = readFileSync(`${ROOT}/README.md`, "utf8");
    const rows = [...readme.matchAll(/^\| (\d+) \| ([^|]+) \|$/gm)].map((m) => ({ wave: Number(m[1]), modules: m[2]!.split(",").map((s) => s.trim()).sort() }));
    expect(rows).toEqual(plan.waves.map((ids, i) => ({ wave: i + 1, modules: [...ids].sort() })));
  });
});
