import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { specOf } from "./helpers.js";

// Hand-written in the shapes collectors, process managers and JSON loggers print: a known
// stack under something written before every line, or inside a JSON record.
const SHOP = specOf({
  api: ["src/api/routes.ts", "app/api/routes.py"],
  billing: ["src/billing/tax.ts", "src/billing/invoice.ts", "app/billing/tax.py"],
  db: ["src/db/pool.ts", "app/db/session.py"],
});
const modulesOf = (log: string) => mapLogToModules(parseLog(log), SHOP).modules;
const lines = (...text: string[]) => text.join("\n");

const NODE_STACK = ["TypeError: Cannot read properties of undefined (reading 'rate')", "    at computeTax (/app/src/billing/tax.ts:14:22)", "    at handler (/app/src/api/routes.ts:22:9)"];
const PYTHON_STACK = [
  "Traceback (most recent call last):",
  '  File "/usr/src/app/app/api/routes.py", line 31, in get_invoice',
  "    return invoice.total(region)",
  '  File "/usr/src/app/app/billing/tax.py", line 14, in compute_tax',
  "    return amount * RATES[region]",
  "KeyError: 'XX'",
];

describe("stacks under a prefix on every line", () => {
  it.each([
    ["docker compose", "api-1  | "],
    ["docker compose v1", "api_1    | "],
    ["pm2", "0|api      | "],
    ["kubectl logs --prefix", "[pod/api-7d9f8-xk2lp/api] "],
    ["journald", "Jan 02 03:04:05 web1 node[1234]: "],
    ["journald -o short-iso", "2026-01-02T03:04:05+0000 web1 node[1234]: "],
    ["a timestamp and a level", "2026-01-02 03:04:05.123 ERROR "],
    ["gunicorn", "[2026-01-02 03:04:05 +0000] [7] [ERROR] "],
    ["pm2's --time", "2026-01-02T03:04:05: "],
    ["compose with --timestamps", "api-1  | 2026-01-02T03:04:05.123456789Z "],
  ])("%s: `%s`", (_name, prefix) => {
    for (const stack of [NODE_STACK, PYTHON_STACK]) {
      const errors = parseLog(lines(...stack.map((line) => `${prefix}${line}`)));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.frames.length).toBeGreaterThanOrEqual(2);
      expect(modulesOf(lines(...stack.map((line) => `${prefix}${line}`)))[0]).toBe("billing");
    }
  });

  it("reads GitHub Actions' `##[error]` lines and keeps a level-stamped logger line's logger", () => {
    const log = lines("2026-01-02T03:04:05.1234567Z ##[error]TypeError: bad", "2026-01-02T03:04:05.1234567Z     at computeTax (/home/runner/work/shop/shop/src/billing/tax.ts:14:22)");
    expect(parseLog(log).map((e) => [e.message, e.frames.length])).toEqual([["TypeError: bad", 1]]);
    const logger = parseLog("2026-11-25 10:00:01,123 ERROR ledger.core.journal: entry does not balance");
    expect(logger.map((e) => [e.logger, e.message])).toEqual([["ledger.core.journal", "entry does not balance"]]);
    expect(parseLog("api-1  | DATA.SCHWAB | ERROR | Token refresh failed").map((e) => e.logger)).toEqual(["DATA.SCHWAB"]);
  });

  it("reads loguru's tracebacks, blank lines between frames and `>` at the one that raised", () => {
    const log = lines(
      "2026-01-02 03:04:05.123 | ERROR    | app.api.routes:get_invoice:31 - request failed",
      "Traceback (most recent call last):",
      "",
      '  File "/app/app/api/routes.py", line 31, in get_invoice',
      "    return invoice.total(region)",
      "           └ 'XX'",
      "",
      '> File "/app/app/billing/tax.py", line 14, in compute_tax',
      "    return amount * RATES[region]",
      "",
      "KeyError: 'XX'",
    );
    const traceback = parseLog(log).find((e) => e.format === "python");
    expect(traceback?.message).toBe("KeyError: 'XX'");
    expect(traceback?.frames.map((f) => f.line)).toEqual([14, 31]);
    expect(modulesOf(log)[0]).toBe("billing");
  });
});

describe("stacks inside JSON", () => {
  const escaped = (stack: string[]) => JSON.stringify(stack.join("\n"));

  it("reads pino's `err.stack`, winston's `stack` and python-json-logger's `exc_info`", () => {
    const pino = `{"level":50,"time":1767323046000,"err":{"type":"TypeError","stack":${escaped(NODE_STACK)}},"msg":"request failed"}`;
    const winston = `{"level":"error","message":"unhandled","stack":${escaped(["Error: pool exhausted", "    at acquire (/usr/src/app/src/db/pool.ts:31:11)"])}}`;
    const python = `{"levelname": "ERROR", "name": "app.api", "message": "request failed", "exc_info": ${escaped(PYTHON_STACK)}}`;
    expect(modulesOf(pino)).toEqual(["billing", "api"]);
    expect(modulesOf(winston)).toEqual(["db"]);
    expect(modulesOf(python)).toEqual(["billing", "api"]);
    expect(parseLog(python)[0]).toMatchObject({ format: "python", message: "KeyError: 'XX'", logger: "app.api", line: 1, endLine: 1 });
  });

  it("reads a record longer than a line is cut to", () => {
    const padding = "x".repeat(10_000);
    const record = `{"level":"error","padding":"${padding}","stack":${escaped(NODE_STACK)}}`;
    expect(modulesOf(`starting\n${record}\n`)[0]).toBe("billing");
  });

  it("falls back to the record's logger when no frame is the project's", () => {
    const record = `{"level":"error","logger":"db","stack":${escaped(["Error: x", "    at f (/app/node_modules/pg/lib/client.js:3:9)"])}}`;
    expect(parseLog(record).map((e) => [e.frames.length, e.logger])).toEqual([[1, "db"]]);
    expect(modulesOf(record)).toEqual(["db"]);
  });

  it("reads an error tracker's event, frames outermost first, as one JSON document", () => {
    const event = {
      level: "error",
      exception: {
        values: [
          {
            type: "KeyError",
            value: "'XX'",
            stacktrace: {
              frames: [
                { filename: "app/api/routes.py", abs_path: "/app/app/api/routes.py", function: "get_invoice", lineno: 31 },
                { filename: "app/billing/tax.py", abs_path: "/app/app/billing/tax.py", function: "compute_tax", lineno: 14 },
              ],
            },
          },
        ],
      },
    };
    const text = JSON.stringify(event, null, 2);
    expect(parseLog(text)).toEqual([
      {
        format: "json",
        message: "KeyError: 'XX'",
        frames: [
          { file: "/app/app/billing/tax.py", line: 14, function: "compute_tax" },
          { file: "/app/app/api/routes.py", line: 31, function: "get_invoice" },
        ],
        line: 1,
        endLine: text.split("\n").length,
      },
    ]);
    expect(modulesOf(text)).toEqual(["billing", "api"]);
  });
});

describe("paths of builds and dev servers", () => {
  it("maps a build's JavaScript to the TypeScript it came from, without the compiled line", () => {
    const log = lines("TypeError: bad", "    at computeTax (/app/dist/billing/tax.js:14:14)", "    at handler (/app/dist/api/routes.js:22:9)");
    expect(mapLogToModules(parseLog(log), SHOP).frames).toEqual([
      { file: "src/billing/tax.ts", module: "billing" },
      { file: "src/api/routes.ts", module: "api" },
    ]);
    // Two TypeScript files of that name: neither is guessed.
    const twice = specOf({ a: ["src/billing/tax.ts"], b: ["packages/x/billing/tax.ts"] });
    expect(mapLogToModules(parseLog(log), twice).unmatched).toBe(true);
  });


  it("reads a URL's path without its query: vite's `?t=`, webpack-internal", () => {
    const vite = lines("TypeError: bad", "    at computeTax (http://localhost:5173/src/billing/tax.ts?t=1767323045000:14:22)", "    at handler (http://localhost:5173/src/api/routes.ts:22:9)");
    expect(modulesOf(vite)).toEqual(["billing", "api"]);
    const webpack = lines("TypeError: bad", "    at computeTax (webpack-internal:///./src/billing/tax.ts:14:22)");
    expect(mapLogToModules(parseLog(webpack), SHOP).frames).toEqual([{ file: "src/billing/tax.ts", line: 14, module: "billing" }]);
  });
});
