import { parseCAssert } from "./c-assert.js";
import { parseCCheck } from "./c-check.js";
import { parseCompiler } from "./compiler.js";
import { parseGo } from "./go.js";
import { parseGoTest } from "./go-test.js";
import { parseDotnet } from "./dotnet.js";
import { parseElixir } from "./elixir.js";
import { parseJava } from "./java.js";
import { parseJest } from "./jest.js";
import { jsonDocument, jsonStack } from "./json-stack.js";
import { logfmtStack } from "./logfmt.js";
import { parseLine } from "./line.js";
import { cut, wholeLines, type LineParser, type LogView } from "./lines.js";
import { parseNode } from "./node.js";
import { parseNative } from "./native.js";
import { parseNodeTap } from "./node-tap.js";
import { parsePhp } from "./php.js";
import { parsePython, parsePythonFrames } from "./python.js";
import { parsePytest } from "./pytest.js";
import { parseRspec } from "./rspec.js";
import { parseRuby } from "./ruby.js";
import { parseRust, parseRustReport } from "./rust.js";
import { parseRustc } from "./rustc.js";
import { parseSwift } from "./swift.js";
import type { LogError } from "./types.js";
import { unwrap } from "./wrappers.js";

// Java before Node: both start with a `Name: message` line; the `at` lines differ. A Rust error report
// (`Error: msg`, then `0: fn` lines over `at file:line`) before both: Node reads its `at` lines as frames of its own.
// A Python traceback without its header right after those with one: their frames are theirs.
// Compiler errors before plain `ERROR name: msg` lines (Maven's `[ERROR]   required: String` is no logger);
// those last, so a stack's own lines are never read as one.
// A jest or vitest report before Node: it holds a stack of its own, after a code frame. PHP's `#0 file(12):`
// frames before the native `#0 0x... in fn file:12`.
const PARSERS: LineParser[] = [
  parsePython, parsePythonFrames, parsePytest, parseRustReport, parseJava, parseJest, parseNode, parseNodeTap, parseDotnet, parseGoTest, parseGo,
  parseRust, parseRustc, parseRspec, parseRuby, parseElixir, parsePhp, parseSwift, parseNative, parseCAssert, parseCompiler, parseCCheck, parseLine,
];

/**
 * Every error in a log, in log order: Python tracebacks, pytest failures, Node/V8 (and `node --test`'s TAP) and JVM stack traces,
 * `go test` failures, Go and Rust panics (and the anyhow or eyre report of an error `main` returned), Rust compiler errors (`error[E0061]` and its `-->`), Ruby backtraces and RSpec's failures, the errors of javac, Maven,
 * tsc, Kotlin, gcc/clang and mypy (logs/compiler.ts), .NET and Elixir exceptions, PHP errors, sanitizer, gdb and valgrind backtraces, C's failed `assert()` and C/C++ tests' failed checks (logs/c-check.ts), Swift crashes, jest and
 * vitest reports, stacks inside JSON records (and a log that is one JSON event) and logfmt lines, the call that logged when a
 * JSON, logfmt or console line names it (`caller=tax.go:88`), and `ERROR logger: message` lines. ANSI codes, CRLF
 * and what collectors write before each line (logs/wrappers.ts) are ignored. Pure; lines that are none of these are skipped.
 */
export function parseLog(text: string): LogError[] {
  return jsonDocument(text, readStack) ?? parseWith(text, WITH_JSON);
}

const readStack = (text: string) => parseWith(text, PARSERS);

// A JSON record's or logfmt line's stack is read with the other parsers: a record inside a record is not looked into.
const WITH_JSON: LineParser[] = [jsonStack(readStack), logfmtStack(readStack), ...PARSERS];

function parseWith(text: string, parsers: readonly LineParser[]): LogError[] {
  const whole = wholeLines(text);
  const written = whole.map(cut);
  const view: LogView = { written, whole };
  const lines = written.map(unwrap);
  const errors: LogError[] = [];
  let i = 0;
  while (i < lines.length) {
    const match = firstMatch(parsers, lines, i, view);
    if (match) {
      errors.push(match.error);
      i = Math.max(match.next, i + 1);
    } else {
      i++;
    }
  }
  return errors;
}

function firstMatch(parsers: readonly LineParser[], lines: readonly string[], at: number, view: LogView) {
  for (const parse of parsers) {
    const match = parse(lines, at, view);
    if (match) return match;
  }
  return undefined;
}
