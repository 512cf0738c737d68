import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids the lint reports for `file` (relative to the project) with `extra` appended to its text. */
async function rulesFor(file: string, extra: string): Promise<string[]> {
  const path = `${root}/${file}`;
  const [result] = await eslint.lintText(`${readFileSync(path, "utf8")}\n${extra}\n`, { filePath: path });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// The lint is the architecture's guard: these prove it sees .ts imports written as `./x.js`.
describe("the lint enforces the architecture", () => {
  it("passes the files as they are", async () => {
    expect(await rulesFor("src/plan/graph.ts", "")).toEqual([]);
  }, 120_000);

  it("fails on an import cycle (plan/graph.ts <-> plan/build.ts)", async () => {
    expect(await rulesFor("src/plan/graph.ts", 'import { buildPlan } from "./build.js";\nexport const _cycle = buildPlan;')).toContain("import-x/no-cycle");
  }, 120_000);

  it("fails on an upward import (store -> agents, plan -> run, run -> mcp)", async () => {
    expect(await rulesFor("src/store/errors.ts", 'export type { AgentTask as _A } from "../agents/types.js";')).toContain("import-x/no-restricted-paths");
    expect(await rulesFor("src/plan/types.ts", 'export type { RunSummary as _R } from "../run/context.js";')).toContain("import-x/no-restricted-paths");
    expect(await rulesFor("src/run/paths.ts", 'export type { StatusJson as _S } from "../report/status.js";')).toContain("import-x/no-restricted-paths");
  }, 120_000);
});
