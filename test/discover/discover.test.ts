import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import type { Unit } from "../../src/discover/group.js";
import { nameUnits } from "../../src/discover/unit-names.js";
import { stronglyConnected } from "../../src/discover/cycles.js";
import { assignLayers } from "../../src/discover/layers.js";
import { leadingDoc, publicSurface } from "../../src/discover/surface.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { loadSpec } from "../../src/spec/load.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { maskSource } from "../../src/validate/source.js";
import { makeProject, writeFiles } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";

describe("discover", () => {
  it("reads a Go module: a package per folder, imports under the go.mod path, tests attached, stdlib ignored", () => {
    const root = makeProject({
      "go.mod": "module example.com/kv\n\ngo 1.22\n",
      "internal/store/store.go": 'package store\n\nimport "sync"\n\n// Store keeps values in memory.\ntype Store struct{ mu sync.Mutex }\n\nfunc New() *Store { return &Store{} }\n',
      "internal/store/wal.go": "package store\n\nfunc replay() {}\n",
      "internal/store/store_test.go": 'package store\n\nimport "testing"\n\nfunc TestNew(t *testing.T) {}\n',
      "internal/server/server.go": 'package server\n\nimport (\n\t"net/http"\n\t"example.com/kv/internal/store"\n)\n\nfunc Handler(s *store.Store) http.Handler { return nil }\n',
      "cmd/kv/main.go": 'package main\n\nimport "example.com/kv/internal/server"\n\nfunc main() { server.Handler(nil) }\n',
    });
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["kv", "server", "store"]);
    expect(byId.get("store")!.files.sort()).toEqual(["internal/store/store.go", "internal/store/wal.go"]);
    expect(byId.get("store")!.provides).toEqual(["Store", "New"]);
    expect(byId.get("server")!.dependsOn).toEqual(["store"]);
    expect(byId.get("kv")!.dependsOn).toEqual(["server"]);
    expect(byId.get("store")!.tests).toEqual(["internal/store/store_test.go"]);
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.layer]))).toEqual({ store: "infrastructure", server: "interface", kv: "interface" });
  });

  it("gives a Go package's exported variables and constants, grouped ones too, and each exported type's methods as its Provides", () => {
    const store = [
      "package store",
      "",
      "import \"errors\"",
      "",
      "// ErrNotFound reports an unknown id.",
      "var ErrNotFound = errors.New(\"store: not found\")",
      "",
      "const MaxItems = 1000",
      "",
      "var (",
      "\tErrFull, ErrClosed = errors.New(\"full\"), errors.New(\"closed\")",
      "\tdefaultPath = \"s.json\"",
      ")",
      "",
      "type (",
      "\tShipment struct {",
      "\t\tID string",
      "\t}",
      "\tStore struct{ items []Shipment }",
      ")",
      "",
      "func Open(path string) (*Store, error) { return &Store{}, nil }",
      "func (s *Store) Add(sh Shipment) error { return nil }",
      "func (s *Store) Last(n int) []Shipment { return nil }",
      "func (s *Store) save() error { return nil }",
      "func (sh Shipment) Label() string { return sh.ID }",
      "",
    ].join("\n");
    const root = makeProject({ "go.mod": "module example.com/shipyard\n", "internal/store/store.go": store });
    // Before: `Open` alone, so a dependent's prompt had no `ErrNotFound`, no grouped type and no method of `Store`.
    expect(discover(root).modules[0]!.provides).toEqual(["ErrNotFound", "MaxItems", "Open", "ErrFull", "ErrClosed", "Shipment", "Store", "Store.{Add, Last}", "Shipment.{Label}"]);
  });

  it("a project of three languages: each resolves on its own terms, a Go module in a subfolder too", () => {
    const root = makeProject({
      "backend/pyproject.toml": '[project]\nname = "backend"\n',
      "backend/app/models.py": "class User:\n    pass\n",
      "backend/app/db.py": "from app.models import User\n\n\ndef get_user():\n    return User()\n",
      "frontend/package.json": JSON.stringify({ name: "frontend" }),
      "frontend/src/api.ts": "export function fetchUser() {\n  return 1;\n}\n",
      "frontend/src/App.tsx": 'import { fetchUser } from "./api";\n\nexport function App() {\n  return fetchUser();\n}\n',
      "tools/go.mod": "module example.com/tools\n\ngo 1.22\n",
      "tools/internal/seed/seed.go": "package seed\n\nfunc Run() {}\n",
      "tools/cmd/seed/main.go": 'package main\n\nimport "example.com/tools/internal/seed"\n\nfunc main() { seed.Run() }\n',
    });
    // Each small workspace package (its own pyproject.toml, package.json) is one module; Go packages stay apart.
    const deps = Object.fromEntries(discover(root).modules.map((m) => [m.id, m.dependsOn]));
    expect(deps).toEqual({ backend: [], frontend: [], internal_seed: [], cmd_seed: ["internal_seed"] });
    const files = Object.fromEntries(discover(root, { granularity: "file" }).modules.filter((m) => m.language !== "go").map((m) => [m.id, m.dependsOn]));
    expect(files).toEqual({ models: [], db: ["models"], api: [], app: ["api"] });
  });

  it("honours nested .gitignore files and skips hidden folders", () => {
    const root = makeProject({
      "app/main.py": "import app.core\n",
      "app/core.py": "X = 1\n",
      "app/.gitignore": "secret_*.py\n",
      "app/secret_keys.py": "KEY = 1\n",
      ".hidden/tool.py": "import os\n",
    });
    const files = discover(root).modules.flatMap((m) => m.files);
    expect(files.sort()).toEqual(["app/core.py", "app/main.py"]);
  });

  it("one module per folder or per file when asked", () => {
    const body = Array.from({ length: 12 }, (_, i) => `def f${i}():\n    return b.f()\n`).join("\n");
    const root = makeProject({ "pkg/a.py": `from pkg import b\n\n${body}`, "pkg/b.py": "def f():\n    pass\n" });
    expect(discover(root, { granularity: "folder" }).modules.map((m) => m.id)).toEqual(["pkg"]);
    expect(discover(root, { granularity: "file" }).modules.map((m) => m.id).sort()).toEqual(["a", "b"]);
  });

  it("a library that is one package is a module per file; a folder of most of the code inside the package's own stays one module", () => {
    const names = ["reader", "scanner", "parser", "composer", "loader", "dumper", "errors", "nodes"];
    const files = Object.fromEntries(names.map((n, i) => [`tinyyaml/${n}.py`, `${i ? `from tinyyaml.${names[i - 1]} import X${i - 1}\n\n` : ""}class X${i}:\n    pass\n`]));
    const library = discover(makeProject({ ...files, "setup.py": "from setuptools import setup\n\nsetup()\n" }));
    expect(library.modules.map((m) => m.id).sort()).toEqual([...names, "setup"].sort());
    expect(library.modules.find((m) => m.id === "parser")!.dependsOn).toEqual(["scanner"]);
    // Asked for folders, one module it is.
    expect(discover(makeProject(files), { granularity: "folder" }).modules.map((m) => m.id)).toEqual(["tinyyaml"]);
    // Plugins, one a file, under a package with code of its own: the plugins folder stays one module.
    const plugins = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`hl/lexers/l${i}.py`, `from hl.lexer import Lexer\n\nclass L${i}(Lexer):\n    pass\n`]));
    const nested = discover(makeProject({ ...plugins, "hl/lexer.py": "class Lexer:\n    pass\n", "hl/format.py": "def render():\n    pass\n" }));
    expect(nested.modules.map((m) => m.id).sort()).toEqual(["format", "lexer", "lexers"]);
  });

  it("a short file that declares classes or functions is a module of its own; only an entry shim that declares nothing joins the module it calls", () => {
    const root = makeProject({
      "shop/storage/base.py": "class Store:\n    def get(self, key):\n        raise NotImplementedError\n",
      "shop/storage/sql.py": "from .base import Store\n\nclass SqlStore(Store):\n    pass\n",
      "web/memory.ts": "import { Store } from './store.js';\nexport class MemoryStore extends Store {}\n",
      "web/store.ts": "export class Store {}\n",
      "shop/__main__.py": "from shop.storage.base import Store\n\nStore()\n",
    });
    const byId = new Map(discover(root).modules.map((m) => [m.id, [...m.files].sort()]));
    expect(byId.get("sql")).toEqual(["shop/storage/sql.py"]);
    expect(byId.get("base")).toEqual(["shop/__main__.py", "shop/storage/base.py"]);
    expect(byId.get("memory")).toEqual(["web/memory.ts"]);
  });

  it("a test goes to the module it imports in the latest layer, so its imports keep that module's layer rules", () => {
    const root = makeProject({
      "shop/testing/__init__.py": "from .tools import run\nfrom .fakes import Fake\n",
      "shop/testing/tools.py": "def run():\n    pass\n",
      "shop/testing/fakes.py": "class Fake:\n    pass\n",
      "shop/cli.py": "def main():\n    pass\n",
      "tests/test_cli.py": "from shop.testing.tools import run\nfrom shop.testing.fakes import Fake\nfrom shop.cli import main\n",
    });
    const byId = new Map(discover(root).modules.map((m) => [m.id, m]));
    expect(byId.get("testing")!.layer).toBe("foundation");
    expect(byId.get("cli")!.layer).toBe("interface");
    expect(byId.get("cli")!.tests).toEqual(["tests/test_cli.py"]);
    expect(byId.get("testing")!.tests).toEqual([]);
  });

  it("module ids stay unique: a clash takes the parent folder's name", () => {
    const root = makeProject({ "api/utils.py": "def a():\n    pass\n", "core/utils.py": "def b():\n    pass\n" });
    expect(discover(root).modules.map((m) => m.id).sort()).toEqual(["api_utils", "core_utils"]);
  });

  it("the project's own src/index.ts is named for the project; a folder's index split from the rest of it is its entry", () => {
    const files = { "src/index.ts": 'export { cart } from "./cart.js";\n', "src/cart.ts": "export function cart() {\n  return 1;\n}\n" };
    const named = discover(makeProject({ ...files, "package.json": JSON.stringify({ name: "@acme/shop-kit" }) }));
    expect(named.modules.map((m) => m.id).sort()).toEqual(["cart", "shop_kit"]);
    // No package.json: the project's folder names it.
    const folder = join(makeProject({}), "tea-shop");
    writeFiles(folder, files);
    expect(discover(folder).modules.map((m) => m.id).sort()).toEqual(["cart", "tea_shop"]);
    // Split in two by a cycle (split.ts): the rest of the folder keeps its name, its index is the entry.
    const units: Unit[] = [
      { id: "", language: "js", files: ["pkg/core/api.ts", "pkg/core/checks.ts"], nameFrom: "pkg/core" },
      { id: "", language: "js", files: ["pkg/core/index.ts"], nameFrom: "pkg/core/index.ts" },
    ];
    nameUnits(units, "kit");
    expect(units.map((u) => u.id)).toEqual(["core", "core_entry"]);
  });
});

describe("the parts", () => {
  it("masks a large file with many strings in linear time (a 280 KB file took 20 s when each string re-read the whole output)", () => {
    const lines = Array.from({ length: 8000 }, (_, i) => `const a${i} = "x" + 'y' + f(/re/) + g(1 / 2); // "c"`);
    const text = `import { z } from "./z.js";\n${lines.join("\n")}\nexport { a1 } from '../a.js';\n`;
    const started = cpuMs();
    const masked = maskSource(text, "js");
    const elapsed = cpuMs() - started;
    expect(masked.length).toBe(text.length);
    expect(masked.split("\n")[0]).toBe('import { z } from "./z.js";');
    expect(masked.split("\n")[1]).toBe("const a0 = \" \" + ' ' + f(/   ) + g(1 / 2);       ");
    expect(masked.split("\n").at(-2)).toBe("export { a1 } from '../a.js';");
    expect(elapsed).toBeLessThan(2000);
    // A long (minified) line: the look-behind reads its end, and never takes the cut for the line's start.
    const long = `${"x=1;".repeat(100)}import "./a.js";a${" ".repeat(300)}/ 2; var s = "s" / 3;`;
    expect(maskSource(long, "js")).toBe(`${"x=1;".repeat(100)}import "./a.js";a${" ".repeat(300)}/ 2; var s = " " / 3;`);
  });

  it("finds cycles of any length, iteratively", () => {
    const n = 20_000;
    const edges = new Map(Array.from({ length: n }, (_, i) => [`m${i}`, new Set([`m${(i + 1) % n}`])]));
    const components = stronglyConnected([...edges.keys()], edges);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(n);
  });

  it("layers: a conventional name decides, imports can only move a module up", () => {
    const { layer, moved } = assignLayers(
      [
        { id: "errors", segments: ["pkg", "errors"], dependsOn: [] },
        { id: "report", segments: ["pkg", "services", "report"], dependsOn: ["errors"] },
        { id: "model", segments: ["pkg", "core", "model"], dependsOn: ["report"] },
      ],
      ["errors", "report", "model"],
    );
    expect(Object.fromEntries(layer)).toEqual({ errors: "foundation", report: "services", model: "services" });
    expect(moved).toEqual(["model: named for core but imports services code, so placed in services"]);
  });

  it("layers without conventional names: sources are the foundation, sinks the interface", () => {
    const { layer } = assignLayers(
      [
        { id: "a", segments: ["a"], dependsOn: [] },
        { id: "b", segments: ["b"], dependsOn: ["a"] },
        { id: "c", segments: ["c"], dependsOn: ["b"] },
      ],
      ["a", "b", "c"],
    );
    expect(Object.fromEntries(layer)).toEqual({ a: "foundation", b: "core", c: "interface" });
  });

  it("layers where only a few modules have conventional names: the rest still go by structure, not all to the floor", () => {
    const { layer } = assignLayers(
      [
        { id: "util", segments: ["pkg", "helpers", "util"], dependsOn: [] },
        { id: "schema", segments: ["pkg", "schema"], dependsOn: ["util"] },
        { id: "checks", segments: ["pkg", "checks"], dependsOn: ["schema"] },
        { id: "index", segments: ["pkg", "index"], dependsOn: ["checks", "schema"] },
      ],
      ["util", "schema", "checks", "index"],
    );
    expect(Object.fromEntries(layer)).toEqual({ util: "foundation", schema: "core", checks: "services", index: "interface" });
  });

  it("the public surface leaves out private names and anything in strings", () => {
    const py = 'class Public:\n    def method(self):\n        pass\n\ndef _private():\n    pass\n\nTEXT = """\nclass NotReal:\n"""\nasync def fetch():\n    pass\n';
    expect(publicSurface(maskSource(py, "python"), "python")).toEqual(["Public", "fetch"]);
    const ts = "export class A {}\nexport default function b() {}\nconst c = 1;\nexport { c, d as e };\nexport type T = number;\n";
    expect(publicSurface(maskSource(ts, "js"), "js")).toEqual(["A", "b", "T", "c", "e"]);
    const cjs = "function wait() {}\nclass Late extends Error {}\nmodule.exports = wait;\nmodule.exports.default = wait;\nmodule.exports.Late = Late;\nexports.check = 1;\n";
    expect(publicSurface(maskSource(cjs, "js"), "js")).toEqual(["wait", "Late", "check"]);
  });

  it("a C++ file's surface: functions returning templates, qualified types and references, enum class, using; in named namespaces and extern \"C\", indented or not; not an anonymous namespace's, a class's members or a body's", () => {
    const header = [
      "#pragma once",
      "namespace wx {",
      "enum class TempUnit { Celsius, Kelvin };",
      "using Minutes = std::int64_t;",
      "class Store {",
      " public:",
      "  void add(const Reading& r);",
      "  const std::vector<Reading>& readings() const;",
      "};",
      "std::vector<double> rolling_mean(const std::vector<Reading>& readings, std::size_t window);",
      "std::optional<std::map<int, double>> by_hour(const Store& s);",
      "const Reading& latest(const Store& s);",
      "namespace detail {",
      "  int clamp_index(int i);",
      "}",
      "}  // namespace wx",
      'extern "C" {',
      "int wx_open(const char* path);",
      "}",
    ].join("\n");
    expect(publicSurface(maskSource(header, "c"), "c")).toEqual(["TempUnit", "Minutes", "Store", "rolling_mean", "by_hour", "latest", "clamp_index", "wx_open"]);
    const source = [
      '#include "wx/stats.hpp"',
      "namespace wx {",
      "namespace {",
      "bool leap(int y) { return y % 4 == 0; }",
      "}  // namespace",
      "static int helper(void) { return 1; }",
      "std::vector<double> rolling_mean(const std::vector<Reading>& r, std::size_t w) {",
      '  const char* brace = "{";',
      "  return out;",
      "}",
      "LoadResult Store::load(std::istream& in) { return {}; }",
      "Summary summarize(const std::vector<Reading>& readings)",
      "{",
      "  int inner(int);",
      "}",
      "}  // namespace wx",
    ].join("\n");
    expect(publicSurface(maskSource(source, "c"), "c")).toEqual(["rolling_mean", "summarize"]);
  });

  it("a package's index.js of real code is a module, even when it imports and exports nothing we read; a short empty one is a marker", () => {
    const body = Array.from({ length: 20 }, (_, i) => `globalThis.step${i} = ${i};`).join("\n");
    const root = makeProject({ "pkg/index.js": `${body}\n`, "pkg/use.js": 'require("./index.js");\n\nexport function use() {}\n', "other/index.js": "// nothing here\n" });
    const d = discover(root);
    expect(d.modules.flatMap((m) => m.files).sort()).toEqual(["pkg/index.js", "pkg/use.js"]);
    expect(d.skipped).toContainEqual({ path: "other/index.js", why: "package marker (imports and declares nothing)" });
    writeFiles(root, { "pkg/bundle.min.js": "var a=1;module.exports=a;\n" });
    expect(discover(root).skipped).toContainEqual({ path: "pkg/bundle.min.js", why: "minified code" });
  });

  it("a module's own words: a docstring or a leading comment, first sentence", () => {
    expect(leadingDoc('#!/usr/bin/env python\n"""Money as cents. Never floats."""\n', "python")).toBe("Money as cents.");
    expect(leadingDoc("/**\n * The board: squares and pieces.\n */\nexport class Board {}\n", "js")).toBe("The board: squares and pieces.");
    expect(leadingDoc("// eslint-disable-next-line\nexport const x = 1;\n", "js")).toBeUndefined();
    expect(leadingDoc("// Copyright 2026 Acme.\n\n// Package money holds amounts in cents. Never floats.\npackage money\n", "go")).toBe("Package money holds amounts in cents.");
    expect(leadingDoc("//go:build linux\n\npackage money\n", "go")).toBeUndefined();
  });

  it("a JVM file's own words: its first type's Javadoc, after a license, the package and the imports", () => {
    const java = "/*\n * Copyright 2026 Tally.\n */\npackage dev.tally.settle;\n\nimport java.util.List;\nimport java.util.Map;\n\n/** Settles balances with few transfers. Greedy. */\npublic final class Settler {\n  /** Not this one. */\n  void x() {}\n}\n";
    expect(leadingDoc(java, "java")).toBe("Settles balances with few transfers.");
    expect(leadingDoc("package dev.tally.money\n\nimport java.math.BigDecimal\n\n/**\n * Money in cents.\n */\n@JvmInline\nvalue class Money(val cents: Long)\n", "java")).toBe("Money in cents.");
    // A leading comment of its own still wins; a type without a Javadoc has none (a method's is not the file's).
    expect(leadingDoc("// Reads CSV. Fast.\npackage a;\n/** The class. */\nclass A {}\n", "java")).toBe("Reads CSV.");
    expect(leadingDoc("package a;\n\npublic class A {\n  /** A method. */\n  void m() {}\n}\n", "java")).toBeUndefined();
  });
});

describe("discover: imports of the project by its own name", () => {
  it("a JS package's own name resolves through package.json exports (any condition, built targets to src/), main, and `require('..')`", () => {
    const root = makeProject({
      "package.json": JSON.stringify({
        name: "@acme/kit",
        main: "./dist/index.js",
        exports: { ".": { types: "./dist/index.d.ts", import: "./dist/esm/index.js" }, "./mini": { "@acme/source": "./src/mini/index.ts", import: "./dist/mini.js" }, "./rules/*": "./dist/esm/rules/*.js" },
      }),
      "src/index.ts": 'export { parse } from "./parse.js";\n',
      "src/parse.ts": "export function parse(s: string) {\n  return s;\n}\n",
      "src/mini/index.ts": "export function mini() {\n  return 1;\n}\n",
      "src/rules/length.ts": "export function length() {\n  return 2;\n}\n",
      "src/types.d.mts": "export declare const x: number;\n",
      "test/parse.test.ts": 'import { parse } from "@acme/kit";\n',
      "test/mini.test.ts": 'import { mini } from "@acme/kit/mini";\nimport { length } from "@acme/kit/rules/length";\n',
      "test/cjs.test.js": 'const kit = require("..");\n',
    });
    const d = discover(root);
    const testsOf = Object.fromEntries(d.modules.map((m) => [m.id, m.tests]));
    // `src/index.ts` is the package, named as package.json names it without its scope.
    expect(testsOf).toEqual({ kit: ["test/cjs.test.js", "test/parse.test.ts"], mini: ["test/mini.test.ts"], length: [] });
    expect(d.notes).toEqual([]);
    expect(d.skipped).toContainEqual({ path: "src/types.d.mts", why: "type declarations" });
  });

  it("workspaces import each other by package name; a src layout's namespace packages (no __init__.py) resolve from src/", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"] }),
      "packages/core/package.json": JSON.stringify({ name: "@mono/core", main: "dist/index.js" }),
      "packages/core/src/index.ts": "export function core() {\n  return 1;\n}\n",
      "packages/web/package.json": JSON.stringify({ name: "@mono/web" }),
      "packages/web/src/app.ts": 'import { core } from "@mono/core";\n\nexport function app() {\n  return core();\n}\n',
      "py/pyproject.toml": '[project]\nname = "my-pkg"\n',
      "py/src/mypkg/core.py": "def a():\n    return 1\n",
      "py/src/mypkg/sub/x.py": "from mypkg.core import a\n\n\ndef b():\n    return a()\n",
      "py/tests/test_x.py": "from mypkg.sub.x import b\n",
    });
    // Each workspace package is one module named by its package.json (a Python project's by its pyproject.toml: `my-pkg`, not `py`).
    const packages = new Map(discover(root).modules.map((m) => [m.id, m]));
    expect(packages.get("web")!.dependsOn).toEqual(["core"]);
    expect(packages.get("core")!.primary).toBe("packages/core/src/index.ts");
    expect(packages.get("my_pkg")!.tests).toEqual(["py/tests/test_x.py"]);
    const byId = new Map(discover(root, { granularity: "file" }).modules.map((m) => [m.id, m]));
    // Named for the package, not its src/ folder; two `core`s take their parent folders' names.
    expect(byId.get("app")!.dependsOn).toEqual(["packages_core"]);
    expect(byId.get("packages_core")!.primary).toBe("packages/core/src/index.ts");
    expect(byId.get("x")!.dependsOn).toEqual(["mypkg_core"]);
    expect(byId.get("x")!.tests).toEqual(["py/tests/test_x.py"]);
  });
});

describe("discover: layers and primary files", () => {
  it("a `lib/` holding most of the modules is the source folder, not the foundation layer", () => {
    const modules = [
      { id: "errors", segments: ["lib", "errors"], dependsOn: [] },
      { id: "option", segments: ["lib", "option"], dependsOn: ["errors"] },
      { id: "command", segments: ["lib", "command"], dependsOn: ["option", "errors"] },
      { id: "index", segments: ["index"], dependsOn: ["command"] },
    ];
    const { layer } = assignLayers(modules, ["errors", "option", "command", "index"]);
    expect(Object.fromEntries(layer)).toEqual({ errors: "foundation", option: "core", command: "services", index: "interface" });
    // A lib/ among other folders still names its layer.
    const few = assignLayers([...modules.slice(0, 1), { id: "a", segments: ["core", "a"], dependsOn: [] }, { id: "b", segments: ["core", "b"], dependsOn: [] }], ["errors", "a", "b"]);
    expect(few.layer.get("errors")).toBe("foundation");
  });

  it("a module merged from a cycle stands for the package file over most of its code, and takes its layer from it", () => {
    const big = Array.from({ length: 30 }, (_, i) => `export function check${i}() {\n  return ${i};\n}\n`).join("");
    const root = makeProject({
      // catalog/ sorts before core/; its index is one line. Every file is in the cycle.
      "src/catalog/index.ts": 'export * from "./en.js";\n',
      "src/catalog/en.ts": 'import { check0 } from "../core/index.js";\n\nexport const message = () => check0();\n',
      "src/core/index.ts": 'export * from "./api.js";\nexport * from "./checks.js";\n',
      "src/core/api.ts": 'import { message } from "../catalog/index.js";\n\nexport function parse() {\n  return message();\n}\n',
      "src/core/checks.ts": `import { message } from "../catalog/index.js";\n\nexport const text = () => message();\n${big}`,
    });
    const [merged] = discover(root).modules;
    expect(merged!.files).toHaveLength(5);
    expect(merged!.primary).toBe("src/core/index.ts");
    // Named by its primary's folder (core), not by whichever file sorts first (api.ts, an interface name).
    expect(merged!.layer).toBe("core");
  });
});

describe("discover: the layer specs' Forbidden Imports", () => {
  const gate = (root: string) => {
    const spec = loadSpec(root);
    return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}: ${v.message}`);
  };

  it("a folder whose files are all in later layers is one rule; the gate passes on the code and fails on an import into it", () => {
    const command = (name: string) => `import { fail } from "../errors.js";\n\nexport function ${name}() {\n  return fail("${name}");\n}\n`;
    const root = makeProject({
      "src/errors.ts": 'import { bold } from "./tools/fmt.js";\n\nexport function fail(s: string) {\n  return bold(s);\n}\n',
      "src/tools/fmt.ts": "export function bold(s: string) {\n  return s;\n}\n",
      "src/tools/run.ts": 'import { add } from "../cli/add.js";\n\nexport function run() {\n  return add();\n}\n',
      ...Object.fromEntries(["add", "list", "remove", "show", "sync"].map((n) => [`src/cli/${n}.ts`, command(n)])),
    });
    const d = discover(root);
    expect(d.layers.map((l) => l.id)).toEqual(["foundation", "interface"]);
    writeFiles(root, Object.fromEntries(specFiles(d, "app")));
    const foundation = loadSpec(root).layers.find((l) => l.id === "foundation")!;
    // The folder for cli/'s five files; run.ts alone, since fmt.ts beside it is foundation.
    expect(foundation.forbiddenImports.map((r) => r.pattern)).toEqual(["src/cli/", "src/tools/run.ts"]);
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "src/tools/fmt.ts": 'import { show } from "../cli/show.js";\n\nexport function bold(s: string) {\n  return show() + s;\n}\n' });
    expect(gate(root)).toEqual([expect.stringMatching(/^src\/tools\/fmt\.ts: imports `\.\.\/cli\/show\.js`, forbidden for layer foundation by `src\/cli\/`/)]);
  });

  it("a workspace package wholly in later layers is forbidden by its name too, as its importers write it", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }),
      "packages/shared/package.json": JSON.stringify({ name: "@acme/shared", main: "dist/index.js" }),
      "packages/shared/src/index.ts": "export function newId() {\n  return 1;\n}\n",
      "packages/api/package.json": JSON.stringify({ name: "@acme/api", exports: "./dist/server.js" }),
      "packages/api/src/server.ts": 'import { newId } from "@acme/shared";\n\nexport function serve() {\n  return newId();\n}\n',
    });
    const d = discover(root);
    expect(d.modules.map((m) => [m.id, m.layer, m.dependsOn])).toEqual([
      ["shared", "foundation", []],
      ["api", "interface", ["shared"]],
    ]);
    writeFiles(root, Object.fromEntries(specFiles(d, "acme")));
    expect(loadSpec(root).layers.find((l) => l.id === "foundation")!.forbiddenImports.map((r) => r.pattern)).toEqual(["packages/api/", "@acme/api"]);
    expect(gate(root)).toEqual([]);
    writeFiles(root, { "packages/shared/src/index.ts": 'import { serve } from "@acme/api";\n\nexport function newId() {\n  return serve();\n}\n' });
    expect(gate(root)).toEqual([expect.stringMatching(/^packages\/shared\/src\/index\.ts: imports `@acme\/api`, forbidden for layer foundation by `@acme\/api`/)]);
  });
});

describe("discover: imports for type checking only", () => {
  it("make no cycle (each module stays its own) but keep the two in one layer; a type import outside a cycle is a dependency", () => {
    const root = makeProject({
      "web/client.ts": 'import { Pages } from "./pages.js";\n\nexport class Client {\n  pages = new Pages();\n}\n',
      "web/pages.ts": 'import { type Client } from "./client.js";\nimport type { Id } from "./ids.js";\n\nexport class Pages {\n  owner?: Client;\n  id?: Id;\n}\n',
      "web/ids.ts": "export type Id = string;\n",
      "shop/app.py": "from shop.ctx import Context\n\n\nclass App:\n    ctx = Context\n",
      "shop/ctx.py": "import typing as t\n\nif t.TYPE_CHECKING:\n    from shop.app import App\n\n\nclass Context:\n    app: 'App'\n",
    });
    const d = discover(root);
    expect(d.merged).toEqual([]);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(byId.get("pages")!.dependsOn).toEqual(["ids"]);
    expect(byId.get("client")!.dependsOn).toEqual(["pages"]);
    expect(byId.get("ctx")!.dependsOn).toEqual([]);
    expect(byId.get("app")!.dependsOn).toEqual(["ctx"]);
    expect(byId.get("pages")!.layer).toBe(byId.get("client")!.layer);
    expect(byId.get("ctx")!.layer).toBe(byId.get("app")!.layer);
    // The gate reads type imports as imports: it passes, since neither sits below the other.
    writeFiles(root, Object.fromEntries(specFiles(d, "mixed")));
    const spec = loadSpec(root);
    expect(spec.warnings).toEqual([]);
    expect(checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) })).toEqual([]);
  });
});
