import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/types.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const M = ".claude/layers";
const DERIVED = ".orchestrate/cache/derived.v8";
const CONFIG = "agent: simulate\nretries: 0\n";

/** A project that keeps state (`.orchestrate/`), as one a run was made in: only there is anything kept. */
function project(): string {
  const root = makeProject({
    "orchestrate.config.yaml": CONFIG,
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\nOrder: the domain layer, then the app layer.\n",
    [`${M}/domain/DOMAIN_ORCHESTRATOR.md`]: "# Domain\n",
    [`${M}/domain/modules/MONEY_AGENT.md`]: moduleSpec({ module: "shop/money.py", body: "## Provides\n- `Money`\n" }),
    [`${M}/domain/modules/ORDER_BOOK_AGENT.md`]: moduleSpec({ module: "shop/order_book.py", body: "## Depends On\n- money\n" }),
    [`${M}/app/CHECKOUT_AGENT.md`]: moduleSpec({ module: "shop/checkout.py", body: "## Purpose\nTakes the order.\n" }),
  });
  mkdirSync(join(root, ".orchestrate"));
  return root;
}

const run = (root: string, request = "implement system") => runCli(["run", request, "--yes", "--project", root]);

/** The plan the latest run stored. */
function storedPlan(root: string): Plan {
  const db = new Database(join(root, ".orchestrate", "state.db"), { readonly: true });
  try {
    return JSON.parse((db.prepare("SELECT plan FROM runs ORDER BY created_at DESC, rowid DESC LIMIT 1").pluck().get() as string) ?? "null") as Plan;
  } finally {
    db.close();
  }
}

type Derived = { values: [string, unknown][] };

/** The names of the values kept for the tree, newest first. */
function keptNames(root: string): string[] {
  return (deserialize(readFileSync(join(root, DERIVED))) as Derived).values.map(([name]) => name);
}

/** Adds a warning to the run plan kept for the tree, as `plan` or a run kept it: what a run that uses it stores shows it. */
function markKeptPlan(root: string, marker: string): void {
  const file = join(root, DERIVED);
  const data = deserialize(readFileSync(file)) as Derived;
  const entry = data.values.find(([name]) => name.startsWith('["run-plan"'));
  expect(entry).toBeDefined();
  const plan = deserialize(entry![1] as Uint8Array) as Plan;
  entry![1] = serialize({ ...plan, warnings: [...plan.warnings, { code: "MARKER", message: marker }] });
  writeFileSync(file, serialize(data));
}

const warningCodes = (plan: Plan) => plan.warnings.map((w) => w.code);

describe("a run over the tree `plan` planned", () => {
  it("takes the plan `plan` kept instead of planning again, with each module's spec text from the tree", () => {
    const root = project();
    expect(runCli(["plan", "implement system", "--project", root]).code).toBe(0);
    expect(keptNames(root).some((n) => n.startsWith('["run-plan"'))).toBe(true);
    markKeptPlan(root, "kept by plan");
    const first = run(root);
    expect(first.code).toBe(0);
    const plan = storedPlan(root);
    expect(warningCodes(plan)).toContain("MARKER");
    // The texts left out of what was kept are the specs' again: the prompts quote them.
    expect(runCli(["status", "--prompt", "checkout", "--project", root]).stdout).toContain("Takes the order.");
  }, 60_000);

  it("is the plan a run makes itself, field for field", () => {
    const root = project();
    expect(run(root).code).toBe(0);
    const made = storedPlan(root);
    expect(run(root).code).toBe(0);
    expect(storedPlan(root)).toEqual(made);
    expect(JSON.stringify(storedPlan(root))).toBe(JSON.stringify(made));
  }, 60_000);

  it("sees a spec edited after `plan`: the run's plan and prompt are the edited spec's", async () => {
    const root = project();
    expect((await cliHere(["plan", "implement system", "--project", root])).code).toBe(0);
    markKeptPlan(root, "stale");
    writeFileSync(join(root, M, "app/CHECKOUT_AGENT.md"), moduleSpec({ module: "shop/checkout.py", body: "## Purpose\nTakes the order, now in two steps.\n\n## Depends On\n- money\n" }));
    expect(run(root).code).toBe(0);
    const plan = storedPlan(root);
    expect(warningCodes(plan)).not.toContain("MARKER");
    expect(plan.modules.find((m) => m.id === "checkout")?.dependsOn).toEqual(["money"]);
    expect((await cliHere(["status", "--prompt", "checkout", "--project", root])).stdout).toContain("now in two steps");
  }, 60_000);

  it("without a `plan` first, plans itself and keeps the plan for the next run; another request plans again", () => {
    const root = project();
    expect(existsSync(join(root, DERIVED))).toBe(false);
    expect(run(root).code).toBe(0);
    markKeptPlan(root, "kept by the run");
    expect(run(root).code).toBe(0);
    expect(warningCodes(storedPlan(root))).toContain("MARKER");
    expect(run(root, "implement layer/app").code).toBe(0);
    const other = storedPlan(root);
    expect(warningCodes(other)).not.toContain("MARKER");
    expect(other.modules.map((m) => m.id)).toEqual(["checkout"]);
  }, 60_000);
});
