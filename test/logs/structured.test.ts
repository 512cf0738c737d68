import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { logfmtFields } from "../../src/logs/logfmt.js";
import { specOf } from "./helpers.js";

// Hand-written in the shapes structured loggers print when the error carries no stack of a
// runtime's own: the call that logged named in a field, a stack escaped into one, and the
// prefixes syslog relays and Swift's crash reports write.
const SHOP = specOf({
  api: ["internal/api/routes.go", "app/api/routes.py", "Sources/App/Routes.swift"],
  billing: ["internal/billing/tax.go", "app/billing/tax.py", "Sources/Billing/Tax.swift"],
  db: ["internal/db/pool.go"],
});
const read = (log: string) => {
  const errors = parseLog(log);
  return { errors, modules: mapLogToModules(errors, SHOP).modules };
};
const lines = (...text: string[]) => text.join("\n");

describe("the call that logged, named in a field", () => {
  it.each([
    ["slog's TextHandler with AddSource", 'time=2026-01-02T03:04:05.000Z level=ERROR source=/app/internal/billing/tax.go:88 msg="tax rate missing" region=XX'],
    ["go-kit's caller", "ts=2026-01-02T03:04:05Z level=error caller=tax.go:88 msg=rate"],
    ["logrus with ReportCaller", 'time="2026-01-02T03:04:05Z" level=error msg="rate missing" func=billing.Tax file="/app/internal/billing/tax.go:88"'],
    ["zap's JSON caller", '{"level":"error","ts":1767322245.1,"caller":"billing/tax.go:88","msg":"tax rate missing","region":"XX"}'],
    ["slog's JSON source object", '{"time":"2026-01-02T03:04:05Z","level":"ERROR","source":{"function":"billing.Rate","file":"/app/internal/billing/tax.go","line":88},"msg":"rate"}'],
    ["zap's console encoder", '2026-01-02T03:04:05.000Z\tERROR\tbilling/tax.go:88\ttax rate missing\t{"region": "XX"}'],
    ["Python's pathname and lineno", "2026-01-02 03:04:05,123 ERROR [app/billing/tax.py:42] rate missing for XX"],
  ])("%s", (_name, log) => {
    const { errors, modules } = read(log);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.frames[0]?.line).toBe(log.includes("tax.py") ? 42 : 88);
    expect(modules).toEqual(["billing"]);
  });

  it("takes the message from the record, and the function when logrus names it", () => {
    const [error] = parseLog('time="2026-01-02T03:04:05Z" level=error msg="rate missing" func=billing.Tax file="/app/internal/billing/tax.go:88"');
    expect(error).toMatchObject({ format: "logfmt", message: "rate missing", frames: [{ file: "/app/internal/billing/tax.go", line: 88, function: "billing.Tax" }] });
  });

  it("reads nothing from records below error, prose with an `=`, or a caller with no line", () => {
    expect(parseLog("time=2026-01-02T03:04:05Z level=info source=/app/internal/billing/tax.go:88 msg=ok")).toEqual([]);
    expect(parseLog('{"level":"warn","caller":"billing/tax.go:88","msg":"slow"}')).toEqual([]);
    expect(parseLog("we set rate=0 and region=XX and it=broke at tax.go:88")).toEqual([]);
    expect(parseLog("level=error caller=billing msg=x")).toEqual([]);
  });

  it("names the logger of a logfmt record whose call is not named", () => {
    expect(parseLog("ts=1 level=error logger=billing.tax msg=boom").map((e) => [e.logger, e.message])).toEqual([["billing.tax", "boom"]]);
  });
});

describe("a stack escaped into one field", () => {
  it("reads a Go stack in a logfmt `stack=` field, with the record's message", () => {
    const log = 'level=error msg="request failed" err="rate missing" stack="goroutine 1 [running]:\\nmain.compute(...)\\n\\t/app/internal/billing/tax.go:88 +0x1d\\nmain.handler()\\n\\t/app/internal/api/routes.go:31 +0x2a"';
    const { errors, modules } = read(log);
    expect(errors.map((e) => [e.message, e.frames.length])).toEqual([["request failed", 2]]);
    expect(modules).toEqual(["billing", "api"]);
  });

  it("reads a Python traceback in a logfmt field, with the exception as the message", () => {
    const stack = ["Traceback (most recent call last):", '  File "/srv/app/api/routes.py", line 31, in get', "    x()", '  File "/srv/app/billing/tax.py", line 14, in rate', "    return RATES[r]", "KeyError: 'XX'"].join("\\n");
    // Quotes inside a quoted value are escaped, as logfmt writers do.
    const { errors, modules } = read(`level=error logger=app.api msg="failed" exception="${stack.replaceAll('"', '\\"')}"`);
    expect(errors.map((e) => e.message)).toEqual(["KeyError: 'XX'"]);
    expect(modules).toEqual(["billing", "api"]);
  });

  it("reads zap's stacktrace without a goroutine header, in JSON and after a console line", () => {
    const json = '{"level":"error","caller":"api/routes.go:31","msg":"failed","stacktrace":"main.compute\\n\\t/app/internal/billing/tax.go:88\\nmain.handler\\n\\t/app/internal/api/routes.go:31"}';
    expect(read(json).modules).toEqual(["billing", "api"]);
    const console = lines("2026-01-02T03:04:05.000Z\tERROR\tapi/routes.go:31\tfailed", "main.compute", "\t/app/internal/billing/tax.go:88", "main.handler", "\t/app/internal/api/routes.go:31");
    const { errors, modules } = read(console);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.endLine).toBe(5);
    expect(modules).toEqual(["billing", "api"]);
  });
});

describe("syslog relays", () => {
  const panic = ["panic: runtime error: index out of range [3] with length 3", "", "goroutine 1 [running]:", "main.compute()", "\t/app/internal/billing/tax.go:88 +0x1d", "main.main()", "\t/app/internal/api/routes.go:12 +0x25"];
  it.each([
    ["RFC 5424", "<11>1 2026-01-02T03:04:05.000Z web1 api 1234 - - "],
    ["RFC 5424 with structured data", '<11>1 2026-01-02T03:04:05.000Z web1 api - ID47 [origin ip="10.0.0.1"][meta seq="1"] '],
    ["RFC 3164 with its priority", "<11>Jan  2 03:04:05 web1 api[1234]: "],
    ["RFC 3164 without a pid", "<11>Jan  2 03:04:05 web1 api: "],
  ])("%s", (_name, prefix) => {
    const { errors, modules } = read(lines(...panic.map((line) => `${prefix}${line}`)));
    expect(errors.map((e) => [e.message, e.frames.length])).toEqual([["runtime error: index out of range [3] with length 3", 2]]);
    expect(modules).toEqual(["billing", "api"]);
  });
});

describe("Swift crashes", () => {
  it("reads the runtime backtracer's frames, leaving out system code, with the crash line as the message", () => {
    const log = lines(
      "💣 Program crashed: Bad pointer dereference at 0x0000000000000000",
      "",
      "Thread 0 crashed:",
      "",
      "0 0x000055d5c0c8c1a7 Tax.rate(for:) + 23 in App at /build/Sources/Billing/Tax.swift:42:5",
      "1 [ra] 0x000055d5c0c8c3e1 Routes.get() + 80 in App at /build/Sources/App/Routes.swift:17:9",
      "2 [ra] [system] 0x00007f0a1b2c3d4e __libc_start_main + 128 in libc.so.6",
    );
    const { errors, modules } = read(log);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ format: "swift", message: "Program crashed: Bad pointer dereference at 0x0000000000000000", endLine: 7 });
    expect(errors[0]!.frames.map((f) => [f.file, f.line, f.function])).toEqual([
      ["/build/Sources/Billing/Tax.swift", 42, "Tax.rate(for:)"],
      ["/build/Sources/App/Routes.swift", 17, "Routes.get()"],
    ]);
    expect(modules).toEqual(["billing", "api"]);
  });

  it("reads a symbolicated crash report's frames", () => {
    const log = lines("Fatal error: Index out of range", "0  App  0x000055d5c0c8c1a7 $s7Billing3TaxV4rateSdyF + 120 at /build/Sources/Billing/Tax.swift:42", "1  App  0x000055d5c0c8c3e1 $s3App6RoutesV3getyyF + 80 at /build/Sources/App/Routes.swift:17");
    expect(read(log).errors.map((e) => [e.message, e.frames.length])).toEqual([["Fatal error: Index out of range", 2]]);
  });

  it("reads `Fatal error` lines that name their file, old and new", () => {
    expect(read("Sources/Billing/Tax.swift:42: Fatal error: Unexpectedly found nil while unwrapping an Optional value").modules).toEqual(["billing"]);
    const old = read("App/main.swift: Fatal error: Unexpectedly found nil while unwrapping an Optional value: file Billing/Tax.swift, line 42");
    expect(old.errors.map((e) => [e.message, e.frames[0]?.line])).toEqual([["Fatal error: Unexpectedly found nil while unwrapping an Optional value", 42]]);
    expect(old.modules).toEqual(["billing"]);
  });
});

describe("logfmt fields", () => {
  it("unquotes values with escapes and keeps the first of a repeated key", () => {
    const fields = logfmtFields('a=1 b="two words" c="say \\"hi\\"\\n" a=2 d=');
    expect(fields && Object.fromEntries(fields)).toEqual({ a: "1", b: "two words", c: 'say "hi"\n', d: "" });
  });

  it("is no record with fewer than three fields, a bare word, or an unclosed quote", () => {
    expect(logfmtFields("a=1 b=2")).toBeUndefined();
    expect(logfmtFields("oops a=1 b=2 c=3")).toBeUndefined();
    expect(logfmtFields('a=1 b=2 c="open')).toBeUndefined();
  });
});

describe("long records", () => {
  it("reads a logfmt stack field longer than a log line is cut to", () => {
    const frames = Array.from({ length: 120 }, (_, i) => `main.step${i}()\\n\\t/app/internal/api/routes.go:${i + 1} +0x1d`).join("\\n");
    const log = `level=error msg="deep" stack="goroutine 1 [running]:\\nmain.compute()\\n\\t/app/internal/billing/tax.go:88 +0x1d\\n${frames}"`;
    expect(log.length).toBeGreaterThan(4096);
    const { errors, modules } = read(log);
    expect(errors.map((e) => [e.message, e.frames.length])).toEqual([["deep", 121]]);
    expect(modules).toEqual(["billing", "api"]);
  });
});
