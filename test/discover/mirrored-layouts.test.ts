import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { validationOf } from "../../src/validate/discover.js";
import { makeProject } from "../helpers/project.js";

/** The module gates `plan` would discover for the tree `init --from-code` writes: each module owns its files and its tests. */
function moduleGates(root: string): string[] {
  const d = discover(root);
  const modules = d.modules.map((m) => ({ id: m.id, files: [...m.files, ...m.tests] }));
  const spec = { layers: d.layers.map((l) => l.id), modules, frontMatterValidation: false, frontMatterChecks: false, importRules: false, ownsPython: true };
  return validationOf(root, spec, {}).discovered.filter((x) => x.level === "module").map((x) => `${x.target}: ${x.check.run}`);
}

describe("discover: tests in a tree of their own, as module gates", () => {
  it("a Python src layout's tests/ mirroring the package: each module's gate runs the test attached to it", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "tally"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      "src/tally/__init__.py": "",
      "src/tally/core/__init__.py": "",
      "src/tally/core/money.py": "class Money:\n    cents = 0\n",
      "src/tally/core/entry.py": "from .money import Money\n\n\nclass Entry:\n    amount = Money()\n",
      "src/tally/report/__init__.py": "",
      "src/tally/report/sheet.py": "from ..core.entry import Entry\n\n\ndef sheet(entries):\n    return [Entry() for _ in entries]\n",
      "tests/core/test_money.py": "from tally.core.money import Money\n\n\ndef test_zero():\n    assert Money().cents == 0\n",
      "tests/report/test_sheet.py": "from tally.report.sheet import sheet\n\n\ndef test_empty():\n    assert sheet([]) == []\n",
    });
    // Before: none, since no test is named `tests/test_money.py` or sits beside its code.
    expect(moduleGates(root)).toEqual(["money: python3 -m pytest -q tests/core/test_money.py", "sheet: python3 -m pytest -q tests/report/test_sheet.py"]);
  });

  it("an npm workspace package's __tests__ beside its src/: the package's gate runs them", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"], scripts: { test: "vitest run" } }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core" }),
      "packages/core/src/index.ts": 'export * from "./money";\n',
      "packages/core/src/money.ts": "export const zero = 0;\n",
      "packages/db/package.json": JSON.stringify({ name: "@acme/db", dependencies: { "@acme/core": "*" } }),
      "packages/db/src/index.ts": 'import { zero } from "@acme/core";\n\nexport const start = zero;\n',
      "packages/db/__tests__/start.test.ts": 'import { start } from "../src/index";\n\nif (start !== 0) throw new Error("start");\n',
    });
    expect(moduleGates(root)).toEqual(["db: npm test -- packages/db/__tests__/start.test.ts"]);
  });

  it("a module of two tests, a package's __tests__/ and a spec beside its code: its gate runs both, as its agent is told both must pass", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"], scripts: { test: "vitest run" } }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core" }),
      "packages/core/src/index.ts": 'export * from "./money";\nexport * from "./order";\n',
      "packages/core/src/money.ts": "export const zero = 0;\n",
      "packages/core/src/order.ts": 'import { zero } from "./money";\n\nexport const total = zero;\n',
      "packages/core/__tests__/money.test.ts": 'import { zero } from "../src/money";\n\nif (zero !== 0) throw new Error("zero");\n',
      "packages/core/src/order.spec.ts": 'import { total } from "./order";\n\nif (total !== 0) throw new Error("total");\n',
      "packages/db/package.json": JSON.stringify({ name: "@acme/db" }),
      "packages/db/src/index.ts": 'import { zero } from "@acme/core";\n\nexport const start = zero;\n',
    });
    // Before: `npm test -- packages/core/__tests__/money.test.ts` alone.
    expect(moduleGates(root)).toEqual(["core: npm test -- packages/core/__tests__/money.test.ts packages/core/src/order.spec.ts"]);
  });
});

describe("discover: a test in the package of the code it tests", () => {
  it("a Java package split by a cycle through another: a test goes to the part holding the class it is named for", () => {
    const main = "app/src/main/java/com/acme/depot";
    const test = "app/src/test/java/com/acme/depot";
    const java = (pkg: string, cls: string, imports: string[] = []) => `package com.acme.depot.${pkg};\n\n${imports.map((i) => `import com.acme.depot.${i};\n`).join("")}\npublic class ${cls} {}\n`;
    const root = makeProject({
      "pom.xml": "<project/>\n",
      "app/pom.xml": "<project/>\n",
      // config/Wiring -> persistence/JdbcStore -> config/Settings: each folder is split in two.
      [`${main}/config/Wiring.java`]: java("config", "Wiring", ["persistence.JdbcStore"]),
      [`${main}/config/Settings.java`]: java("config", "Settings"),
      [`${main}/persistence/JdbcStore.java`]: java("persistence", "JdbcStore", ["config.Settings"]),
      [`${main}/persistence/SystemClock.java`]: java("persistence", "SystemClock"),
      // Same package as what they test: no import names it.
      [`${test}/config/WiringTest.java`]: java("config", "WiringTest"),
      [`${test}/persistence/JdbcStoreTest.java`]: java("persistence", "JdbcStoreTest"),
      [`${test}/persistence/SystemClockTests.java`]: java("persistence", "SystemClockTests"),
    });
    const d = discover(root);
    const testsOf = Object.fromEntries(d.modules.map((m) => [m.files.map((f) => f.split("/").at(-1)).join(","), m.tests.map((t) => t.split("/").at(-1))]));
    // Before: WiringTest with Settings, JdbcStoreTest with SystemClock (each package's first part).
    expect(testsOf).toEqual({ "Settings.java": [], "Wiring.java": ["WiringTest.java"], "JdbcStore.java": ["JdbcStoreTest.java"], "SystemClock.java": ["SystemClockTests.java"] });
  });

});

describe("discover: Python test helpers", () => {
  it("conftest.py and a tests/ helper are shared by the tests: attached to no module, with a note", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "tally"\n',
      "tally/money.py": "class Money:\n    cents = 0\n",
      "tally/entry.py": "from tally.money import Money\n\n\nclass Entry:\n    amount = Money()\n",
      "tally/ledger.py": "from tally.entry import Entry\n\n\nclass Ledger:\n    entries: list[Entry] = []\n",
      // Fixtures for every test: they import what they build, one file each.
      "tests/conftest.py": "import pytest\n\nfrom tally.entry import Entry\nfrom tally.ledger import Ledger\n\n\n@pytest.fixture\ndef ledger():\n    return Ledger()\n",
      "tests/factories.py": "from tally.money import Money\n\n\ndef money():\n    return Money()\n",
      "tests/test_ledger.py": "from tally.ledger import Ledger\n\n\ndef test_empty(ledger):\n    assert ledger.entries == []\n",
    });
    const d = discover(root);
    // Before: conftest.py with `entry`, whose gate and agent it is not, factories.py with `money`.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.tests]))).toEqual({ money: [], entry: [], ledger: ["tests/test_ledger.py"] });
    expect(d.notes).toEqual(["tests/conftest.py: a test helper the tests share, attached to no module", "tests/factories.py: a test helper the tests share, attached to no module"]);
  });
});

describe("discover: names in a monorepo's packages", () => {
  it("two packages' folders of one name are told apart by the package, not its src/ (`core_utils`, not `core_src_utils`)", () => {
    /** A package over 12 files, so grouped by its folders: an index, a `utils/` of 7 and a `parts/` of 6. */
    const pkg = (name: string) => ({
      [`packages/${name}/package.json`]: JSON.stringify({ name: `@acme/${name}` }),
      [`packages/${name}/src/index.ts`]: 'export * from "./parts/index";\n',
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`packages/${name}/src/utils/u${i}.ts`, `export const u${i} = ${i};\n`])),
      ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`packages/${name}/src/parts/p${i}.ts`, `import { u${i} } from "../utils/u${i}";\n\nexport const p${i} = u${i};\n`])),
      [`packages/${name}/src/parts/index.ts`]: Array.from({ length: 6 }, (_, i) => `export * from "./p${i}";\n`).join(""),
    });
    const root = makeProject({ "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"] }), ...pkg("core"), ...pkg("server") });
    const ids = discover(root).modules.map((m) => m.id).sort();
    // Before: `core_src_utils`, `server_src_utils`.
    expect(ids.filter((id) => id.endsWith("utils"))).toEqual(["core_utils", "server_utils"]);
  });
});

describe("discover: what is left of a folder split by a cycle", () => {
  it("a few files that import none of one another, left when the package's index split off, are a module each, not one named for the longest", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"] }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core" }),
      // index -> domain/ -> money, ids, errors beside the index: the folder src/ splits in two.
      "packages/core/src/index.ts": 'export * from "./money";\nexport * from "./ids";\nexport * from "./errors";\nexport * from "./domain/index";\n',
      "packages/core/src/money.ts": "export interface Money {\n  cents: number;\n}\n",
      "packages/core/src/ids.ts": "export function nextId(prefix: string) {\n  return `${prefix}_1`;\n}\n",
      "packages/core/src/errors.ts": "export class DomainError extends Error {\n  constructor(public code: string) {\n    super(code);\n  }\n}\n",
      "packages/core/src/domain/index.ts": 'export * from "./order";\nexport * from "./customer";\n',
      "packages/core/src/domain/order.ts": 'import type { Money } from "../money";\nimport { nextId } from "../ids";\nimport { DomainError } from "../errors";\n\nexport class Order {\n  id = nextId("o");\n  total?: Money;\n  check() {\n    throw new DomainError("x");\n  }\n}\n',
      ...Object.fromEntries(["customer", "address", "cart", "refund", "invoice", "shipment", "payment", "tax", "coupon", "stock", "review"].map((n) => [`packages/core/src/domain/${n}.ts`, `import { nextId } from "../ids";\n\nexport const ${n} = nextId("${n}");\n`])),
      "packages/db/package.json": JSON.stringify({ name: "@acme/db" }),
      "packages/db/src/index.ts": 'import { Order } from "@acme/core";\n\nexport const saved: Order[] = [];\n',
    });
    const d = discover(root);
    const files = Object.fromEntries(d.modules.map((m) => [m.id, m.files.map((f) => f.replace("packages/core/src/", ""))]));
    // Before: one module `errors` of errors.ts, ids.ts and money.ts.
    expect(files).toMatchObject({ money: ["money.ts"], ids: ["ids.ts"], errors: ["errors.ts"], core: ["index.ts"] });
  });
});

describe("discover: a multi-project Gradle build's module gates", () => {
  it("run the test task of the subproject holding the test: `./gradlew :core:test --tests MoneyTest`", () => {
    const main = (m: string, pkg: string, cls: string, imports: string[] = []) => ({
      [`${m}/src/main/java/com/acme/${pkg}/${cls}.java`]: `package com.acme.${pkg};\n\n${imports.map((i) => `import com.acme.${i};\n`).join("")}\npublic class ${cls} {}\n`,
    });
    const test = (m: string, pkg: string, cls: string) => ({ [`${m}/src/test/java/com/acme/${pkg}/${cls}Test.java`]: `package com.acme.${pkg};\n\npublic class ${cls}Test {}\n` });
    const root = makeProject({
      "settings.gradle.kts": 'include("core", "api")\n',
      "build.gradle.kts": "",
      gradlew: "#!/bin/sh\n",
      "core/build.gradle.kts": "",
      "api/build.gradle.kts": "",
      ...main("core", "money", "Money"),
      ...test("core", "money", "Money"),
      ...main("api", "web", "MoneyController", ["money.Money"]),
      ...test("api", "web", "MoneyController"),
    });
    // Before: `./gradlew test --tests MoneyTest`, whose :api:test finds no MoneyTest and fails.
    expect(moduleGates(root)).toEqual(["money: ./gradlew :core:test --tests MoneyTest", "web: ./gradlew :api:test --tests MoneyControllerTest"]);
  });
});

describe("discover: Kotlin files not named for what they declare", () => {
  it("an import of a class or extension function in `NoteDtos.kt` is a dependency on its package's module", () => {
    const B = "src/main/kotlin/com/acme/notes";
    const root = makeProject({
      "build.gradle.kts": "",
      [`${B}/domain/Note.kt`]: "package com.acme.notes.domain\n\ndata class Note(val id: String, val title: String)\n",
      [`${B}/domain/Errors.kt`]: 'package com.acme.notes.domain\n\nclass NoteNotFound(id: String) : RuntimeException("no note $id")\n',
      [`${B}/web/dto/NoteDtos.kt`]: "package com.acme.notes.web.dto\n\nimport com.acme.notes.domain.Note\n\ndata class NoteResponse(val id: String, val title: String)\n\nfun Note.toResponse() = NoteResponse(id, title)\n",
      [`${B}/web/NoteController.kt`]: "package com.acme.notes.web\n\nimport com.acme.notes.domain.Note\nimport com.acme.notes.domain.NoteNotFound\nimport com.acme.notes.web.dto.NoteResponse\nimport com.acme.notes.web.dto.toResponse\n\nclass NoteController {\n    fun get(n: Note?): NoteResponse = n?.toResponse() ?: throw NoteNotFound(\"x\")\n}\n",
    });
    const d = discover(root);
    const byId = Object.fromEntries(d.modules.map((m) => [m.id, m]));
    // Before: web depended on domain alone (by Note.kt), and dto provided `Note` for its extension's receiver.
    expect(byId.web!.dependsOn.sort()).toEqual(["domain", "dto"]);
    expect(byId.dto!.provides).toEqual(["NoteResponse", "toResponse"]);
  });
});

describe("discover: a program's entry point", () => {
  it("a Spring Boot application nothing imports (it finds the rest by scanning) is the interface, not the foundation", () => {
    const B = "src/main/kotlin/com/acme/notes";
    const root = makeProject({
      "build.gradle.kts": "",
      [`${B}/NotesApplication.kt`]: "package com.acme.notes\n\nimport org.springframework.boot.autoconfigure.SpringBootApplication\nimport org.springframework.boot.runApplication\n\n@SpringBootApplication\nclass NotesApplication\n\nfun main(args: Array<String>) {\n    runApplication<NotesApplication>(*args)\n}\n",
      [`${B}/domain/Note.kt`]: "package com.acme.notes.domain\n\ndata class Note(val id: String)\n",
      [`${B}/service/NoteService.kt`]: "package com.acme.notes.service\n\nimport com.acme.notes.domain.Note\n\nclass NoteService {\n    fun make() = Note(\"1\")\n}\n",
      [`${B}/web/NoteController.kt`]: "package com.acme.notes.web\n\nimport com.acme.notes.service.NoteService\n\nclass NoteController(val notes: NoteService)\n",
      "src/main/java/com/acme/tools/Export.java": "package com.acme.tools;\n\npublic class Export {\n    public static void main(String[] args) {}\n}\n",
    });
    const layer = Object.fromEntries(discover(root).modules.map((m) => [m.id, m.layer]));
    // Before: both in the foundation, for importing nothing of the project's.
    expect(layer).toEqual({ notes: "interface", tools: "interface", domain: "core", service: "services", web: "interface" });
  });
});

describe("discover: a version folder", () => {
  it("is named with its parent: Go's pkg/api/v1/ is api_v1, not v1", () => {
    const root = makeProject({
      "go.mod": "module example.com/relay\n\ngo 1.22\n",
      "pkg/api/v1/types.go": "package v1\n\ntype PublishRequest struct{ Topic string }\n",
      "pkg/api/v2/types.go": 'package v2\n\nimport v1 "example.com/relay/pkg/api/v1"\n\ntype PublishRequest struct {\n\tv1.PublishRequest\n\tKey string\n}\n',
      "cmd/relayctl/main.go": 'package main\n\nimport v2 "example.com/relay/pkg/api/v2"\n\nfunc main() { _ = v2.PublishRequest{} }\n',
    });
    const deps = Object.fromEntries(discover(root).modules.map((m) => [m.id, m.dependsOn]));
    // Before: `v1` and `v2`.
    expect(deps).toEqual({ api_v1: [], api_v2: ["api_v1"], relayctl: ["api_v2"] });
  });
});

describe("discover: a Python src layout with its tests in a top tests/ mirroring src/<pkg>/", () => {
  it("a test goes with the file its path mirrors, its rows from a conftest fixture; `store/index.py` is `index`, not the package", () => {
    const root = makeProject({
      "pyproject.toml": '[project]\nname = "quarry"\n',
      "src/quarry/__init__.py": "",
      "src/quarry/store/__init__.py": "",
      "src/quarry/query/__init__.py": "",
      "src/quarry/store/rows.py": "class Rows:\n    def __init__(self):\n        self.items = []\n",
      "src/quarry/store/index.py": "from quarry.store.rows import Rows\n\ndef index_by(rows: Rows, key):\n    return {r[key]: r for r in rows.items}\n",
      "src/quarry/query/sort.py": "def order(rows, key):\n    return sorted(rows, key=lambda r: r[key])\n",
      "src/quarry/cli.py": "from quarry.store.rows import Rows\nfrom quarry.query.sort import order\n\ndef main():\n    print(order(Rows().items, 'a'))\n",
      "tests/conftest.py": "import pytest\nfrom quarry.store.rows import Rows\n\n@pytest.fixture\ndef rows():\n    return Rows()\n",
      "tests/store/test_rows.py": "def test_empty(rows):\n    assert rows.items == []\n",
      "tests/store/test_index.py": "from quarry.store.index import index_by\n\ndef test_index(rows):\n    assert index_by(rows, 'a') == {}\n",
      "tests/query/test_sort.py": "def test_order(rows):\n    assert rows.items == []\n",
    });
    const d = discover(root);
    // Before: `src/quarry/store/index.py` was the module `store`, as if it were the package's `__init__.py`.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.tests]))).toEqual({ rows: ["tests/store/test_rows.py"], index: ["tests/store/test_index.py"], sort: ["tests/query/test_sort.py"], cli: [] });
  });
});
