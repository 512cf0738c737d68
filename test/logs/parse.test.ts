import { describe, expect, it } from "vitest";
import { excerptLog } from "../../src/logs/excerpt.js";
import { parseLog } from "../../src/logs/parse.js";
import { fixture } from "./helpers.js";

const BUILD = "/tmp/logcap/home/ci/build";
const WEB = "file:///tmp/logcap/home/ci/web/src";

describe("parseLog: Python (captured, CPython 3.11.7)", () => {
  it("reads a traceback innermost first", () => {
    const [error, ...rest] = parseLog(fixture("python-traceback.log"));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      format: "python",
      message: "ledger.errors.UnbalancedEntryError: entry ACR-2026-11 does not balance: USD 50.00",
      line: 1,
      endLine: 12,
    });
    expect(error?.frames.map((f) => `${f.file}:${f.line} ${f.function}`)).toEqual([
      `${BUILD}/ledger/core/journal.py:94 validate_entry`,
      `${BUILD}/ledger/core/journal.py:132 post`,
      `${BUILD}/scripts/close_month.py:14 close`,
      `${BUILD}/scripts/close_month.py:24 main`,
      `${BUILD}/scripts/close_month.py:28 <module>`,
    ]);
  });

  it("reads a traceback pasted without its header, indented or at the margin: frames innermost first, the exception line its message", () => {
    const indented = parseLog(["the nightly close fails", '  File "scripts/close_month.py", line 14, in close', "    journal.post(entry)", '  File "ledger/core/journal.py", line 94, in post', "    raise UnbalancedEntryError(entry)", "ledger.errors.UnbalancedEntryError: entry X does not balance", "thanks"].join("\n"));
    expect(indented).toHaveLength(1);
    expect(indented[0]).toMatchObject({ format: "python", message: "ledger.errors.UnbalancedEntryError: entry X does not balance", line: 2, endLine: 6 });
    expect(indented[0]?.frames.map((f) => `${f.file}:${f.line} ${f.function}`)).toEqual(["ledger/core/journal.py:94 post", "scripts/close_month.py:14 close"]);
    // Copied with the indent lost: the source lines sit at the margin too and are not the message.
    const margin = parseLog(['File "ledger/services/importer.py", line 19, in read_rows', "for row in csv.DictReader(handle):", "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff"].join("\n"));
    expect(margin).toHaveLength(1);
    expect(margin[0]).toMatchObject({ message: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff", frames: [{ file: "ledger/services/importer.py", line: 19, function: "read_rows" }] });
    // With its header it is one traceback, not a headed one and a header-less one.
    expect(parseLog(["Traceback (most recent call last):", '  File "a.py", line 1, in f', "    g()", '  File "b.py", line 2, in g', "    raise E", "E: x"].join("\n"))).toHaveLength(1);
  });

  it("reads a chain (direct cause, then an error while handling it) as one error, root cause first", () => {
    const errors = parseLog(fixture("python-chained.log"));
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error?.message).toBe("ledger.errors.UnbalancedEntryError: entry BNK-0311 does not balance: USD 0.45");
    expect(error?.chain).toEqual([
      "ledger.errors.UnbalancedEntryError: entry BNK-0311 does not balance: USD 0.45",
      "ledger.errors.CsvImportError: line 2: entry BNK-0311 does not balance: USD 0.45",
      "KeyError: 'account'",
    ]);
    expect(error?.frames[0]).toEqual({ file: `${BUILD}/ledger/core/journal.py`, line: 94, function: "validate_entry" });
    expect(error?.frames.map((f) => `${f.file.replace(`${BUILD}/`, "")}:${f.line}`)).toEqual([
      "ledger/core/journal.py:94",
      "ledger/services/importer.py:83",
      "ledger/services/importer.py:85",
      "ledger/services/importer.py:92",
      "scripts/import_bank.py:23",
      "scripts/import_bank.py:14",
      "scripts/import_bank.py:25",
      "scripts/import_bank.py:29",
    ]);
    expect(error).toMatchObject({ line: 1, endLine: 30 });
  });

  it("reads logging's ERROR lines (timestamped and default formats) and the traceback logger.exception adds", () => {
    for (const name of ["python-logging.log", "python-logging-default.log"]) {
      const errors = parseLog(fixture(name));
      expect(errors.map((e) => [e.format, e.line, e.logger ?? null, e.message])).toEqual([
        ["line", 6, "ledger.core.journal", "entry INV-2 rejected: entry INV-2 does not balance: USD 5.00"],
        ["line", 7, "ledger.core.journal", "entry RENT-11 rejected: no account '1100' in the chart"],
        ["line", 9, "ledger.core.journal", "lookup failed"],
        ["python", 10, null, "ledger.errors.UnknownEntryError: no entry 'INV-9' in the journal"],
      ]);
      expect(errors[3]?.frames[0]).toEqual({ file: `${BUILD}/ledger/core/journal.py`, line: 153, function: "get" });
      expect(errors.every((e) => e.format !== "line" || e.frames.length === 0)).toBe(true);
    }
  });

  it("keeps standard-library frames (mapping drops them)", () => {
    const [error] = parseLog(fixture("python-stdlib-only.log"));
    expect(error?.message).toBe("json.decoder.JSONDecodeError: Expecting value: line 1 column 21 (char 20)");
    expect(error?.frames[0]?.file).toBe("/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py");
    expect(error?.frames.at(-1)).toEqual({ file: "/tmp/logcap/other/fetch_rates.py", line: 8, function: "<module>" });
  });

  it("reads CRLF logs the same", () => {
    const text = fixture("python-traceback.log");
    expect(parseLog(text.replace(/\n/g, "\r\n"))).toEqual(parseLog(text));
  });
});

describe("parseLog: Node and TypeScript (captured, Node 20.20.2)", () => {
  it("reads an ESM stack, drops node:internal frames and skips the source excerpt above it", () => {
    const [error, ...rest] = parseLog(fixture("node-stack.log"));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      format: "node",
      message: "TypeError: Cannot read properties of undefined (reading 'currency')",
      line: 5,
    });
    expect(error?.frames).toEqual([
      { file: `${WEB}/ledger/accounts.mjs`, line: 8, column: 23, function: "currencyOf" },
      { file: `${WEB}/ledger/journal.mjs`, line: 5, column: 30, function: "post" },
      { file: `${WEB}/main.mjs`, line: 3, column: 1 },
    ]);
  });

  it("reads an async stack, without the async marker", () => {
    const [error] = parseLog(fixture("node-async.log"));
    expect(error?.message).toBe("RangeError: entry INV-2 does not balance: 1");
    expect(error?.frames).toEqual([
      { file: `${WEB}/ledger/journal.mjs`, line: 24, column: 26, function: "check" },
      { file: `${WEB}/ledger/journal.mjs`, line: 16, column: 17, function: "postAll" },
      { file: `${WEB}/nightly.mjs`, line: 4, column: 3, function: "run" },
      { file: `${WEB}/nightly.mjs`, line: 10, column: 1 },
    ]);
  });

  it("reads an error with a [cause] as a chain, the cause's frames first", () => {
    const errors = parseLog(fixture("node-cause.log"));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe("TypeError: Cannot read properties of undefined (reading 'currency')");
    expect(errors[0]?.chain).toEqual([
      "TypeError: Cannot read properties of undefined (reading 'currency')",
      "Error: cannot import bank.csv",
    ]);
    expect(errors[0]?.frames.map((f) => `${f.file.replace(`${WEB}/`, "")}:${f.line}`)).toEqual([
      "ledger/accounts.mjs:8",
      "ledger/journal.mjs:5",
      "cause.mjs:5",
      "cause.mjs:11",
      "cause.mjs:7",
      "cause.mjs:11",
    ]);
    expect(errors[0]?.endLine).toBe(18);
  });

  it("reads CommonJS paths and source-mapped TypeScript paths as written", () => {
    const [cjs] = parseLog(fixture("node-cjs.log"));
    expect(cjs?.frames[0]).toEqual({
      file: "/tmp/logcap/home/ci/api/dist/ledger/journal.js",
      line: 9,
      column: 19,
      function: "Journal.post",
    });
    const [ts] = parseLog(fixture("typescript-sourcemap.log"));
    expect(ts?.message).toBe("Error: entry INV-1 does not balance: 10");
    expect(ts?.frames).toEqual([
      { file: "/tmp/logcap/home/ci/api/src/ledger/journal.ts", line: 12, column: 13, function: "Journal.post" },
      { file: "/tmp/logcap/home/ci/api/src/main.ts", line: 4, column: 9, function: "Object.<anonymous>" },
    ]);
  });
});

describe("parseLog: Java (captured, OpenJDK 17.0.15)", () => {
  it("reads Caused by as a chain, root cause first, frames as package paths", () => {
    const [error, ...rest] = parseLog(fixture("java-caused-by.log"));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      format: "java",
      message: "java.lang.IllegalArgumentException: no account 1100 in the chart",
      chain: ["java.lang.IllegalArgumentException: no account 1100 in the chart", "java.lang.IllegalStateException: cannot post RENT-11"],
      line: 1,
      endLine: 9,
    });
    expect(error?.frames).toEqual([
      { file: "com/acme/ledger/Accounts.java", line: 11, function: "com.acme.ledger.Accounts.currencyOf" },
      { file: "com/acme/ledger/Journal.java", line: 12, function: "com.acme.ledger.Journal.lambda$post$0" },
      { file: "java/lang/Iterable.java", line: 75, function: "java.lang.Iterable.forEach" },
      { file: "com/acme/ledger/Journal.java", line: 12, function: "com.acme.ledger.Journal.post" },
      { file: "com/acme/ledger/Journal.java", line: 14, function: "com.acme.ledger.Journal.post" },
      { file: "com/acme/ledger/Main.java", line: 8, function: "com.acme.ledger.Main.main" },
    ]);
  });
});

describe("parseLog: Go (captured, go 1.19.8)", () => {
  it("reads a panic's goroutine trace, innermost first, without call arguments", () => {
    const [error] = parseLog(fixture("go-panic.log"));
    expect(error).toMatchObject({ format: "go", message: "assignment to entry in nil map", line: 1, endLine: 7 });
    expect(error?.frames).toEqual([
      {
        file: "/tmp/logcap/home/ci/ledger-go/journal/journal.go",
        line: 22,
        function: "github.com/acme/ledger/journal.(*Journal).Post",
      },
      { file: "/tmp/logcap/home/ci/ledger-go/main.go", line: 15, function: "main.main" },
    ]);
  });

  it("reads runtime errors, inlined frames and `created by`", () => {
    const [index] = parseLog(fixture("go-index-panic.log"));
    expect(index?.message).toBe("runtime error: index out of range [5] with length 2");
    expect(index?.frames[0]).toEqual({
      file: "/tmp/logcap/home/ci/ledger-go/journal/journal.go",
      line: 26,
      function: "github.com/acme/ledger/journal.First",
    });
    const [goroutine] = parseLog(fixture("go-goroutine-panic.log"));
    expect(goroutine?.frames.map((f) => `${f.function} ${f.line}`)).toEqual([
      "github.com/acme/ledger/journal.(*Journal).Post 20",
      "main.main.func1 15",
      "main.main 12",
    ]);
  });
});

describe("parseLog: a Go server's recovered handler panic (captured, go 1.19.8)", () => {
  it("starts at net/http's `http: panic serving` line, whose message it is, and the excerpt keeps that line", () => {
    const text = fixture("go-http-panic.log");
    const errors = parseLog(text);
    expect(errors.map((e) => [e.format, e.message, e.line, e.endLine])).toEqual([["go", "runtime error: index out of range [-1]", 2, 21]]);
    expect(errors[0]?.frames.slice(0, 3).map((f) => `${f.function} ${f.line}`)).toEqual([
      "net/http.(*conn).serve.func1 1850",
      "panic 890",
      "example.com/shipyard/internal/store.(*Store).Last 76",
    ]);
    expect(excerptLog(text, errors).split("\n").slice(0, 3)).toEqual([
      "…",
      "2026/12/04 22:24:46 http: panic serving 127.0.0.1:42072: runtime error: index out of range [-1]",
      "goroutine 5 [running]:",
    ]);
  });
});

describe("parseLog: go test (captured, go 1.19.8)", () => {
  it("reads each failed test with its file:line under the package of its FAIL line, and a test's panic", () => {
    const errors = parseLog(fixture("go-test.log"));
    expect(errors.map((e) => [e.message, e.line, e.endLine])).toEqual([
      ["TestPost failed", 1, 1],
      ["assignment to entry in nil map", 2, 19],
      ["TestAdd: Add(100, 250) = -150, want 350", 21, 22],
      ["TestAddTable: got -1, want 3", 23, 25],
    ]);
    expect(errors[2]?.frames).toEqual([{ file: "github.com/acme/books/money/money_test.go", line: 7, function: "TestAdd" }]);
    expect(errors[3]?.frames).toEqual([{ file: "github.com/acme/books/money/money_test.go", line: 15, function: "TestAddTable" }]);
  });

  it("reads -v output, where a test's messages come before its --- FAIL line", () => {
    const errors = parseLog(fixture("go-test-v.log")).filter((e) => e.message.startsWith("Test"));
    expect(errors.map((e) => [e.message, e.frames.map((f) => `${f.file}:${f.line}`)])).toEqual([
      ["TestPost failed", []],
      ["TestAdd: Add(100, 250) = -150, want 350", ["github.com/acme/books/money/money_test.go:7"]],
      ["TestAddTable: got -1, want 3", ["github.com/acme/books/money/money_test.go:15"]],
    ]);
  });
});

describe("parseLog: Rust (captured, rustc/cargo 1.95.0)", () => {
  it("reads a panic without a backtrace: the location is the frame; cargo's warnings are no error", () => {
    const errors = parseLog(fixture("rust-panic.log"));
    expect(errors).toEqual([
      {
        format: "rust",
        message: "entry INV-1 does not balance: 10",
        frames: [{ file: "src/journal.rs", line: 9, column: 9 }],
        line: 12,
        endLine: 14,
      },
    ]);
  });

  it("strips ANSI colour codes", () => {
    expect(parseLog(fixture("rust-panic-color.log"))).toEqual(parseLog(fixture("rust-panic.log")));
  });

  it("reads RUST_BACKTRACE=1 frames as printed", () => {
    const [error] = parseLog(fixture("rust-backtrace.log"));
    expect(error?.message).toBe("entry INV-1 does not balance: 10");
    expect(error?.frames.map((f) => `${f.function} ${f.file}:${f.line}`)).toEqual([
      "__rustc::rust_begin_unwind /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689",
      "core::panicking::panic_fmt /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:80",
      "ledger::journal::post ./src/journal.rs:9",
      "ledger::main ./src/main.rs:7",
      "core::ops::function::FnOnce::call_once /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250",
    ]);
    expect(error?.endLine).toBe(25);
  });
});

describe("parseLog: a Rust error report (anyhow's `{:?}` of the error `main` returned, RUST_BACKTRACE=1)", () => {
  const report = [
    "Error: failed to restore the cache",
    "",
    "Caused by:",
    "    0: archive is empty",
    "    1: unexpected end of file",
    "",
    "Stack backtrace:",
    "   0: anyhow::error::<impl anyhow::Error>::msg",
    "             at /home/ci/.cargo/registry/src/index.crates.io-6f17d22bba15001f/anyhow-1.0.86/src/error.rs:83:36",
    "   1: cache::restore::unpack",
    "             at ./crates/cache/src/restore.rs:41:9",
    "   2: sandbox::job::prepare",
    "             at ./crates/sandbox/src/job.rs:77:5",
    "done.",
  ].join("\n");

  // Written as anyhow 1.0 prints it (not captured: no crates registry on the machine it was written on).
  it("reads its frames innermost first and its causes root first", () => {
    const [error, ...rest] = parseLog(report);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ format: "rust", message: "unexpected end of file", chain: ["unexpected end of file", "archive is empty", "failed to restore the cache"], line: 1, endLine: 13 });
    expect(error?.frames.map((f) => `${f.function} ${f.file}:${f.line}`).slice(1)).toEqual(["cache::restore::unpack ./crates/cache/src/restore.rs:41", "sandbox::job::prepare ./crates/sandbox/src/job.rs:77"]);
  });

  it("is no stack without frames, nor with other lines between", () => {
    expect(parseLog("Error: failed to restore the cache\n\nCaused by:\n    archive is empty\n").every((e) => e.frames.length === 0)).toBe(true);
    expect(parseLog("Error: x\nsome other line\n   0: f\n             at ./src/a.rs:1:1\n").some((e) => e.format === "rust" && e.line === 1)).toBe(false);
  });
});

describe("parseLog: compiler errors (captured: javac 17, Maven 3.8, tsc 5.9, gcc 12)", () => {
  it("reads javac's error with its source line, caret and details as one error", () => {
    expect(parseLog(fixture("javac-error.log"))).toEqual([
      {
        format: "compiler",
        message: "error: method currencyOf in class Accounts cannot be applied to given types;",
        frames: [{ file: "src/main/java/com/acme/ledger/Journal.java", line: 12 }],
        line: 1,
        endLine: 6,
      },
    ]);
  });

  it("reads Maven's `[ERROR] path:[line,column]` errors, and its `[ERROR]   required:` lines as theirs, not as loggers", () => {
    const errors = parseLog(fixture("maven-error.log"));
    const at = { file: "/tmp/logcap/home/ci/ledger-java/src/main/java/com/acme/ledger/Journal.java", line: 12, column: 43 };
    const message = "method currencyOf in class com.acme.ledger.Accounts cannot be applied to given types;";
    // Maven prints the error in its summary and again in the goal's failure.
    expect(errors).toEqual([
      { format: "compiler", message, frames: [at], line: 2, endLine: 5 },
      { format: "compiler", message, frames: [at], line: 7, endLine: 10 },
    ]);
  });

  it("reads tsc's errors, plain and --pretty (colours, excerpts), alike", () => {
    const plain = parseLog(fixture("tsc-error.log"));
    expect(plain.map((e) => [e.format, e.message, e.frames])).toEqual([
      ["compiler", "error TS2322: Type 'number' is not assignable to type 'string'.", [{ file: "src/main.ts", line: 3, column: 7 }]],
      ["compiler", "error TS2353: Object literal may only specify known properties, and 'amount' does not exist in type 'Posting'.", [{ file: "src/main.ts", line: 4, column: 62 }]],
    ]);
    expect(parseLog(fixture("tsc-pretty.log")).map((e) => [e.format, e.message, e.frames])).toEqual(plain.map((e) => [e.format, e.message, e.frames]));
  });

  it("reads gcc's error with its excerpt; the `In function` line before it is no error", () => {
    expect(parseLog(fixture("gcc-error.log"))).toEqual([
      { format: "compiler", message: "error: ‘const struct posting’ has no member named ‘amount’; did you mean ‘account’?", frames: [{ file: "src/journal.c", line: 5, column: 56 }], line: 2, endLine: 5 },
    ]);
  });
});

describe("parseLog: several errors in one log (captured CI script)", () => {
  it("returns every error in log order", () => {
    const errors = parseLog(fixture("ci-mixed.log"));
    expect(errors.map((e) => [e.format, e.line, e.message])).toEqual([
      ["python", 3, "ledger.errors.UnbalancedEntryError: entry ACR-2026-11 does not balance: USD 50.00"],
      ["node", 21, "RangeError: entry INV-2 does not balance: 1"],
      ["go", 30, "assignment to entry in nil map"],
    ]);
  });
});
