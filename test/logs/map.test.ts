import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import type { SpecTree } from "../../src/spec/types.js";
import { LEDGER, fixture, specOf } from "./helpers.js";

function mapped(name: string, spec: SpecTree) {
  return mapLogToModules(parseLog(fixture(name)), spec);
}

describe("mapLogToModules: captured logs, paths from another machine", () => {
  it("maps a Python traceback to the innermost owned frame's module", () => {
    expect(mapped("python-traceback.log", LEDGER)).toEqual({
      modules: ["journal"],
      frames: [
        { file: "ledger/core/journal.py", line: 94, module: "journal" },
        { file: "ledger/core/journal.py", line: 132, module: "journal" },
      ],
      unmatched: false,
    });
  });

  it("maps a chained traceback: root cause's module first, then the wrapping module", () => {
    const result = mapped("python-chained.log", LEDGER);
    expect(result.modules).toEqual(["journal", "importer"]);
    expect(result.frames[0]).toEqual({ file: "ledger/core/journal.py", line: 94, module: "journal" });
  });

  it("maps logger names by dotted path, and the logged traceback too", () => {
    for (const name of ["python-logging.log", "python-logging-default.log"]) {
      const result = mapped(name, LEDGER);
      expect(result.modules).toEqual(["journal"]);
      expect(result.frames).toEqual([
        { file: "ledger/core/journal.py", module: "journal" },
        { file: "ledger/core/journal.py", line: 153, module: "journal" },
      ]);
    }
  });

  it("says unmatched when only the standard library and unowned scripts appear", () => {
    expect(mapped("python-stdlib-only.log", LEDGER)).toEqual({ modules: [], frames: [], unmatched: true });
    expect(mapLogToModules([], LEDGER)).toEqual({ modules: [], frames: [], unmatched: true });
  });

  it("maps file:// URLs of a Node project, innermost first, and the [cause] chain", () => {
    const web = specOf({
      accounts: ["src/ledger/accounts.mjs"],
      journal: ["src/ledger/journal.mjs"],
      app: ["src/main.mjs", "src/nightly.mjs", "src/cause.mjs"],
    });
    expect(mapped("node-stack.log", web).modules).toEqual(["accounts", "journal", "app"]);
    expect(mapped("node-async.log", web).frames[0]).toEqual({ file: "src/ledger/journal.mjs", line: 24, module: "journal" });
    expect(mapped("node-cause.log", web).modules).toEqual(["accounts", "journal", "app"]);
  });

  it("maps source-mapped TypeScript to the .ts owner, and compiled output to the TypeScript it came from, without its line", () => {
    const api = specOf({ journal: ["src/ledger/journal.ts"], app: ["src/main.ts"] });
    expect(mapped("typescript-sourcemap.log", api).frames).toEqual([
      { file: "src/ledger/journal.ts", line: 12, module: "journal" },
      { file: "src/main.ts", line: 4, module: "app" },
    ]);
    expect(mapped("node-cjs.log", api).frames).toEqual([
      { file: "src/ledger/journal.ts", module: "journal" },
      { file: "src/main.ts", module: "app" },
    ]);
  });

  it("maps Java package paths to the owned Maven paths", () => {
    const jvm = specOf({
      accounts: ["src/main/java/com/acme/ledger/Accounts.java"],
      journal: ["src/main/java/com/acme/ledger/Journal.java"],
      app: ["src/main/java/com/acme/ledger/Main.java"],
    });
    const result = mapped("java-caused-by.log", jvm);
    expect(result.modules).toEqual(["accounts", "journal", "app"]);
    expect(result.frames[0]).toEqual({ file: "src/main/java/com/acme/ledger/Accounts.java", line: 11, module: "accounts" });
  });

  it("maps go test failures to the module owning the test's package folder, listed or not", () => {
    const books = specOf({ money: ["money/money.go"], journal: ["journal/journal.go", "journal/journal_test.go"] });
    const result = mapped("go-test.log", books);
    expect(result.modules).toEqual(["journal", "money"]);
    expect(result.frames).toContainEqual({ file: "money/money_test.go", line: 7, module: "money" });
    // Another folder's file of the same name is not the package's.
    expect(mapped("go-test.log", specOf({ other: ["other/money.go"] })).unmatched).toBe(true);
  });

  it("prefers the longest owned suffix (cmd/worker/main.go over main.go)", () => {
    const go = specOf({ journal: ["journal/journal.go"], app: ["main.go"], worker: ["cmd/worker/main.go"] });
    expect(mapped("go-goroutine-panic.log", go).modules).toEqual(["journal", "worker"]);
    expect(mapped("go-panic.log", go).frames).toEqual([
      { file: "journal/journal.go", line: 22, module: "journal" },
      { file: "main.go", line: 15, module: "app" },
    ]);
  });

  it("maps Rust's relative paths and skips the standard library's /rustc/ frames", () => {
    const rust = specOf({ journal: ["src/journal.rs"], app: ["src/main.rs"] });
    expect(mapped("rust-panic.log", rust)).toEqual({
      modules: ["journal"],
      frames: [{ file: "src/journal.rs", line: 9, module: "journal" }],
      unmatched: false,
    });
    expect(mapped("rust-backtrace.log", rust).modules).toEqual(["journal", "app"]);
    // A workspace member: rustc prints crate-relative paths, which are the tail of one owned path.
    const workspace = specOf({ journal: ["crates/ledger/src/journal.rs"], app: ["crates/ledger/src/main.rs"] });
    expect(mapped("rust-panic.log", workspace).modules).toEqual(["journal"]);
  });

  it("maps a cargo workspace's panic and a rustc error to the crates' modules", () => {
    const shop = specOf({
      shop_core: ["crates/shop-core/src/lib.rs", "crates/shop-core/src/cart/mod.rs", "crates/shop-core/src/cart/line.rs", "crates/shop-core/src/money.rs"],
      shop_cli: ["crates/shop-cli/src/main.rs", "crates/shop-cli/src/commands.rs"],
    });
    expect(mapped("rust-workspace-backtrace.log", shop).modules).toEqual(["shop_core", "shop_cli"]);
    const [error, ...rest] = parseLog(fixture("rustc-error.log"));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      format: "rust",
      message: "error[E0061]: this method takes 0 arguments but 1 argument was supplied",
      frames: [
        { file: "crates/shop-core/src/cart/mod.rs", line: 17, column: 66 },
        { file: "crates/shop-core/src/cart/line.rs", line: 12, column: 12 },
      ],
    });
    expect(mapped("rustc-error.log", shop)).toMatchObject({ modules: ["shop_core"], frames: [{ file: "crates/shop-core/src/cart/mod.rs", line: 17, module: "shop_core" }, { file: "crates/shop-core/src/cart/line.rs", line: 12, module: "shop_core" }] });
  });

  it("maps compiler errors to the module owning the file: javac's relative path, Maven's absolute one, tsc's and gcc's", () => {
    const java = specOf({ journal: ["src/main/java/com/acme/ledger/Journal.java"], accounts: ["src/main/java/com/acme/ledger/Accounts.java"] });
    for (const log of ["javac-error.log", "maven-error.log"]) {
      expect(mapped(log, java)).toMatchObject({ modules: ["journal"], unmatched: false });
    }
    expect(mapped("tsc-error.log", specOf({ main: ["src/main.ts"], journal: ["src/ledger/journal.ts"] }))).toMatchObject({ modules: ["main"], frames: [{ file: "src/main.ts", line: 3, module: "main" }, { file: "src/main.ts", line: 4, module: "main" }] });
    expect(mapped("gcc-error.log", specOf({ journal: ["src/journal.c", "src/journal.h"] }))).toMatchObject({ modules: ["journal"] });
  });

  it("puts each error's own module before callers across a multi-error log", () => {
    const polyglot = specOf({
      journal: ["ledger/core/journal.py", "src/ledger/journal.mjs"],
      scripts: ["scripts/close_month.py"],
      nightly: ["src/nightly.mjs"],
      go_journal: ["journal/journal.go"],
    });
    const result = mapped("ci-mixed.log", polyglot);
    expect(result.modules).toEqual(["journal", "go_journal", "scripts", "nightly"]);
  });
});

describe("mapLogToModules: paths and loggers", () => {
  const frameError = (file: string) => parseLog(`Traceback (most recent call last):\n  File "${file}", line 7, in f\nValueError: x`);

  it("matches Windows paths and Windows file URLs", () => {
    expect(mapLogToModules(frameError("C:\\work\\ledger\\core\\journal.py"), LEDGER).modules).toEqual(["journal"]);
    const node = parseLog("Error: x\n    at f (file:///C:/work/ledger/core/journal.py:7:1)");
    expect(mapLogToModules(node, LEDGER).frames).toEqual([{ file: "ledger/core/journal.py", line: 7, module: "journal" }]);
  });

  it("matches an installed copy of the project's own package, and no other installed file, even with an owned path at its tail", () => {
    // The project's package as pip installed it (a library's bug in an application's traceback).
    for (const file of ["/home/ci/.venv/lib/python3.12/site-packages/ledger/core/journal.py", "/usr/lib/python3/dist-packages/ledger/core/journal.py"]) {
      expect(mapLogToModules(frameError(file), LEDGER).frames).toEqual([{ file: "ledger/core/journal.py", line: 7, module: "journal" }]);
    }
    const srcLayout = specOf({ journal: ["src/ledger/core/journal.py"] });
    expect(mapLogToModules(frameError("/usr/lib/python3/dist-packages/ledger/core/journal.py"), srcLayout).modules).toEqual(["journal"]);
    for (const file of [
      // Another package whose tail looks like an owned path.
      "/home/ci/.venv/lib/python3.12/site-packages/books/core/journal.py",
      "/usr/lib/python3/dist-packages/journal.py",
      "/srv/app/node_modules/ledger/core/journal.py",
      "/usr/lib/python3.12/ledger/core/journal.py",
    ]) {
      expect(mapLogToModules(frameError(file), LEDGER)).toEqual({ modules: [], frames: [], unmatched: true });
    }
    expect(mapLogToModules(frameError("/usr/lib/python3/dist-packages/journal.py"), specOf({ journal: ["journal.py"] })).unmatched).toBe(true);
  });

  it("makes paths under the spec's root relative", () => {
    const spec = specOf({ journal: ["ledger/core/journal.py"] }, "/work/project");
    expect(mapLogToModules(frameError("/work/project/ledger/core/journal.py"), spec).modules).toEqual(["journal"]);
  });

  it("does not guess between two owners of the same relative tail", () => {
    const twoCrates = specOf({ a: ["crates/a/src/lib.rs"], b: ["crates/b/src/lib.rs"] });
    const [error] = parseLog("thread 'main' panicked at src/lib.rs:3:5:\nboom\n");
    expect(mapLogToModules(error ? [error] : [], twoCrates).unmatched).toBe(true);
  });

  it("resolves loggers: packages, Java classes, Rust targets, module ids", () => {
    const spec = specOf({
      journal: ["ledger/core/journal.py"],
      importer: ["ledger/services/importer/__init__.py"],
      books: ["src/main/java/com/acme/ledger/Books.java"],
      fx: ["src/fx.rs"],
      order_book: ["lib/matching.py"],
    });
    const log = [
      "ERROR ledger.core.journal: a",
      "ERROR ledger.services.importer: b",
      "ERROR [main] com.acme.ledger.Books - c",
      "[2026-11-25T10:00:04Z ERROR ledger::fx] d",
      "ERROR app.order-book: e",
      "ERROR __main__: f",
      "ERROR urllib3.connectionpool: g",
    ].join("\n");
    const result = mapLogToModules(parseLog(log), spec);
    expect(result.modules).toEqual(["journal", "importer", "books", "fx", "order_book"]);
    expect(result.frames.map((f) => f.file)).toEqual([
      "ledger/core/journal.py",
      "ledger/services/importer/__init__.py",
      "src/main/java/com/acme/ledger/Books.java",
      "src/fx.rs",
      "lib/matching.py",
    ]);
  });
});
