import { describe, expect, it } from "vitest";
import { parseLog } from "../../src/logs/parse.js";

// Hand-written in the shapes the tools print, for what this machine cannot produce
// (no kotlinc, rustc too new for the old panic format, no Windows). Captured logs are
// in parse.test.ts.

describe("parseLog: forms not captured here", () => {
  it("reads the pre-1.73 Rust panic format", () => {
    const [error] = parseLog("thread 'main' panicked at 'entry does not balance', src/journal.rs:9:9\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n");
    expect(error).toMatchObject({ format: "rust", message: "entry does not balance", frames: [{ file: "src/journal.rs", line: 9, column: 9 }] });
  });

  it("reads Kotlin's compiler errors, both forms, and mypy's; warnings and notes are no errors", () => {
    const log = [
      "e: file:///build/shop/src/main/kotlin/com/acme/shop/Cart.kt:12:5 Unresolved reference: total",
      "w: file:///build/shop/src/main/kotlin/com/acme/shop/Cart.kt:3:1 Parameter 'x' is never used",
      "e: /build/shop/src/main/kotlin/com/acme/shop/Price.kt: (7, 18): Type mismatch: inferred type is Int but Long was expected",
      "shop/orders.py:41: error: Argument 1 to \"total\" has incompatible type \"str\"; expected \"int\"  [arg-type]",
      "shop/orders.py:12: note: \"total\" defined here",
      "Found 1 error in 1 file (checked 3 source files)",
    ].join("\n");
    expect(parseLog(log).map((e) => [e.format, e.message, e.frames, e.line])).toEqual([
      ["compiler", "Unresolved reference: total", [{ file: "/build/shop/src/main/kotlin/com/acme/shop/Cart.kt", line: 12, column: 5 }], 1],
      ["compiler", "Type mismatch: inferred type is Int but Long was expected", [{ file: "/build/shop/src/main/kotlin/com/acme/shop/Price.kt", line: 7, column: 18 }], 3],
      ["compiler", 'error: Argument 1 to "total" has incompatible type "str"; expected "int"  [arg-type]', [{ file: "shop/orders.py", line: 41 }], 4],
    ]);
  });

  it("reads a compiler error on a Windows path, and no error from text that only says `error:`", () => {
    const log = ["C:\\build\\shop\\src\\Cart.java:12: error: cannot find symbol", "Build failed: error: see above", "npm ERR! code 1: error: exited"].join("\n");
    expect(parseLog(log).map((e) => e.frames)).toEqual([[{ file: "C:\\build\\shop\\src\\Cart.java", line: 12 }]]);
  });

  it("maps Kotlin frames to the package path and file name", () => {
    const log = [
      'Exception in thread "main" java.lang.IllegalStateException: cannot post',
      "\tat com.acme.ledger.JournalKt.post(Journal.kt:12)",
      "\tat com.acme.ledger.MainKt.main(Main.kt:5)",
      "\tat com.acme.ledger.MainKt.main(Main.kt)",
    ].join("\n");
    const [error] = parseLog(log);
    expect(error?.frames).toEqual([
      { file: "com/acme/ledger/Journal.kt", line: 12, function: "com.acme.ledger.JournalKt.post" },
      { file: "com/acme/ledger/Main.kt", line: 5, function: "com.acme.ledger.MainKt.main" },
      { file: "com/acme/ledger/Main.kt", function: "com.acme.ledger.MainKt.main" },
    ]);
  });

  it("reads past Java's Suppressed blocks, native frames and logback's jar suffixes", () => {
    const log = [
      "com.acme.ledger.LedgerException: close failed",
      "\tat com.acme.ledger.Books.close(Books.java:40) ~[ledger.jar:1.0]",
      "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
      "\tat com.acme.ledger.Main.main(Main.java:7)",
      "\tSuppressed: java.io.IOException: flush failed",
      "\t\tat com.acme.ledger.Sink.flush(Sink.java:9)",
      "\t\t... 1 more",
      "Caused by: java.lang.ArithmeticException: / by zero",
      "\tat com.acme.ledger.Fx.rate(Fx.java:3)",
      "\t... 2 common frames omitted",
      "next line",
    ].join("\n");
    const [error] = parseLog(log);
    expect(error?.message).toBe("java.lang.ArithmeticException: / by zero");
    expect(error?.frames.map((f) => `${f.file}:${f.line}`)).toEqual([
      "com/acme/ledger/Fx.java:3",
      "com/acme/ledger/Books.java:40",
      "com/acme/ledger/Main.java:7",
    ]);
    expect(error?.endLine).toBe(10);
  });

  it("reads Windows paths in Python tracebacks as written", () => {
    const log = [
      "Traceback (most recent call last):",
      '  File "C:\\work\\ledger\\core\\journal.py", line 94, in validate_entry',
      "    raise UnbalancedEntryError(msg)",
      "ledger.errors.UnbalancedEntryError: entry X does not balance",
    ].join("\r\n");
    expect(parseLog(log)[0]?.frames).toEqual([{ file: "C:\\work\\ledger\\core\\journal.py", line: 94, function: "validate_entry" }]);
  });

  it("reads Node error codes, multi-line messages and eval frames", () => {
    const log = [
      "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:",
      "",
      "1 !== 2",
      "",
      "    at check (/srv/app/src/ledger/journal.js:3:10)",
      "    at eval (eval at run (/srv/app/src/main.js:1:1), <anonymous>:1:1)",
      "    at Array.map (<anonymous>)",
      "    at /srv/app/src/main.js:9:3 {",
      "  generatedMessage: true,",
      "  code: 'ERR_ASSERTION'",
      "}",
    ].join("\n");
    const [error, ...rest] = parseLog(log);
    expect(rest).toEqual([]);
    expect(error?.message).toBe("AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:");
    expect(error?.frames).toEqual([
      { file: "/srv/app/src/ledger/journal.js", line: 3, column: 10, function: "check" },
      { file: "/srv/app/src/main.js", line: 9, column: 3 },
    ]);
    expect(error?.endLine).toBe(11);
  });

  it("does not take a plain word above a stack for its header", () => {
    const log = ["done", "stderr", "Error: boom", "    at f (/srv/a.js:1:1)"].join("\n");
    expect(parseLog(log).map((e) => [e.line, e.message])).toEqual([[3, "Error: boom"]]);
  });

  it("reads the common ERROR line forms and their logger", () => {
    const log = [
      "2026-11-25 10:00:01,123 ERROR ledger.core.journal: entry does not balance",
      "[ERROR] ledger.core.accounts: no account 1100",
      "2026-11-25 10:00:02.000 ERROR [main] com.acme.ledger.Journal - cannot post",
      "10:00:03 ERROR [ledger.services.importer] bad row 7",
      "[2026-11-25T10:00:04Z ERROR ledger::fx] no rate for EUR",
      "CRITICAL:ledger.cli:giving up",
      "2026-11-25 10:00:05 INFO ledger.core.journal: posted INV-1",
      "ERROR: Could not find a version that satisfies the requirement ledger",
      "level=error msg=ignored",
    ].join("\n");
    expect(parseLog(log).map((e) => [e.line, e.logger, e.message])).toEqual([
      [1, "ledger.core.journal", "entry does not balance"],
      [2, "ledger.core.accounts", "no account 1100"],
      [3, "com.acme.ledger.Journal", "cannot post"],
      [4, "ledger.services.importer", "bad row 7"],
      [5, "ledger::fx", "no rate for EUR"],
      [6, "ledger.cli", "giving up"],
    ]);
  });

  it("reads a Go trace copied from its running goroutine on, with the tabs turned into spaces", () => {
    const pasted = "goroutine 1 [running]:\ngithub.com/acme/snapr/internal/prune.(*Policy).Apply(...)\n\t/home/ci/snapr/internal/prune/policy.go:88 +0x1d4\nmain.main()\n\t/home/ci/snapr/main.go:12 +0x1d\n";
    expect(parseLog(pasted)).toEqual([{
      format: "go",
      message: "goroutine 1 [running]",
      line: 1,
      endLine: 5,
      frames: [
        { file: "/home/ci/snapr/internal/prune/policy.go", line: 88, function: "github.com/acme/snapr/internal/prune.(*Policy).Apply" },
        { file: "/home/ci/snapr/main.go", line: 12, function: "main.main" },
      ],
    }]);
    const spaced = parseLog("goroutine 7 [running]:\nmain.main()\n    main.go:12 +0x1d");
    expect(spaced[0]?.frames).toEqual([{ file: "main.go", line: 12, function: "main.main" }]);
    // A goroutine that was not running is no error of its own.
    expect(parseLog("goroutine 9 [chan receive]:\nmain.worker()\n\tmain.go:30 +0x2a")).toEqual([]);
  });

  it("passes over the other goroutines GOTRACEBACK=all prints after a panic's, running ones too", () => {
    const log = [
      "panic: boom",
      "",
      "goroutine 1 [running]:",
      "main.main()",
      "\t/app/main.go:12 +0x1d",
      "",
      "goroutine 6 [running]:",
      "main.spin()",
      "\t/app/spin.go:4 +0x10",
      "",
      "goroutine 7 [select]:",
      "main.wait()",
      "\t/app/wait.go:9 +0x22",
      "exit status 2",
    ].join("\n");
    expect(parseLog(log).map((e) => [e.message, e.line, e.endLine, e.frames.map((f) => f.file)])).toEqual([["boom", 1, 13, ["/app/main.go"]]]);
  });

  it("reads a Go fatal error and a panic with no goroutine trace", () => {
    const errors = parseLog("fatal error: all goroutines are asleep - deadlock!\n\npanic: boom [recovered]\n");
    expect(errors.map((e) => [e.format, e.message, e.frames.length])).toEqual([
      ["go", "fatal error: all goroutines are asleep - deadlock!", 0],
      ["go", "boom", 0],
    ]);
  });

  it("ignores GitHub Actions timestamps and returns nothing for a clean log", () => {
    const log = "2026-11-25T10:00:00.1234567Z Traceback (most recent call last):\n" +
      '2026-11-25T10:00:00.1234568Z   File "/home/runner/work/ledger/ledger/ledger/cli.py", line 3, in main\n' +
      "2026-11-25T10:00:00.1234569Z ValueError: bad";
    expect(parseLog(log)[0]).toMatchObject({ message: "ValueError: bad", frames: [{ line: 3 }] });
    expect(parseLog("all good\n3 passed\n")).toEqual([]);
    expect(parseLog("")).toEqual([]);
  });

  it("ends a traceback cut off before its exception line", () => {
    const errors = parseLog('Traceback (most recent call last):\n  File "/a/ledger/cli.py", line 3, in main\n\nERROR ledger.cli: later\n');
    expect(errors.map((e) => [e.format, e.line, e.endLine])).toEqual([
      ["python", 1, 2],
      ["line", 4, 4],
    ]);
  });
});
