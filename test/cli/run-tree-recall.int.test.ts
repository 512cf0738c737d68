import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import type { SpecTree } from "../../src/spec/types.js";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const M = ".claude/layers";
const TREE = ".orchestrate/cache/tree.v8";

function project(): string {
  const root = makeProject({
    "orchestrate.config.yaml": "agent: simulate\nretries: 0\n",
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nOrder: the domain layer, then the app layer.\n",
    [`${M}/domain/modules/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", body: "## Provides\n- `Money`\n" }),
    [`${M}/app/modules/CHECKOUT_AGENT.md`]: moduleSpec({ module: "shop/checkout.py", body: "## Purpose\nTakes the order.\n\n## Depends On\n- money\n" }),
  });
  mkdirSync(join(root, ".orchestrate"));
  return root;
}

const run = (root: string) => runCli(["run", "implement system", "--yes", "--project", root]);
const prompt = (root: string) => runCli(["status", "--prompt", "checkout", "--project", root]).stdout;

/** Appends `marker` to the checkout module's spec text in the tree a run kept: only a run that reads that tree back quotes it. */
function markKeptTree(root: string, marker: string): void {
  const file = join(root, TREE);
  const bytes = readFileSync(file);
  const end = 4 + bytes.readUInt32LE(0);
  const body = deserialize(bytes.subarray(end)) as { tree: SpecTree; digests: string[] };
  const checkout = body.tree.modules.find((m) => m.id === "checkout")!;
  checkout.body += `\n${marker}\n`;
  writeFileSync(file, Buffer.concat([bytes.subarray(0, end), serialize(body)]));
}

describe("a run of the tree the last run loaded", () => {
  it("reads that tree back with the kept plan, rather than loading the specs again", () => {
    const root = project();
    expect(run(root).code).toBe(0);
    markKeptTree(root, "Read back from the kept tree.");
    expect(run(root).code).toBe(0);
    expect(prompt(root)).toContain("Read back from the kept tree.");
  }, 60_000);

  it("loads the specs again once one changed, and keeps the tree it loaded for the next run", () => {
    const root = project();
    expect(run(root).code).toBe(0);
    markKeptTree(root, "Read back from the kept tree.");
    writeFileSync(join(root, M, "app/modules/CHECKOUT_AGENT.md"), moduleSpec({ module: "shop/checkout.py", body: "## Purpose\nTakes the order, now in two steps.\n\n## Depends On\n- money\n" }));
    expect(run(root).code).toBe(0);
    expect(prompt(root)).toContain("now in two steps");
    expect(prompt(root)).not.toContain("Read back from the kept tree.");
    markKeptTree(root, "Kept by the second run.");
    expect(run(root).code).toBe(0);
    expect(prompt(root)).toContain("Kept by the second run.");
  }, 60_000);
});
