import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { validationOf } from "../../src/validate/discover.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { parseJsonc } from "../../src/spec/jsonc.js";

/** A Deno workspace of our own: members named in deno.json, imported by name, a `$util/` import map entry, `_test.ts` tests. */
const KIOSK = {
  "deno.json": JSON.stringify({ workspace: ["./packages/core", "./packages/api"], imports: { "@std/assert": "jsr:@std/assert@^1.0.0", "$util/": "./packages/core/src/util/" }, tasks: { test: "deno test -A" } }),
  "packages/core/deno.json": JSON.stringify({ name: "@kiosk/core", version: "0.1.0", exports: { ".": "./mod.ts", "./clock": "./src/clock.ts" } }),
  // deno.jsonc: comments and a trailing comma.
  "packages/api/deno.jsonc": '{\n  // the HTTP side\n  "name": "@kiosk/api",\n  "exports": "./mod.ts",\n}\n',
  "packages/core/mod.ts": 'export { open } from "./src/ticket.ts";\n',
  "packages/core/src/ticket.ts": 'import { stamp } from "$util/stamp.ts";\nexport interface Ticket { id: number; opened: string }\nexport function open(id: number): Ticket { return { id, opened: stamp() }; }\n',
  "packages/core/src/util/stamp.ts": "export function stamp(): string { return new Date(0).toISOString(); }\n",
  "packages/core/src/clock.ts": "export function now(): number { return 0; }\n",
  "packages/core/tests/ticket_test.ts": 'import { assertEquals } from "@std/assert";\nimport { open } from "@kiosk/core";\nDeno.test("open", () => assertEquals(open(1).id, 1));\n',
  "packages/api/mod.ts": 'export { serve } from "./src/server.ts";\n',
  "packages/api/src/server.ts": 'import { open } from "@kiosk/core";\nimport { now } from "@kiosk/core/clock";\nexport function serve(): () => Response {\n  return () => new Response(String(open(now()).id));\n}\n',
  "packages/api/src/server_test.ts": 'import { assertEquals } from "@std/assert";\nimport { serve } from "./server.ts";\nDeno.test("serve", async () => assertEquals(await serve()().text(), "0"));\n',
};

const specOf = (d: ReturnType<typeof discover>) => ({ layers: d.layers.map((l) => l.id), modules: d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] })), frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: false });

describe("discover: Deno", () => {
  it("a workspace: a member a module, named by its deno.json `name`, depending on another through its name and `exports`; `_test.ts` files are tests", () => {
    const root = makeProject(KIOSK);
    const d = discover(root);
    // Before: seven modules, one a file, `server_test.ts` owned by `server`, and no dependency across packages (`@kiosk/core` was a third party's).
    expect(d.modules.map((m) => ({ id: m.id, layer: m.layer, files: m.files.length, tests: m.tests, dependsOn: m.dependsOn }))).toEqual([
      { id: "core", layer: "core", files: 4, tests: ["packages/core/tests/ticket_test.ts"], dependsOn: [] },
      { id: "api", layer: "interface", files: 2, tests: ["packages/api/src/server_test.ts"], dependsOn: ["core"] },
    ]);
    // Each stands for its package by its `mod.ts`.
    expect(d.modules.map((m) => m.primary)).toEqual(["packages/core/mod.ts", "packages/api/mod.ts"]);
    expect(d.packages).toEqual([{ dir: "packages/api", name: "@kiosk/api" }, { dir: "packages/core", name: "@kiosk/core" }]);
    expect(validationOf(root, specOf(d), {}).discovered.filter((x) => x.level !== "layer").map((x) => `${x.target}: ${x.check.run}`)).toEqual([
      "system: deno task test",
      "core: deno test -A packages/core/tests/ticket_test.ts",
      "api: deno test -A packages/api/src/server_test.ts",
    ]);
  });

  it("the import map's own entries resolve: `$util/stamp.ts` is the file it maps to", () => {
    const d = discover(makeProject(KIOSK), { granularity: "file" });
    expect(d.modules.find((m) => m.primary === "packages/core/src/ticket.ts")!.dependsOn).toEqual(["stamp"]);
  });

  it("a member's own import map adds to its workspace root's: the root's `$util/` still resolves beside the member's `$ledger/`", () => {
    const root = makeProject({
      ...KIOSK,
      "packages/api/deno.jsonc": JSON.stringify({ name: "@kiosk/api", exports: "./mod.ts", imports: { "$ledger/": "./src/ledger/", "@std/http": "jsr:@std/http@^1.0.0" } }),
      "packages/api/src/ledger/book.ts": "export function book(id: number): string { return `#${id}`; }\n",
      "packages/api/src/server.ts": 'import { open } from "@kiosk/core";\nimport { stamp } from "$util/stamp.ts";\nimport { book } from "$ledger/book.ts";\nexport function serve(): () => Response {\n  return () => new Response(book(open(0).id) + stamp());\n}\n',
    });
    const server = discover(root, { granularity: "file" }).modules.find((m) => m.primary === "packages/api/src/server.ts")!;
    // Before: `stamp` was missing, the member's map hiding the root's, and `$util/stamp.ts` read as a third party's.
    expect(server.dependsOn).toEqual(["book", "stamp", "core"]);
  });

  it("a glob of members (`./packages/*`) names each folder it matches: a member of no name is a module, its import map merged with the root's", () => {
    const root = makeProject({
      ...KIOSK,
      "deno.json": JSON.stringify({ workspace: ["./packages/*"], imports: { "$util/": "./packages/core/src/util/" } }),
      // A member with no name: its own map, and the root's `$util/`.
      "packages/cli/deno.json": JSON.stringify({ imports: { "$cmd/": "./src/commands/" } }),
      "packages/cli/main.ts": 'import { run } from "$cmd/run.ts";\nrun();\n',
      "packages/cli/src/commands/run.ts": 'import { stamp } from "$util/stamp.ts";\nimport { serve } from "@kiosk/api";\nexport function run(): void {\n  serve();\n  console.log(stamp());\n}\n',
    });
    // Before: the cli was no package but a module `run` (its main.ts a shim of it), and `$util/stamp.ts` a third party's, so no dependency on core.
    expect(discover(root).modules.map((m) => `${m.id} <- ${m.dependsOn.join(",")}`)).toEqual(["core <- ", "api <- core", "cli <- core,api"]);
  });

  it("without a test task the system gate is `deno test -A`", () => {
    const root = makeProject({ ...KIOSK, "deno.json": JSON.stringify({ workspace: ["./packages/core", "./packages/api"] }) });
    expect(validationOf(root, specOf(discover(root)), {}).discovered.find((x) => x.level === "system")!.check.run).toBe("deno test -A");
  });
});

describe("parseJsonc", () => {
  it("drops comments and trailing commas, never a comma or a comment marker inside a string", () => {
    expect(parseJsonc('{\n  "task": "echo a,} // b",\n  // a comment\n  "list": [1, 2,],\n  /* block */ "n": 1,\n}\n')).toEqual({ task: "echo a,} // b", list: [1, 2], n: 1 });
  });
});

describe("checkArchitecture: Deno's import map", () => {
  it("an import through a deno.json import map entry is judged as the file it maps to", () => {
    const L = ".claude/layers";
    const spec = loadSpec(makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, web.\n",
      [`${L}/core/modules/TICKET_AGENT.md`]: moduleSpec({ module: "src/ticket.ts" }),
      [`${L}/web/modules/SERVER_AGENT.md`]: moduleSpec({ module: "src/web/server.ts" }),
      "deno.json": JSON.stringify({ imports: { "$web/": "./src/web/" } }),
      "src/ticket.ts": 'import { serve } from "$web/server.ts";\nexport const t = serve;\n',
      "src/web/server.ts": "export function serve(): void {}\n",
    }));
    // Before: none (`$web/server.ts` read as a third party's).
    expect(checkArchitecture(spec, spec.system.layerOrder, { modules: ["ticket", "server"] }).map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([
      "src/ticket.ts:1: imports `$web/server.ts` (module server, layer web), but layer core comes before web in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
    ]);
  });

  it("a workspace member's file is judged through its own map and its root's", () => {
    const L = ".claude/layers";
    const spec = loadSpec(makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers, innermost first: core, web.\n",
      [`${L}/core/modules/TICKET_AGENT.md`]: moduleSpec({ module: "packages/core/src/ticket.ts" }),
      [`${L}/web/modules/SERVER_AGENT.md`]: moduleSpec({ module: "packages/web/server.ts" }),
      "deno.json": JSON.stringify({ workspace: ["./packages/core", "./packages/web"], imports: { "$web/": "./packages/web/" } }),
      "packages/core/deno.json": JSON.stringify({ name: "@kiosk/core", imports: { "$own/": "./src/" } }),
      "packages/core/src/ticket.ts": 'import { serve } from "$web/server.ts";\nexport const t = serve;\n',
      "packages/web/server.ts": "export function serve(): void {}\n",
    }));
    // Before: none (the member's map hid the root's, and `$web/server.ts` read as a third party's).
    expect(checkArchitecture(spec, spec.system.layerOrder, { modules: ["ticket", "server"] }).map((v) => `${v.file}:${v.line}: ${v.message}`)).toEqual([
      "packages/core/src/ticket.ts:1: imports `$web/server.ts` (module server, layer web), but layer core comes before web in the layer order (.claude/system/SYSTEM_ORCHESTRATOR.md)",
    ]);
  });
});
