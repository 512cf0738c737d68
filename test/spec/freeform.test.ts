import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import { mapLogToModules } from "../../src/logs/map.js";
import { parseLog } from "../../src/logs/parse.js";
import { buildPlan } from "../../src/plan/build.js";
import { loadSpec } from "../../src/spec/load.js";
import { missingOwnedPaths } from "../../src/spec/presence.js";
import { checkArchitecture } from "../../src/validate/architecture.js";

// A hand-written tree of a small Python backtester: prose specs, interface stubs under
// "Depends On (Uses)", an owned strategies folder, rules as commented imports, loggers.
const ROOT = join(import.meta.dirname, "../fixtures/trees/freeform");
const spec = loadSpec(ROOT);
const M = ".claude/layers";
const module = (id: string) => spec.modules.find((m) => m.id === id)!;
const deps = (id: string) => module(id).dependencies.map((d) => [d.id, d.via, d.line]);

describe("item 1: interface stubs under a dependency heading", () => {
  it("resolve through the names defined in the files a module owns (no Provides section)", () => {
    // `class DataHandler(ABC)` is defined in pkg/data/handler.py, market_data's **Module**.
    expect(deps("schwab_fetcher")).toEqual([["market_data", "symbol", 10]]);
    expect(deps("strategy")).toEqual([["market_data", "symbol", 13]]);
  });

  it("resolve `class Strategy(ABC)` through its defining file and `class Portfolio(ABC)` through the module id", () => {
    expect(deps("engine")).toEqual([
      ["market_data", "symbol", 10],
      ["strategy", "symbol", 12],
      ["portfolio", "symbol", 15],
    ]);
    const plan = buildPlan(spec, { type: "general", scope: { kind: "system" }, because: [] });
    const wave = (id: string) => plan.waves.findIndex((w) => w.includes(id));
    expect(wave("engine")).toBeGreaterThan(wave("strategy"));
    expect(wave("engine")).toBeGreaterThan(wave("portfolio"));
  });

  it("a dependency heading that yields nothing is a warning with file and line", () => {
    expect(spec.warnings).toContainEqual(expect.objectContaining({ code: "DEPENDS_ON_UNRESOLVED", file: `${M}/core/modules/PORTFOLIO_AGENT.md`, line: 10 }));
    expect(spec.warnings.filter((w) => w.code === "DEPENDS_ON_UNRESOLVED")).toHaveLength(1);
  });
});

describe("item 2: a folder owns what is under it", () => {
  const traceback = [
    "Traceback (most recent call last):",
    '  File "/home/ci/tickrunner/pkg/engine/loop.py", line 40, in run',
    "    signals = strategy.on_bar(bar)",
    '  File "/home/ci/tickrunner/pkg/strategies/macd_v4.py", line 7, in on_bar',
    "    return 1 / 0",
    "ZeroDivisionError: division by zero",
  ].join("\n");

  it("a traceback's innermost frame under an owned folder maps to the folder's module", () => {
    const mapping = mapLogToModules(parseLog(traceback), spec);
    expect(mapping.modules).toEqual(["strategy", "engine"]);
    expect(mapping.frames[0]).toEqual({ file: "pkg/strategies/macd_v4.py", line: 7, module: "strategy" });
  });

  it("a frame in a file not on disk under the owned folder still maps", () => {
    const log = traceback.replace("macd_v4.py", "rsi_v2.py");
    expect(mapLogToModules(parseLog(log), spec).frames[0]).toEqual({ file: "pkg/strategies/rsi_v2.py", line: 7, module: "strategy" });
  });

  it("`fix pkg/strategies/macd_v4.py` is scoped to the folder's owner", () => {
    expect(analyzeTask("fix pkg/strategies/macd_v4.py", spec).scope).toEqual({ kind: "modules", ids: ["strategy"] });
  });

  it("the architecture gate scans the files under owned folders", () => {
    const violations = checkArchitecture(spec, ["data", "core", "engine"], { modules: ["strategy"] });
    expect(violations).toEqual([
      expect.objectContaining({ file: "pkg/strategies/macd_v4.py", line: 2, specifier: "pkg.engine.loop", message: expect.stringContaining(`forbidden for module strategy by \`pkg.engine.loop\` (${M}/core/modules/STRATEGY_AGENT.md:21)`) }),
    ]);
  });
});

describe("item 3: import rules as commented imports", () => {
  it("reads `# ✅ ALLOWED` / `# ❌ FORBIDDEN` / `# forbidden` under **Dependencies (Imports Allowed)**", () => {
    const strategy = module("strategy");
    expect(strategy.allowedImports.map((r) => [r.pattern, r.line])).toEqual([["pkg.data.handler", 20]]);
    expect(strategy.forbiddenImports.map((r) => [r.pattern, r.line])).toEqual([
      ["pkg.engine.loop", 21],
      ["pkg.portfolio", 22],
    ]);
  });

  it("reads ✓ and ✗ marks, and a `from package import module` rule names the module", () => {
    const risk = module("risk");
    expect(risk.allowedImports.map((r) => r.pattern)).toEqual(["pkg.data.handler"]);
    expect(risk.forbiddenImports.map((r) => r.pattern)).toEqual(["pkg.engine.loop"]);
    expect(checkArchitecture(spec, ["data", "core", "engine"], { modules: ["risk"] })).toEqual([
      expect.objectContaining({ file: "pkg/risk.py", line: 1, message: expect.stringContaining("forbidden for module risk by `pkg.engine.loop`") }),
    ]);
  });

  it("a section that looks like rules, none of which parse, is a warning with file and line", () => {
    expect(spec.warnings).toContainEqual(expect.objectContaining({ code: "IMPORT_RULES_UNREAD", file: `${M}/core/modules/PORTFOLIO_AGENT.md`, line: 14 }));
    expect(spec.warnings.filter((w) => w.code === "IMPORT_RULES_UNREAD")).toHaveLength(1);
  });
});

describe("item 4: owned paths not on disk", () => {
  it("are `not yet present` warnings with the spec line that names them", () => {
    // pkg/sizing.py exists; pkg/portfolio.py is still to be written.
    expect(missingOwnedPaths(spec)).toEqual([
      { code: "NOT_YET_PRESENT", message: "portfolio: `pkg/portfolio.py` (its **Module** path) is not yet present in the project", file: `${M}/core/modules/PORTFOLIO_AGENT.md`, line: 3 },
    ]);
  });

  it("are not computed while loading (plan stays free of disk checks)", () => {
    expect(spec.warnings.some((w) => w.code === "NOT_YET_PRESENT")).toBe(false);
  });
});
