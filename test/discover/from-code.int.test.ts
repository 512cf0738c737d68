import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { orderLayers } from "../../src/plan/layers.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject } from "../helpers/project.js";
import { pythonShop, typescriptGame } from "../helpers/codebase.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/ledger", import.meta.url));

/** The example's code as a user would have it: every module's recorded files, and no specs. */
function ledgerCode(): string {
  const root = makeProject({});
  for (const module of readdirSync(join(EXAMPLE, "recorded"))) cpSync(join(EXAMPLE, "recorded", module), root, { recursive: true });
  return root;
}

/** Module id -> its dependencies, as the spec loader reads them back. */
function graphOf(root: string): Map<string, string[]> {
  const spec = loadSpec(root);
  return new Map(spec.modules.map((m) => [m.id, m.dependencies.map((d) => d.id).sort()]));
}

/** The round trip of the issue: check accepts it, plan reads the graph back, the architecture gate passes on the code. */
async function roundTrip(root: string): Promise<void> {
  const check = await cliHere(["check", "--project", root]);
  expect(check.code, check.stdout + check.stderr).toBe(0);
  const spec = loadSpec(root);
  expect(spec.warnings).toEqual([]);
  const violations = checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) });
  expect(violations).toEqual([]);
  const plan = await cliHere(["plan", "implement system", "--project", root, "--json"]);
  expect(plan.code, plan.stderr).toBe(0);
}

describe("init --from-code on the bundled example's code", () => {
  it("finds every dependency the hand-written specs declare, with the layers in the same order", async () => {
    const root = ledgerCode();
    const result = runCli(["init", "--from-code", root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/10 modules in 4 layers/);
    const generated = graphOf(root);
    const handWritten = graphOf(EXAMPLE);
    expect([...generated.keys()].sort()).toEqual([...handWritten.keys()].sort());
    for (const [id, deps] of handWritten) for (const d of deps) expect(generated.get(id), `${id} -> ${d}`).toContain(d);

    const layerOf = (r: string) => {
      const spec = loadSpec(r);
      const order = orderLayers(spec, []);
      return new Map(spec.modules.map((m) => [m.id, order.indexOf(m.layer)]));
    };
    const ours = layerOf(root);
    const theirs = layerOf(EXAMPLE);
    // Same order: any two modules in different layers are in the same order in both trees.
    for (const [a, la] of theirs) for (const [b, lb] of theirs) if (la < lb) expect(ours.get(a)!, `${a} before ${b}`).toBeLessThan(ours.get(b)!);
    // Tests go with the module they test; the entry shim with the CLI.
    const journal = readFileSync(join(root, ".claude/layers/core/modules/JOURNAL_AGENT.md"), "utf8");
    expect(journal).toContain("`tests/test_journal.py`");
    expect(journal).toMatch(/## Provides[\s\S]*`JournalEntry`/);
    expect(readFileSync(join(root, ".claude/layers/interface/modules/CLI_AGENT.md"), "utf8")).toContain("`ledger/__main__.py`");
    await roundTrip(root);
  });
});

describe("init --from-code on projects of other shapes", () => {
  it("a monorepo: a module per workspace package, check and plan clean; many layer moves in one line of notes", async () => {
    const util = Object.fromEntries(["dates", "money", "ids", "slugs", "paths", "colors"].map((n) => [`packages/kit/src/utils/${n}.ts`, `import { db } from "../db/client";\nexport function ${n}() {\n  return db;\n}\n`]));
    const root = makeProject({
      "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }),
      "packages/kit/package.json": JSON.stringify({ name: "@acme/kit" }),
      "packages/kit/src/db/client.ts": "export const db = {};\n",
      ...util,
      ...Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((n) => [`packages/kit/src/text/${n}.ts`, `export function ${n}() {\n  return 1;\n}\n`])),
      "packages/kit/src/index.ts": Object.keys(util).map((f) => `export * from "./utils/${f.split("/").at(-1)!.replace(".ts", "")}";\n`).join(""),
      "packages/app/package.json": JSON.stringify({ name: "@acme/app", main: "src/main.ts" }),
      "packages/app/src/main.ts": 'import { dates } from "@acme/kit/src/utils/dates";\nimport { db } from "@acme/kit/src/db/client";\nexport function main() {\n  return [dates(), db];\n}\n',
      "packages/web/package.json": JSON.stringify({ name: "@acme/web" }),
      "packages/web/src/page.ts": 'import { main } from "@acme/app";\nexport function page() {\n  return main();\n}\n',
    });
    const dry = await cliHere(["init", "--from-code", root, "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    // kit/ (14 files) is grouped by its folders: each of utils/'s six files is named for foundation and imports db/.
    expect(dry.stdout).toMatch(/^ {3}6 modules named for a layer import code of a later one, so placed in that layer: \w+ \(foundation → infrastructure\), .* and 1 more \(--json lists them\)$/m);
    expect(dry.stdout).not.toMatch(/named for foundation but imports/);
    const json = JSON.parse((await cliHere(["init", "--from-code", root, "--dry-run", "--json"])).stdout) as { notes: string[]; modules: { id: string; dependsOn: string[] }[] };
    expect(json.notes.filter((n) => n.includes("named for foundation"))).toHaveLength(6);
    expect(json.modules.find((m) => m.id === "web")!.dependsOn).toEqual(["app"]);
    expect((await cliHere(["init", "--from-code", root])).code).toBe(0);
    await roundTrip(root);
  });

  it("a Python project: src layout, packages, tests, a cycle merged and reported, vendored and ignored code skipped", async () => {
    const root = makeProject({});
    const files = pythonShop(root);
    expect(Object.keys(files).filter((f) => f.endsWith(".py")).length).toBeGreaterThanOrEqual(50);
    const result = await cliHere(["init", "--from-code", root, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const d = JSON.parse(result.stdout) as { modules: { id: string; layer: string; files: string[]; tests: string[]; dependsOn: string[] }[]; merged: { into: string; cycle: string[] }[]; skipped: { path: string; why: string }[] };
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(d.merged).toEqual([{ into: "billing_orders", modules: ["src/shop/domain/billing.py", "src/shop/domain/orders.py"], cycle: ["src/shop/domain/billing.py", "src/shop/domain/orders.py", "src/shop/domain/billing.py"] }]);
    expect(d.skipped).toContainEqual({ path: "vendor/", why: "vendored code" });
    expect(d.skipped).toContainEqual({ path: "build/", why: "ignored by .gitignore" });
    expect(d.modules.flatMap((m) => m.files).some((f) => f.startsWith("vendor/") || f.startsWith("build/") || f === "scratch.py")).toBe(false);
    expect(byId.get("plugins")!.files).toHaveLength(12);
    expect(byId.get("cart")!.dependsOn).toEqual(expect.arrayContaining(["money", "ids"]));
    expect(byId.get("checkout")!.dependsOn).toEqual(expect.arrayContaining(["billing_orders", "db", "mailer", "clock"]));
    expect(byId.get("db")!.tests).toEqual(["tests/adapters/test_db.py"]);
    expect(byId.get("app")!.files).toContain("src/shop/api/__main__.py");
    expect(Object.fromEntries(["errors", "money", "db", "checkout", "app"].map((id) => [id, byId.get(id)!.layer]))).toEqual({ errors: "foundation", money: "core", db: "infrastructure", checkout: "services", app: "interface" });
    expect(readFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "utf8")).toMatch(/Import cycles[\s\S]*`billing_orders`: src\/shop\/domain\/billing\.py → src\/shop\/domain\/orders\.py → src\/shop\/domain\/billing\.py/);
    await roundTrip(root);
    expect(graphOf(root)).toEqual(new Map(d.modules.map((m) => [m.id, [...m.dependsOn].sort()])));
  });

  it("a TypeScript project: NodeNext .js imports, a package with an index, colocated and separate tests", async () => {
    const root = makeProject({});
    const files = typescriptGame(root);
    expect(Object.keys(files).filter((f) => /\.[jt]s$/.test(f)).length).toBeGreaterThanOrEqual(50);
    const result = await cliHere(["init", "--from-code", root, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const d = JSON.parse(result.stdout) as { modules: { id: string; layer: string; files: string[]; tests: string[]; dependsOn: string[]; provides: string[] }[]; merged: { into: string }[] };
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(d.merged.map((m) => m.into)).toEqual(["rules_turns"]);
    expect(byId.get("store")!.files.sort()).toEqual(["src/store/games.ts", "src/store/index.ts", "src/store/players.ts"]);
    expect(byId.get("store")!.provides).toEqual(expect.arrayContaining(["GameStore", "PlayerStore"]));
    expect(byId.get("board")!.tests).toEqual(["src/core/board.test.ts"]);
    expect(byId.get("match")!.dependsOn).toEqual(expect.arrayContaining(["store", "rules_turns", "util"]));
    expect(byId.get("server")!.layer).toBe("interface");
    expect(byId.get("server")!.files).toContain("src/main.ts");
    expect(d.modules.flatMap((m) => m.files).some((f) => /^(?:dist|node_modules|vendor)\//.test(f) || f.endsWith(".d.ts"))).toBe(false);
    await roundTrip(root);
    expect(graphOf(root)).toEqual(new Map(d.modules.map((m) => [m.id, [...m.dependsOn].sort()])));
  });
});

describe("init --from-code as a command", () => {
  it("names at most three files of a module in its summary line; the spec lists them all", async () => {
    // Five files in one import cycle: one module of five files, not a folder's.
    const names = ["ash", "birch", "cedar", "elm", "fir"];
    const root = makeProject(Object.fromEntries(names.map((n, i) => [`trees/${n}.py`, `from trees.${names[(i + 1) % 5]} import x\n\nx = 1\n`])));
    const result = await cliHere(["init", "--from-code", root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("trees/ash.py, trees/birch.py, trees/cedar.py and 2 more");
    expect(result.stdout).not.toMatch(/^ {3}trees .*trees\/fir\.py/m);
    // The cycle by its files, a long one cut short (the system spec has it all).
    expect(result.stdout).toContain("trees: trees/ash.py → trees/birch.py → trees/cedar.py → trees/elm.py → trees/fir.py → trees/ash.py");
    const ten = names.flatMap((n) => [n, `${n}2`]);
    const long = makeProject(Object.fromEntries(ten.map((n, i) => [`trees/${n}.py`, `from trees.${ten[(i + 1) % 10]} import x\n\nx = 1\n`])));
    const cut = await cliHere(["init", "--from-code", long]);
    expect(cut.stdout).toMatch(/^ {3}trees: trees\/ash\.py → (?:trees\/\w+\.py → ){5}… 4 more → trees\/ash\.py$/m);
    expect(readFileSync(join(long, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "utf8")).toContain("trees/fir2.py → trees/ash.py");
  });

  it("--dry-run prints the tree and writes nothing", async () => {
    const root = ledgerCode();
    const result = await cliHere(["init", "--from-code", root, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Would write 15 files:/);
    expect(existsSync(join(root, ".claude"))).toBe(false);
  });

  it("writes beside Claude Code's own .claude/ files; never over a spec tree, which --force moves aside alone", async () => {
    const root = ledgerCode();
    mkdirSync(join(root, ".claude/agents"), { recursive: true });
    writeFileSync(join(root, ".claude/settings.json"), '{"permissions":{}}\n');
    writeFileSync(join(root, ".claude/agents/reviewer.md"), "---\nname: reviewer\n---\nReview.\n");
    const first = await cliHere(["init", "--from-code", root]);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(root, ".claude/settings.json"), "utf8")).toBe('{"permissions":{}}\n');
    expect(existsSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"))).toBe(true);

    writeFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "hand-written\n");
    const refused = await cliHere(["init", "--from-code", root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already has a spec tree \(\.claude\/system, \.claude\/layers\); it is never overwritten/);
    expect(readFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "utf8")).toBe("hand-written\n");
    const forced = await cliHere(["init", "--from-code", root, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    const backup = readdirSync(root).find((n) => n.startsWith(".claude.bak-"))!;
    expect(readdirSync(join(root, backup)).sort()).toEqual(["layers", "system"]);
    expect(readFileSync(join(root, backup, "system/SYSTEM_ORCHESTRATOR.md"), "utf8")).toBe("hand-written\n");
    expect(readdirSync(join(root, ".claude")).sort()).toEqual(["agents", "layers", "settings.json", "system"]);
    expect(readFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "utf8")).not.toBe("hand-written\n");
  });

  it("a module named like a folder (`src`) or a package (`zod`) forbids its own files, not every import under src/ or of the package", async () => {
    const root = makeProject({
      // `src/index.ts` is named as the package is: here `src`, a folder's name too.
      "package.json": JSON.stringify({ name: "src" }),
      "src/helpers/text.ts": "export function trim(s: string) {\n  return s.trim();\n}\n",
      "src/core/parse.ts": 'import { z } from "zod/v3";\nimport { trim } from "../helpers/text.js";\n\nexport function parse(s: string) {\n  return z.string().parse(trim(s));\n}\n',
      "src/cli/zod.ts": 'import { parse } from "../core/parse.js";\n\nexport function zodify(s: string) {\n  return parse(s);\n}\n',
      "src/index.ts": 'export { parse } from "./core/parse.js";\nexport { zodify } from "./cli/zod.js";\n',
    });
    const result = await cliHere(["init", "--from-code", root, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const d = JSON.parse(result.stdout) as { modules: { id: string; layer: string }[] };
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ text: "foundation", parse: "core", zod: "interface", src: "interface" });
    await roundTrip(root);
  });

  it("a file beside a folder of the same name (`res.ts`, `res/`) is not forbidden by a rule that would also forbid the folder", async () => {
    const root = makeProject({
      "src/res/util.ts": "export const u = 1;\n",
      "src/res/base.ts": 'import { u } from "./util.js";\n\nexport const base = u;\n',
      "src/res.ts": 'import { base } from "./res/base.js";\n\nexport const res = base;\n',
    });
    const result = await cliHere(["init", "--from-code", root, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const d = JSON.parse(result.stdout) as { modules: { id: string; layer: string }[] };
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ util: "foundation", base: "core", res: "interface" });
    await roundTrip(root);
  });

  it("counts in the singular where there is one", async () => {
    const root = makeProject({ "tool.py": "def main():\n    pass\n" });
    const result = await cliHere(["init", "--from-code", root, "--dry-run"]);
    expect(result.stdout).toMatch(/^1 module in 1 layer, 0 dependencies, from 1 source file\n/);
  });

  it("names the project as given when it lies outside the current folder, and relative to it when inside", () => {
    const root = makeProject({ "tool.py": "def main():\n    pass\n" });
    const outside = runCli(["init", "--from-code", root]);
    expect(outside.code, outside.stderr).toBe(0);
    expect(outside.stdout).toContain(` spec files under ${root}/.claude/\nNext: orchestrate check --project ${root} `);
    const again = makeProject({ "tool.py": "def main():\n    pass\n" });
    const inside = runCli(["init", "--from-code", again], { cwd: dirname(again) });
    expect(inside.stdout).toContain(`under ${basename(again)}/.claude/`);
  });

  it("a folder without code: one line, exit 2", async () => {
    const root = makeProject({ "README.md": "# nothing here\n" });
    const result = await cliHere(["init", "--from-code", root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Found no Python, TypeScript\/JavaScript, Go, Rust, Java, Kotlin, Scala, Ruby, C#, PHP, C\/C\+\+, Swift, Elixir or Dart source files/);
    expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  });
});

describe("plain init beside --from-code", () => {
  it("--dry-run (or --json, --agent) without --from-code writes nothing: exit 2; in a folder of code, init says --from-code reads it", async () => {
    const root = makeProject({ "app.py": "def main():\n    pass\n" });
    const dry = await cliHere(["init", root, "--dry-run"]);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/--dry-run goes with --from-code/);
    expect(existsSync(join(root, ".claude"))).toBe(false);
    const plain = await cliHere(["init", root]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/has 1 source file: the template's one module \(greeting\) is an example; `orchestrate init --from-code .* --force` derives/);
  });
});
