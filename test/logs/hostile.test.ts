import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OrchestrateError } from "../../src/errors.js";
import { excerptLog } from "../../src/logs/excerpt.js";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { LOG_MAX_BYTES, readLog } from "../../src/logs/read.js";
import { makeProject } from "../helpers/project.js";
import { specOf } from "./helpers.js";
import { cpuMs } from "../helpers/cpu-time.js";

// A hang check, not a benchmark: the cubic and quadratic patterns these replace took
// seconds to hours on inputs of this size; a linear parser takes milliseconds. Bounded in the
// test thread's CPU time (helpers/cpu-time.ts): the machine's load does not count.
const BOUND_MS = 2_000;
const KB = 1024;

const spaces = (n: number) => " ".repeat(n);
/** Adversarial inputs aimed at each parser's patterns, 100 KB to 1 MB each. */
const HOSTILE: Record<string, string> = {
  "a log of spaces": spaces(1024 * KB),
  "lines of spaces": `${spaces(100)}\n`.repeat(10 * KB),
  "node: `at` then spaces and a letter": `Error: x\n    at ${spaces(100 * KB)}x\n`,
  "node: repeated `at (`": `Error: x\n    at ${"at (".repeat(50 * KB)}\n`,
  "node: repeated `at (` lines": `Error: x\n${`    at ${"at (".repeat(200)}\n`.repeat(500)}`,
  "node: colons and digits": `Error: x\n    at f (${":1".repeat(100 * KB)}x)\n`,
  "node: a brace then spaces": `Error: x\n    at f (a.js:1:2) {${spaces(100 * KB)}x\n`,
  "python: frame with spaces": `Traceback (most recent call last):\n  File "a.py", line 1, in f${spaces(100 * KB)}x\n`,
  "python: repeated line markers": `Traceback (most recent call last):\n  File "${'", line 1, in f'.repeat(10 * KB)}${spaces(10 * KB)}x\n`,
  "java: long names": `a.B: x\n\tat ${"a.".repeat(100 * KB)}(${"a".repeat(KB)}\n`,
  "java: header of dotted names": `${"a.B".repeat(50 * KB)}!\n\tat a.B.c(B.java:1)\n`,
  "go test: --- FAIL lines and no package line": "--- FAIL: TestX (0.00s)\n".repeat(5 * KB),
  "go test: -v lines before each --- FAIL": `=== RUN   TestX\n${"    x_test.go:1: m\n".repeat(300)}--- FAIL: TestX (0.00s)\n`.repeat(50),
  "go: colons in the file line": `panic: x\n\ngoroutine 1 [running]:\nmain.f()\n\t${":1 ".repeat(50 * KB)}x\n`,
  "rust: old form with many quotes": `thread 'main' panicked at '${"', a".repeat(50 * KB)}x\n`,
  "rust: error reports of cause lines": `Error: x\nCaused by:\n${"    0: y\n".repeat(39)}`.repeat(300),
  "rust: an error report's frame of colons": `Error: x\n   0: f\n     at ${":1".repeat(100 * KB)}x\n`,
  "rust: new form with many colons": `thread 'main' panicked at ${":1".repeat(100 * KB)}x\n`,
  "vitest: summary lines and failed tests of digits": `${" ❯ a.test.ts (1 test | 1 failed)\n"}${`   × ${" 1".repeat(1000)}${"9".repeat(2000)}x\n`.repeat(100)}`.repeat(10),
  "logfmt: many fields": `level=error ${"a=b ".repeat(100 * KB)}\n`,
  "logfmt: escapes in a stack field": `level=error msg=x stack="${"\\\\n".repeat(100 * KB)}"\n`,
  "logfmt: an unclosed quote": `level=error a=1 b="${"x ".repeat(100 * KB)}\n`.repeat(4),
  "logfmt: a caller of colons": `level=error msg=x caller=${":1".repeat(100 * KB)}\n`,
  "json: a caller of colons": `{"level":"error","caller":"${":1".repeat(100 * KB)}"}\n`,
  "console: a level then colons": `2026-01-02 ERROR ${"a:1".repeat(100 * KB)}\n`.repeat(4),
  "syslog: brackets after the header": `<11>1 2026-01-02T03:04:05Z h a p m ${"[a]".repeat(100 * KB)}\n`,
  "swift: frames of ` at `": `0 0x1 ${" at ".repeat(100 * KB)}a.swift:1\n`.repeat(4),
  "swift: a fatal error of files": `Fatal error: ${": file a.swift, line ".repeat(30 * KB)}1\n`,
  "swift: a new fatal error without a colon": `${"a.swift".repeat(100 * KB)}: Fatal error: x\n`,
  "rspec: a rerun line of `.rb` segments": `rspec ./${"a.rb:".repeat(50 * KB)} # x\n`,
  "rspec: examples that never end": `  1) x\n     Failure/Error: y\n${"     expected: 1\n".repeat(2 * KB)}`.repeat(50),
  "rspec: headers without a failure": "  1) x\n".repeat(50 * KB),
  "line: logger of dots": `ERROR a${".b.".repeat(50 * KB)}: boom\n`,
  "line: logger of segments": `ERROR ${"a.".repeat(100 * KB)}a: boom\n`,
  "line: bracketed levels": `[${"ERROR a ".repeat(20 * KB)}\n`,
  "compiler: colons before an error marker": `${":1".repeat(50 * KB)}: error: x\n`.repeat(4),
  "compiler: tsc parentheses": `${"(1,".repeat(30 * KB)}): error TS1: x\n`,
  "compiler: maven brackets": `[ERROR] ${":[1".repeat(30 * KB)}] x\n`,
  "compiler: kotlin parentheses": `e: ${": (1".repeat(30 * KB)}): x\n`,
  "compiler: error lines and detail lines": `a.c:1:1: error: x\n${"  detail\n".repeat(20 * KB)}`.repeat(4),
  "pipe: fields of levels": `${"ERROR | ".repeat(100 * KB)}\n`,
  "pipe: one long name field": `t | ${"a.".repeat(100 * KB)} | ERROR | x\n`,
  "pipe: many short lines": `${"t | a | ERROR |".repeat(200)}\n`.repeat(500),
  "dash: level then a long name": `[ERROR] ${"a.".repeat(100 * KB)}x - y\n`,
  "dash: level then spaces": `ERROR${spaces(100 * KB)}x\n`,
  "json: deep nesting": `{"level":"error","logger":"a","x":${"[".repeat(50 * KB)}${"]".repeat(50 * KB)}}\n`,
  "json: long string fields": `{"level":"error","name":"${"a".repeat(100 * KB)}","msg":"${"\\\"".repeat(50 * KB)}"}\n`,
  "json: error lines with long dotted loggers": `{"level":"error","logger":"${"a.".repeat(1000)}b","msg":"x"}\n`.repeat(200),
  "json: braces on every line": `${"{".repeat(1000)}}\n`.repeat(500),
  "pytest: a header then location-like lines": `____ t ____\n${"a.py:1: x\n".repeat(50 * KB)}`,
  "pytest: a line of .py: and colons": `${"a.py:".repeat(100 * KB)}1: X\n`,
  "pytest: a summary of node ids": `FAILED ${"a.py::".repeat(100 * KB)} y\n`,
  "pytest: underscores and spaces": `${"_ ".repeat(100 * KB)}___\n`,
  "tap: a YAML block of stack lines": `not ok 1 - t\n  ---\n  stack: |-\n${`    f (${":1".repeat(200)})\n`.repeat(5000)}`,
  "tap: many failing tests": "not ok 1 - t\n  ---\n  error: 'x'\n".repeat(20 * KB),
  "wrappers: compose columns on every line": `${"api-1  | ".repeat(20 * KB)}\n`.repeat(4),
  "wrappers: a timestamp then digits": `2026-01-02 03:04:05${"1".repeat(100 * KB)} x\n`,
  "wrappers: syslog stamps then names": `Jan 02 03:04:05 ${"a".repeat(100 * KB)} b[1]: x\n`,
  "json: a record of many multi-line strings": `{"level":"error",${Array.from({ length: 5000 }, (_, i) => `"k${i}":"Error: x\\n    at f (a.js:1:1)"`).join(",")}}\n`,
  "json: a deep document": `{\n${'{"a":'.repeat(50 * KB)}1${"}".repeat(50 * KB)}\n}`,
  "json: a document of frame objects": `{"frames":[\n${'{"filename":"a.py","lineno":1},'.repeat(20 * KB)}{}]}`,
  "python: blank lines between frames": `Traceback (most recent call last):\n${"\n".repeat(100 * KB)}x\n`,
  "dotnet: a header of dotted names": `${"a.".repeat(100 * KB)}Exception: x\n   at f() in a.cs:line 1\n`,
  "dotnet: frames of `) in ` repeats": `System.Exception: x\n${`   at f${") in ".repeat(1000)}:line 1\n`.repeat(200)}`,
  "dotnet: frames without a file": `System.Exception: x\n${`   at ${"a".repeat(3000)}()\n`.repeat(300)}`,
  "php: a fatal error of ` in ` repeats": `PHP Fatal error: ${" in a.php:1".repeat(30 * KB)} on line 1\n`,
  "php: message lines above `Stack trace:`": `${"x\n".repeat(3)}Stack trace:\n${"#0 a.php(1): f()\n".repeat(50 * KB)}`,
  "php: frames of parentheses": `x\nStack trace:\n${`#0 ${"(1): ".repeat(800)}\n`.repeat(200)}`,
  "native: gdb frames of ` at ` repeats": `${`#0 ${" at ".repeat(1000)}a.c:1\n`.repeat(200)}`,
  "native: valgrind lines of ` (` repeats": `==1==    at 0x1: ${" (".repeat(50 * KB)})\n`,
  "native: many frame-zero lines": "#0 0x1 in f a.c:1:1\n".repeat(50 * KB),
  "c assert: a function of colons before no Assertion": `a.c:1: ${": ".repeat(2000)}Assertion \`x\n`.repeat(100),
  "c check: a long path without an extension": `${"a/".repeat(100 * KB)}x.cpp:1: y\n`,
  "c check: many places of no failure": "a.cpp:1: warning: x\n".repeat(50 * KB),
  "jest: a staircase of bullets": Array.from({ length: 5 * KB }, (_, i) => `${" ".repeat((i % 400) + 1)}● a`).join("\n"),
  "vitest: FAIL lines and arrows": `${" FAIL  a.ts > b\n".repeat(10 * KB)}${` ❯ ${"a ".repeat(1000)}\n`.repeat(500)}`,
  "wrappers and json: a compose column before each record": `${'api-1  | {"level":"error","stack":"Error: x\\n    at f (a.js:1:1)"}\n'.repeat(5 * KB)}`,
  "elixir: a frame of parentheses and dots": `** (E) x\n${`    (${"a.".repeat(1000)} ${"1.".repeat(900)}) ${"a.ex".repeat(100)}:1\n`.repeat(100)}`,
  "elixir: headers and no frames": "** (E) x\n".repeat(50 * KB),
  "ansi: unterminated escapes": "\u001b]".repeat(100 * KB),
  "one megabyte line": "x".repeat(1024 * KB),
};

describe("log parsers on hostile input", () => {
  const spec = specOf({ core: ["a/b.py", "src/x.ts"] });
  // Declared loggers and an owned folder: the mapper's logger and folder lookups run too.
  spec.modules[0]!.loggers = ["a.a.a", "DATA.SCHWAB"];
  spec.modules[0]!.files.push("a/");
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`${name}: parsed, mapped and excerpted within ${BOUND_MS} ms of CPU`, () => {
      const started = cpuMs();
      const errors = parseLog(text);
      mapLogToModules(errors, spec);
      excerptLog(text, errors);
      expect(cpuMs() - started).toBeLessThan(BOUND_MS);
    });
  }
});

describe("readLog caps what it reads", () => {
  it("reads the last bytes of a log larger than the cap and says so", () => {
    const root = makeProject({});
    const tail = "Traceback (most recent call last):\n  File \"a/b.py\", line 3, in f\nValueError: late\n";
    writeFileSync(join(root, "big.log"), `${"noise line\n".repeat(Math.ceil(LOG_MAX_BYTES / 11) + 10)}${tail}`);
    const log = readLog(root, "big.log");
    expect(log.text.length).toBeLessThanOrEqual(LOG_MAX_BYTES);
    expect(log.errors.map((e) => e.message)).toEqual(["ValueError: late"]);
    expect(log.truncated).toMatch(/^The log is larger than 8 MB: only its last 8 MB are read$/);
  });

  it("a small log is read whole, with no note", () => {
    const root = makeProject({});
    writeFileSync(join(root, "small.log"), "ERROR a.b: boom\n");
    expect(readLog(root, "small.log").truncated).toBeUndefined();
  });

  it("/dev/zero ends quickly with LOG_UNREADABLE", () => {
    const started = cpuMs();
    let thrown: unknown;
    try {
      readLog("/tmp", "/dev/zero");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OrchestrateError);
    expect((thrown as OrchestrateError).code).toBe("LOG_UNREADABLE");
    expect((thrown as OrchestrateError).describe()).toBe("/dev/zero: Cannot read log `/dev/zero`: not a regular file and longer than 8 MB; save the log to a file and pass that");
    expect(cpuMs() - started).toBeLessThan(BOUND_MS);
  });
});
