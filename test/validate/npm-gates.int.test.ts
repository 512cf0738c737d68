import { realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { gateConfinement } from "../../src/run/confinement.js";
import { probeBwrap } from "../../src/sandbox/probe.js";
import { runGate, type GateContext } from "../../src/validate/gates.js";
import { validationOf } from "../../src/validate/discover.js";
import { openRepo, RunWorktrees } from "../../src/workspace/index.js";
import { makeRepo } from "../workspace/git-fixture.js";
import { setEnv } from "../sandbox/helpers.js";

// A TypeScript project whose tests run compiled (`tsc && node --test dist/test/`), run as an isolated
// run runs it: in a worktree whose node_modules is linked from the checkout (`workspace.share`), its
// gates in the bubblewrap sandbox. The checkout's own node_modules is a link too, to a shared store
// (this repository's, which has tsc), as a monorepo's or a machine's shared install is.

const PROJECT = {
  ".gitignore": "node_modules\ndist\n",
  "package.json": JSON.stringify({ name: "till", type: "module", scripts: { test: "tsc && node --test dist/test/" } }),
  "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", outDir: "dist", rootDir: ".", strict: true, types: [] }, include: ["src", "test"] }),
  // What the tests use of node's modules: tsc reads these lines rather than all of @types/node, many seconds on a busy machine.
  "test/node.d.ts": 'declare module "node:test" {\n  export function test(name: string, fn: () => void): void;\n}\ndeclare module "node:assert/strict" {\n  const assert: { equal(actual: unknown, expected: unknown): void };\n  export default assert;\n}\n',
  "src/till.ts": "export function change(paid: number, due: number): number {\n  return Math.max(0, paid - due);\n}\n",
  "src/receipt.ts": "export function line(item: string, cents: number): string {\n  return `${item} ${(cents / 100).toFixed(2)}`;\n}\n",
  "test/till.test.ts": 'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { change } from "../src/till.js";\n\ntest("change is never negative", () => {\n  assert.equal(change(5, 3), 2);\n  assert.equal(change(1, 3), 0);\n});\n',
  "test/receipt.test.ts": 'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { line } from "../src/receipt.js";\n\ntest("a receipt line shows euros", () => {\n  assert.equal(line("tea", 250), "tea 2.50");\n});\n',
};

const spec = (root: string) => ({ root, modules: [], layers: [] }) as unknown as GateContext["spec"];

describe("a compiled TypeScript project's discovered gates, in an isolated worktree, in bubblewrap", () => {
  beforeAll(async () => {
    expect(await probeBwrap()).toBeUndefined();
  });

  it("runs npm test with the shared node_modules' tsc, and a module's own compiled test (the .ts appended to the script failed)", async () => {
    const checkout = makeRepo(PROJECT);
    symlinkSync(realpathSync("node_modules"), join(checkout, "node_modules"));
    const repo = await openRepo(checkout);
    if ("reason" in repo) throw new Error(repo.reason);
    const trees = new RunWorktrees(repo, checkout, "r1", { share: ["node_modules"], timeoutMs: 10_000 });
    await trees.start(repo.head);
    const tree = await trees.create("till-1", "orchestrate/attempts/r1/till/1");
    // Not this test runner's PATH, which names this repository's node_modules/.bin: a user's shell has no tsc on it.
    const restore = setEnv({ PATH: (process.env.PATH ?? "").split(":").filter((dir) => !dir.includes("node_modules")).join(":") });
    try {
      const config = { workspace: { share: ["node_modules"] } };
      const plan = validationOf(tree.dir, { layers: ["core"], modules: [{ id: "till", files: ["src/till.ts"] }], frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false }, {});
      const checks = plan.discovered.map((d) => d.check);
      expect(checks.map((c) => c.run)).toEqual(["npm test", "npm exec -c 'tsc && node --test dist/test/till.test.js'"]);
      const confine = await gateConfinement(checkout, config);
      const result = await runGate("module", "till", checks, { root: tree.dir, spec: spec(tree.dir), layerOrder: [], modules: ["till"], vars: { module: "till", files: [] }, timeoutMs: 90_000, confine });
      const [system, module] = result.checks;
      expect(system!.output ?? "").not.toMatch(/not found/);
      expect(system!.tests).toMatchObject({ passed: 2, failed: 0 });
      expect(module!.tests).toMatchObject({ passed: 1, failed: 0 });
      expect(result.ok).toBe(true);
    } finally {
      restore();
      await trees.remove(tree);
    }
  }, 180_000);
});
