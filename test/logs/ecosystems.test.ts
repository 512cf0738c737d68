import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { specOf } from "./helpers.js";

// Hand-written in the shapes .NET, PHP, sanitizers, gdb, valgrind, jest and vitest print:
// none of these toolchains is on this machine.
const lines = (...text: string[]) => text.join("\n");
const places = (log: string) => parseLog(log).map((e) => [e.format, e.message, e.frames.map((f) => `${f.file}:${f.line ?? ""}`)]);

describe(".NET exceptions", () => {
  it("reads an unhandled exception: frames with a file, innermost first, those without symbols left out", () => {
    const log = lines(
      "Unhandled exception. System.InvalidOperationException: Sequence contains no elements",
      "   at System.Linq.ThrowHelper.ThrowNoElementsException()",
      "   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)",
      "   at Shop.Billing.TaxTable.RateFor(String region) in /src/Billing/TaxTable.cs:line 27",
      "   at Shop.Api.Controllers.InvoiceController.Get(Int32 id) in C:\\shop\\src\\Api\\Controllers\\InvoiceController.cs:line 17",
      "next",
    );
    expect(places(log)).toEqual([
      ["dotnet", "System.InvalidOperationException: Sequence contains no elements", ["/src/Billing/TaxTable.cs:27", "C:\\shop\\src\\Api\\Controllers\\InvoiceController.cs:17"]],
    ]);
    expect(parseLog(log)[0]?.frames[0]?.function).toBe("Shop.Billing.TaxTable.RateFor");
  });

  it("reads an inner exception as the root cause, and ASP.NET Core's indented report", () => {
    const inner = lines(
      "Unhandled exception. Shop.Api.ApiException: invoice 7 failed",
      " ---> System.Collections.Generic.KeyNotFoundException: The given key 'XX' was not present in the dictionary.",
      "   at Shop.Billing.TaxTable.RateFor(String region) in /src/Billing/TaxTable.cs:line 27",
      "   --- End of inner exception stack trace ---",
      "   at Shop.Api.Controllers.InvoiceController.Get(Int32 id) in /src/Api/Controllers/InvoiceController.cs:line 21",
    );
    expect(places(inner)).toEqual([
      ["dotnet", "System.Collections.Generic.KeyNotFoundException: The given key 'XX' was not present in the dictionary.", ["/src/Billing/TaxTable.cs:27", "/src/Api/Controllers/InvoiceController.cs:21"]],
    ]);
    const aspnet = lines(
      "fail: Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware[1]",
      "      An unhandled exception has occurred while executing the request.",
      "      System.NullReferenceException: Object reference not set to an instance of an object.",
      "         at Shop.Billing.InvoiceService.Total(Invoice invoice) in /src/Billing/InvoiceService.cs:line 42",
      "         at lambda_method5(Closure, Object, Object[])",
      "      --- End of stack trace from previous location ---",
      "         at Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddlewareImpl.Invoke(HttpContext context)",
    );
    expect(places(aspnet)).toEqual([["dotnet", "System.NullReferenceException: Object reference not set to an instance of an object.", ["/src/Billing/InvoiceService.cs:42"]]]);
  });

  it("leaves JVM and V8 stacks to their parsers", () => {
    expect(parseLog(lines("java.lang.IllegalStateException: x", "\tat com.acme.A.f(A.java:3)")).map((e) => e.format)).toEqual(["java"]);
    expect(parseLog(lines("TypeError: x", "    at f (/srv/a.js:1:2)")).map((e) => e.format)).toEqual(["node"]);
  });
});

describe("PHP errors", () => {
  it("reads an uncaught exception: where it was raised, then its stack trace", () => {
    const log = lines(
      "[02-Jan-2026 03:04:05 UTC] PHP Fatal error:  Uncaught TypeError: Shop\\Billing\\Tax::rate(): Argument #1 ($region) must be of type string, null given, called in /var/www/html/src/Billing/Invoice.php on line 31 and defined in /var/www/html/src/Billing/Tax.php:18",
      "Stack trace:",
      "#0 /var/www/html/src/Billing/Invoice.php(31): Shop\\Billing\\Tax->rate(NULL)",
      "#1 /var/www/html/src/Api/InvoiceController.php(22): Shop\\Billing\\Invoice->total()",
      "#2 {main}",
      "  thrown in /var/www/html/src/Billing/Tax.php on line 18",
      "next",
    );
    const [error, ...rest] = parseLog(log);
    expect(rest).toEqual([]);
    expect(error?.frames.map((f) => `${f.file}:${f.line}`)).toEqual(["/var/www/html/src/Billing/Tax.php:18", "/var/www/html/src/Billing/Invoice.php:31", "/var/www/html/src/Api/InvoiceController.php:22"]);
    expect(error?.message).toMatch(/^Fatal error: {2}Uncaught TypeError: /);
    expect(error?.endLine).toBe(6);
  });

  it("reads a one-line fatal error and Laravel's `[stacktrace]`; warnings are no errors", () => {
    const fatal = "[Fri Jan 02 03:04:05.123456 2026] [php:error] [pid 123] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted in /var/www/html/src/Billing/Invoice.php on line 44";
    expect(places(fatal)).toEqual([["php", "Fatal error:  Allowed memory size of 134217728 bytes exhausted in /var/www/html/src/Billing/Invoice.php on line 44", ["/var/www/html/src/Billing/Invoice.php:44"]]]);
    const laravel = lines(
      '[2026-01-02 03:04:05] production.ERROR: Call to a member function rate() on null {"exception":"[object] (Error(code: 0): Call to a member function rate() on null at /var/www/html/app/Billing/Invoice.php:31)',
      "[stacktrace]",
      "#0 /var/www/html/app/Http/Controllers/InvoiceController.php(22): App\\\\Billing\\\\Invoice->total()",
      "#1 {main}",
      '"}',
    );
    expect(parseLog(laravel)[0]?.frames.map((f) => `${f.file}:${f.line}`)).toEqual(["/var/www/html/app/Billing/Invoice.php:31", "/var/www/html/app/Http/Controllers/InvoiceController.php:22"]);
    expect(parseLog("PHP Warning:  Undefined variable $x in /var/www/html/src/Billing/Invoice.php on line 22")).toEqual([]);
  });
});

describe("native backtraces", () => {
  it("reads AddressSanitizer's frames, leaving out those in shared objects", () => {
    const log = lines(
      "==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000014 at pc 0x55d0c1a2b3c4 bp 0x7ffd5a1b2c30 sp 0x7ffd5a1b2c28",
      "READ of size 4 at 0x602000000014 thread T0",
      "    #0 0x55d0c1a2b3c4 in parse_header /build/shop/src/parser.c:42:13",
      "    #1 0x55d0c1a2b5d6 in main /build/shop/src/main.c:17:5",
      "    #2 0x7f1c2d3e4f50 in __libc_start_main (/lib/x86_64-linux-gnu/libc.so.6+0x29d90)",
      "",
    );
    expect(parseLog(log)).toEqual([
      {
        format: "native",
        message: "ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000014 at pc 0x55d0c1a2b3c4 bp 0x7ffd5a1b2c30 sp 0x7ffd5a1b2c28",
        frames: [
          { file: "/build/shop/src/parser.c", line: 42, column: 13, function: "parse_header" },
          { file: "/build/shop/src/main.c", line: 17, column: 5, function: "main" },
        ],
        line: 3,
        endLine: 5,
      },
    ]);
  });

  it("reads gdb's `bt` and valgrind's `at`/`by` lines", () => {
    const gdb = lines("Program received signal SIGSEGV, Segmentation fault.", "(gdb) bt", "#0  0x0000555555555189 in parse_header (buf=0x0) at src/parser.c:42", "#1  main (argc=1, argv=0x7fffffffe4b8) at src/main.c:17");
    expect(places(gdb)).toEqual([["native", "Program received signal SIGSEGV, Segmentation fault.", ["src/parser.c:42", "src/main.c:17"]]]);
    const valgrind = lines("==4242== Invalid read of size 4", "==4242==    at 0x10915E: parse_header (parser.c:42)", "==4242==    by 0x1091A3: main (main.c:17)", "==4242==  Address 0x0 is not stack'd");
    expect(places(valgrind)).toEqual([["native", "Invalid read of size 4", ["parser.c:42", "main.c:17"]]]);
    expect(mapLogToModules(parseLog(valgrind), specOf({ parser: ["src/parser.c"], app: ["src/main.c"] })).modules).toEqual(["parser", "app"]);
  });
});

describe("C's failed assert()", () => {
  it("reads glibc's line (captured: gcc 12.2, glibc 2.36, `make test`) and the BSD libc's, to the assert's file, line and function", () => {
    const glibc = lines("cc -Wall -Iinclude -g -o tests/test_ring tests/test_ring.c src/ring.c", "./tests/test_ring", "test_ring: tests/test_ring.c:9: main: Assertion `b == i' failed.", "make: *** [Makefile:8: test] Aborted");
    expect(parseLog(glibc)).toEqual([{ format: "native", message: "Assertion `b == i' failed", frames: [{ file: "tests/test_ring.c", line: 9, function: "main" }], line: 3, endLine: 3 }]);
    expect(mapLogToModules(parseLog(glibc), specOf({ ring: ["src/ring.c", "include/ring.h", "tests/test_ring.c"] })).modules).toEqual(["ring"]);
    const bsd = lines("Assertion failed: (b == i), function main, file tests/test_ring.c, line 9.", "Abort trap: 6");
    expect(places(bsd)).toEqual([["native", "Assertion `b == i' failed", ["tests/test_ring.c:9"]]]);
    // Prose about assertions is none.
    expect(parseLog(lines("Assertion `x' failed somewhere", "note: see ring.c:9: Assertion"))).toEqual([]);
  });
});

describe("C and C++ tests' failed checks", () => {
  it("reads the place and message of a check a test program prints (CTest's LastTest.log, gtest, Catch2, doctest, Unity); warnings and notes are none", () => {
    // The part of build/Testing/Temporary/LastTest.log CTest 3.25 wrote for a failed test with its own CHECK macro.
    const lastTest = lines(
      "5/7 Testing: test_stats",
      'Command: "/home/dev/wxlog/build/tests/test_stats"',
      "Output:",
      "----------------------------------------------------------",
      "/home/dev/wxlog/tests/test_stats.cpp:15: CHECK failed: std::fabs((s.min_temp_c) - (4)) < 1e-6",
      "1 check(s) failed",
      "<end of output>",
      "Test Failed.",
    );
    expect(parseLog(lastTest)).toEqual([{ format: "native", message: "CHECK failed: std::fabs((s.min_temp_c) - (4)) < 1e-6", frames: [{ file: "/home/dev/wxlog/tests/test_stats.cpp", line: 15 }], line: 5, endLine: 5 }]);
    expect(mapLogToModules(parseLog(lastTest), specOf({ stats: ["services/src/stats.cpp", "tests/test_stats.cpp"] }, "/home/dev/wxlog")).modules).toEqual(["stats"]);
    expect(places(lines("tests/vent_test.cpp:5: Failure", "Expected equality of these values:", "  0"))).toEqual([["native", "Failure Expected equality of these values:", ["tests/vent_test.cpp:5"]]]);
    expect(places(lines("/src/tests/test_vent.cpp:12: FAILED:", "  CHECK( open == 0 )"))).toEqual([["native", "FAILED: CHECK( open == 0 )", ["/src/tests/test_vent.cpp:12"]]]);
    expect(places("tests/test_vent.cpp(12): ERROR: CHECK( open == 0 ) is NOT correct!")).toEqual([["native", "ERROR: CHECK( open == 0 ) is NOT correct!", ["tests/test_vent.cpp:12"]]]);
    expect(places("tests/test_uart.c:12:test_uart_writes:FAIL: Expected 1 Was 2")).toEqual([["native", "Expected 1 Was 2", ["tests/test_uart.c:12"]]]);
    expect(parseLog(lines("src/uart.c:12: warning: unused variable 'x'", "src/uart.c:9: note: declared here", "src/uart.c: In function 'main':", "main.py:3: oops"))).toEqual([]);
  });
});

describe("jest and vitest reports", () => {
  const SHOP = specOf({ api: ["src/api/routes.ts"], billing: ["src/billing/tax.ts", "src/billing/invoice.ts"] });

  it("reads jest's `●` reports: an assertion's, and a thrown error's whose stack follows a code frame", () => {
    const log = lines(
      "FAIL src/billing/tax.test.ts",
      "  ● computeTax › rounds half even",
      "",
      "    expect(received).toBe(expected) // Object.is equality",
      "",
      "    Expected: 1.26",
      "    Received: 1.25",
      "",
      "      10 |   it('rounds half even', () => {",
      "    > 11 |     expect(computeTax(1.255)).toBe(1.26);",
      "         |                               ^",
      "      12 |   });",
      "",
      "      at Object.<anonymous> (src/billing/tax.test.ts:11:31)",
      "",
      "  ● routes › GET /invoice",
      "",
      "    TypeError: Cannot read properties of undefined (reading 'rate')",
      "",
      "    > 14 |   return r.rate;",
      "         |            ^",
      "",
      "      at computeTax (src/billing/tax.ts:14:22)",
      "      at Object.<anonymous> (src/api/routes.test.ts:8:5)",
      "",
      "Tests:       2 failed, 3 passed, 5 total",
    );
    expect(places(log)).toEqual([
      ["node", "expect(received).toBe(expected) // Object.is equality", ["src/billing/tax.test.ts:11"]],
      ["node", "TypeError: Cannot read properties of undefined (reading 'rate')", ["src/billing/tax.ts:14", "src/api/routes.test.ts:8"]],
    ]);
    // Both errors happened in billing (the test beside tax.ts is its); the api test only called it.
    expect(mapLogToModules(parseLog(log), SHOP).modules).toEqual(["billing", "api"]);
  });

  it("reads vitest's `❯` frames, and its test file when it prints none", () => {
    const log = lines(
      " FAIL  src/api/routes.test.ts > GET /invoice > returns the total",
      "TypeError: Cannot read properties of undefined (reading 'rate')",
      " ❯ computeTax src/billing/tax.ts:14:22",
      "     14|   return r.rate;",
      "       |            ^",
      " ❯ src/api/routes.test.ts:8:12",
      "",
      "⎯⎯⎯⎯⎯⎯⎯[1/2]⎯",
      "",
      " FAIL  src/billing/tax.test.ts > computeTax > rounds half even",
      "AssertionError: expected 1.25 to be 1.26 // Object.is equality",
      "⎯⎯⎯⎯⎯⎯⎯[2/2]⎯",
    );
    expect(places(log)).toEqual([
      ["node", "TypeError: Cannot read properties of undefined (reading 'rate')", ["src/billing/tax.ts:14", "src/api/routes.test.ts:8"]],
      ["node", "AssertionError: expected 1.25 to be 1.26 // Object.is equality", ["src/billing/tax.test.ts:"]],
    ]);
  });

  it("maps a test file no spec lists to the one module owning files of its kind in its folder", () => {
    const log = lines("  ● computeTax › rounds", "", "    expect(received).toBe(expected)", "", "      at Object.<anonymous> (/home/runner/work/shop/shop/src/billing/tax.test.ts:11:31)");
    expect(mapLogToModules(parseLog(log), SHOP).frames).toEqual([{ file: "src/billing/tax.test.ts", line: 11, module: "billing" }]);
    // Two modules in one folder: the new file is neither's.
    const shared = specOf({ a: ["src/a.ts"], b: ["src/b.ts"] });
    expect(mapLogToModules(parseLog(lines("Error: x", "    at f (/app/src/c.ts:1:1)")), shared).unmatched).toBe(true);
  });
});

describe("Elixir exceptions", () => {
  it("reads `** (Type) message` and its frames, leaving out Elixir's and OTP's own", () => {
    const log = lines(
      "[error] ** (ArithmeticError) bad argument in arithmetic expression",
      "    :erlang.*(nil, 2)",
      "    (shop 0.1.0) lib/shop/billing/tax.ex:14: Shop.Billing.Tax.rate/1",
      "    (elixir 1.15.7) lib/enum.ex:1693: Enum.\"-map/2-lists^map/1-1-\"/2",
      "    (shop 0.1.0) lib/shop_web/controllers/invoice_controller.ex:22: ShopWeb.InvoiceController.show/2",
      "next",
    );
    expect(places(log)).toEqual([["elixir", "ArithmeticError: bad argument in arithmetic expression", ["lib/shop/billing/tax.ex:14", "lib/shop_web/controllers/invoice_controller.ex:22"]]]);
  });

  it("reads an ExUnit failure's stacktrace", () => {
    const log = lines(
      "  1) test total rounds (Shop.BillingTest)",
      "     test/shop/billing_test.exs:5",
      "     ** (KeyError) key :rate not found in: %{}",
      "     code: Billing.total(%{})",
      "     stacktrace:",
      "       lib/shop/billing.ex:14: Shop.Billing.total/1",
      "       test/shop/billing_test.exs:6: (test)",
    );
    expect(places(log)).toEqual([["elixir", "KeyError: key :rate not found in: %{}", ["lib/shop/billing.ex:14", "test/shop/billing_test.exs:6"]]]);
  });
});

describe("vitest's summary on stdout", () => {
  // The default reporter prints files and failed tests on stdout, the reports with their frames on stderr.
  const TASKS = specOf({ tasks: ["src/taskService.ts"], api: ["src/routes.ts"] });
  const stdout = [
    " RUN  v3.2.4 /work/tasks",
    "",
    " ✓ test/routes.test.ts (3 tests) 4ms",
    " ❯ test/taskService.test.ts (2 tests | 1 failed) 6ms",
    "   ✓ create > adds a task 1ms",
    "   × finish > throws on an unknown id 3ms",
    "",
    " Test Files  1 failed | 1 passed (2)",
  ].join("\n");

  it("names the file of each failed test: the module it tests", () => {
    const errors = parseLog(stdout);
    expect(errors.map((e) => [e.message, e.frames])).toEqual([["finish > throws on an unknown id", [{ file: "test/taskService.test.ts" }]]]);
    expect(mapLogToModules(errors, TASKS).modules).toEqual(["tasks"]);
  });

  it("adds nothing beside the reports with frames when stdout and stderr are one log", () => {
    const report = [" FAIL  test/taskService.test.ts > finish > throws on an unknown id", "AssertionError: expected [Function] to throw an error", " ❯ test/taskService.test.ts:14:7", "⎯⎯⎯⎯"].join("\n");
    const errors = parseLog(`${stdout}\n${report}`);
    expect(errors).toHaveLength(2);
    expect(errors[1]!.frames).toEqual([{ file: "test/taskService.test.ts", line: 14, column: 7 }]);
  });
});
