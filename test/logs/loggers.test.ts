import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { loadSpec } from "../../src/spec/load.js";

// The hand-written backtester tree: market_data declares `**Logger**: DATA.BARS`, risk has
// `logging.getLogger("CORE.LIMITS")` in a code block, schwab_fetcher declares nothing.
const spec = loadSpec(join(import.meta.dirname, "../fixtures/trees/freeform"));
const one = (line: string) => parseLog(line).map((e) => ({ logger: e.logger, message: e.message, format: e.format }));

describe("logger lines in common shapes", () => {
  it.each([
    ["2025-11-20 09:14:02 | DATA.SCHWAB | ERROR | Token refresh failed", "DATA.SCHWAB", "Token refresh failed"],
    ["2025-11-20 09:14:02 | ERROR | DATA.SCHWAB | Token refresh failed | retrying", "DATA.SCHWAB", "Token refresh failed | retrying"],
    ["CRITICAL | CORE.LIMITS | gross exposure 1.4 over cap 1.0", "CORE.LIMITS", "gross exposure 1.4 over cap 1.0"],
    ["ERROR DATA.SCHWAB: Token refresh failed", "DATA.SCHWAB", "Token refresh failed"],
    ["[ERROR] DATA.BARS - gap of 7 sessions in AAPL", "DATA.BARS", "gap of 7 sessions in AAPL"],
    ["2025-11-20 09:14:02,118 ERROR DATA.BARS - gap of 7 sessions in AAPL", "DATA.BARS", "gap of 7 sessions in AAPL"],
    ['{"time": "2025-11-20T09:14:02Z", "level": "error", "logger": "DATA.SCHWAB", "msg": "Token refresh failed"}', "DATA.SCHWAB", "Token refresh failed"],
    ['{"levelname": "CRITICAL", "name": "CORE.LIMITS", "message": "daily loss limit hit"}', "CORE.LIMITS", "daily loss limit hit"],
    ['{"level": 50, "name": "DATA.SCHWAB", "msg": "Token refresh failed"}', "DATA.SCHWAB", "Token refresh failed"],
  ])("%s", (line, logger, message) => {
    expect(one(line)).toEqual([{ logger, message, format: "line" }]);
  });

  it("lines below error level, and JSON without a logger, are not errors", () => {
    expect(parseLog("2025-11-20 09:14:02 | DATA.SCHWAB | INFO | Token refreshed")).toEqual([]);
    expect(parseLog('{"level": "info", "logger": "DATA.SCHWAB", "msg": "ok"}')).toEqual([]);
    expect(parseLog('{"level": 30, "name": "DATA.SCHWAB"}')).toEqual([]);
    expect(parseLog('{"level": "error", "msg": "no logger"}')).toEqual([]);
    expect(parseLog("a | b | c")).toEqual([]);
  });
});

describe("logger names to modules", () => {
  const modules = (line: string) => mapLogToModules(parseLog(line), spec).modules;

  it("through a `**Logger**:` field, case-insensitively and for child loggers", () => {
    expect(modules("[ERROR] DATA.BARS - gap")).toEqual(["market_data"]);
    expect(modules("[ERROR] data.bars.calendar - gap")).toEqual(["market_data"]);
  });

  it("through `logging.getLogger(\"...\")` in the spec's code blocks", () => {
    expect(modules("2025-11-20 09:14:02 | CORE.LIMITS | ERROR | exposure over cap")).toEqual(["risk"]);
  });

  it("through the module's name parts: DATA.SCHWAB -> schwab_fetcher by `schwab`", () => {
    expect(mapLogToModules(parseLog("2025-11-20 09:14:02 | DATA.SCHWAB | ERROR | Token refresh failed"), spec)).toEqual({
      modules: ["schwab_fetcher"],
      frames: [{ file: "pkg/data/schwab.py", module: "schwab_fetcher" }],
      unmatched: false,
    });
  });

  it("the last part that is a part of one module's id decides; no such part, no module", () => {
    expect(modules("ERROR DATA.NOPE: x")).toEqual(["market_data"]);
    expect(modules("ERROR WEB.API: x")).toEqual([]);
  });
});
