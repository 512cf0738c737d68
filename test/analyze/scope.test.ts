import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import { UsageError } from "../../src/errors.js";
import { ledgerSpec } from "./fixture.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject } from "../helpers/project.js";

const spec = ledgerSpec();
const scopeOf = (request: string) => analyzeTask(request, spec).scope;

describe("scope: explicit tokens", () => {
  it.each([
    ["optimize layer/core", { kind: "layer", id: "core" }],
    ["refactor layers/services", { kind: "layer", id: "services" }],
    ["implement module/order_book", { kind: "modules", ids: ["order_book"] }],
    ["fix modules/journal and modules/fx", { kind: "modules", ids: ["journal", "fx"] }],
    ["review layer/core and layer/interface", { kind: "modules", ids: ["accounts", "journal", "balances", "order_book", "cli"] }],
    ["fix module/journal in layer/core", { kind: "modules", ids: ["journal"] }],
  ])("%s", (request, scope) => {
    expect(scopeOf(request)).toEqual(scope);
  });

  it("decide alone: prose names next to an explicit token are ignored", () => {
    expect(scopeOf("optimize layer/core, the event loop is slow")).toEqual({ kind: "layer", id: "core" });
  });

  it("throws a UsageError naming the known layers for an unknown layer", () => {
    expect(() => analyzeTask("optimize layer/kernel", spec)).toThrow(UsageError);
    expect(() => analyzeTask("optimize layer/kernel", spec)).toThrow(
      "Unknown layer `kernel`; layers: foundation, core, services, interface",
    );
  });

  it("throws for an unknown module, listing modules", () => {
    expect(() => analyzeTask("fix module/ledger", spec)).toThrow(/^Unknown module `ledger`; modules: money, events, /);
  });

  it("does not read a spec path as an explicit token", () => {
    expect(scopeOf("review .claude/layers/core/modules/JOURNAL_AGENT.md")).toEqual({ kind: "modules", ids: ["journal"] });
  });
});

describe("scope: names in prose", () => {
  it.each([
    ["fix the event loop", ["event_loop"]],
    ["the event loop drops events", ["events", "event_loop"]],
    ["add a stop-loss to the order book", ["order_book"]],
    ["the order-book matching is slow", ["order_book"]],
    ["OrderBook rejects market orders", ["order_book"]],
    ["ORDER_BOOK is missing a cancel", ["order_book"]],
    ["add an event type for transfers", ["events"]],
    ["fix balance rounding", ["balances"]],
    ["reports and the importer disagree on totals", ["reports", "importer"]],
    ["add an import report", ["reports"]],
    ["implement FX conversion in the journal", ["journal", "fx"]],
  ])("%s -> %j", (request, ids) => {
    expect(scopeOf(request)).toEqual({ kind: "modules", ids });
  });

  it("matches whole words only", () => {
    // No name matches; the spec index may still find "reporting" in the reports module's name.
    const analysis = analyzeTask("the reporting cron, the moneyline and the eventual sync", spec);
    expect(analysis.evidence?.filter((e) => e.source === "name")).toEqual([]);
    expect(analysis.evidence?.map((e) => e.target)).not.toContain("money");
  });

  it("names a layer by its word", () => {
    expect(scopeOf("optimize the core layer")).toEqual({ kind: "layer", id: "core" });
    expect(scopeOf("review core")).toEqual({ kind: "layer", id: "core" });
    expect(scopeOf("the service layer is slow")).toEqual({ kind: "layer", id: "services" });
  });

  it("several layers become their modules", () => {
    expect(scopeOf("refactor the services and interface layers")).toEqual({
      kind: "modules",
      ids: ["fx", "reports", "importer", "cli"],
    });
  });

  it("a module and its own layer: the module", () => {
    expect(scopeOf("fix the journal in the core layer")).toEqual({ kind: "modules", ids: ["journal"] });
  });

  it("a module and another layer named as a layer: both", () => {
    expect(scopeOf("refactor journal and the services layer")).toEqual({
      kind: "modules",
      ids: ["journal", "fx", "reports", "importer"],
    });
  });

  it("a bare layer word next to a named module is context", () => {
    expect(scopeOf("add an interface for fx rates to the journal")).toEqual({ kind: "modules", ids: ["journal", "fx"] });
  });

  it("a name that is a task keyword needs a qualifier", () => {
    expect(scopeOf("fix errors in the journal")).toEqual({ kind: "modules", ids: ["journal"] });
    expect(scopeOf("implement the errors module")).toEqual({ kind: "modules", ids: ["errors"] });
    expect(scopeOf("add Result to `errors`")).toEqual({ kind: "modules", ids: ["errors"] });
  });

  it("nothing named is the system", () => {
    expect(scopeOf("implement system")).toEqual({ kind: "system" });
    expect(scopeOf("tidy up everything")).toEqual({ kind: "system" });
    expect(scopeOf("make it nicer")).toEqual({ kind: "system" });
  });
});

describe("scope: file paths", () => {
  it.each([
    ["fix ledger/core/journal.py", ["journal"]],
    ["crash at ledger/core/balances.py:88", ["balances"]],
    ["TypeError in core/journal.py:12:5", ["journal"]],
    ["see book/matching.py", ["order_book"]],
    ["refactor ./ledger/cli.py", ["cli"]],
    ["fix /work/ledger/ledger/services/importer.py", ["importer"]],
    ["ledger\\core\\accounts.py fails on Windows", ["accounts"]],
    ["simplify ledger/core/book", ["order_book"]],
    ["fix money.py and (ledger/services/fx/rates.py)", ["money", "fx"]],
    ["fix the event loop, see ledger/core/journal.py", ["event_loop", "journal"]],
    // A pytest node id: the test file, whatever its test is called.
    ["ledger/services/reports.py::TestTrialBalance::test_journal_sums fails", ["reports"]],
  ])("%s -> %j", (request, ids) => {
    expect(scopeOf(request)).toEqual({ kind: "modules", ids });
  });

  it("ignores a suffix owned by several modules", () => {
    expect(scopeOf("fix utils.py")).toEqual({ kind: "system" });
    expect(scopeOf("fix core/utils.py")).toEqual({ kind: "modules", ids: ["journal"] });
  });

  it("reads a layer or module name in a path no module owns, and nothing else of it", () => {
    expect(scopeOf("fix ledger/money/amounts.py:42")).toEqual({ kind: "modules", ids: ["money"] });
    expect(scopeOf("ledger/journal.py fails")).toEqual({ kind: "modules", ids: ["journal"] });
    // The path's other words are no task words: "errors" in it asks for no fix.
    expect(analyzeTask("review ledger/money/errors_util.py", spec)).toMatchObject({ type: "analyze", scope: { kind: "modules", ids: ["money"] } });
  });

  it("ignores unknown paths and keeps words of slashed prose", () => {
    expect(analyzeTask("fix src/unknown.ts and/or the order book", spec)).toMatchObject({
      type: "debug",
      scope: { kind: "modules", ids: ["order_book"] },
    });
  });
});

describe("scope: odd trees and spellings", () => {
  const withCliLayer = ledgerSpec();
  withCliLayer.layers.push({ id: "cli", modules: [], allowedImports: [], forbiddenImports: [] });

  it("a word that is a layer and a module id is the module unless 'layer' is next to it", () => {
    expect(analyzeTask("fix cli flags", withCliLayer).scope).toEqual({ kind: "modules", ids: ["cli"] });
    expect(analyzeTask("review the cli layer", withCliLayer).scope).toEqual({ kind: "layer", id: "cli" });
  });

  it("reads numbered layer ids by their name", () => {
    const numbered = ledgerSpec();
    numbered.layers = numbered.layers.map((l) => (l.id === "core" ? { ...l, id: "02_core" } : l));
    numbered.modules = numbered.modules.map((m) => (m.layer === "core" ? { ...m, layer: "02_core" } : m));
    expect(analyzeTask("audit the core layer", numbered).scope).toEqual({ kind: "layer", id: "02_core" });
    expect(analyzeTask("audit layer/02_core", numbered).scope).toEqual({ kind: "layer", id: "02_core" });
  });

  it("accepts explicit ids in another case or with - for _", () => {
    expect(scopeOf("implement module/Order-Book")).toEqual({ kind: "modules", ids: ["order_book"] });
  });

  it("reads `modules/x` as a folder when the tree owns files there", () => {
    const folders = ledgerSpec();
    const fx = folders.modules.find((m) => m.id === "fx");
    if (fx) fx.files = ["modules/pricing/fx.py"];
    expect(analyzeTask("fix modules/pricing", folders).scope).toEqual({ kind: "modules", ids: ["fx"] });
  });

  it("maps a Python traceback frame", () => {
    const request = 'File "/work/ledger/ledger/core/journal.py", line 88, in post';
    expect(analyzeTask(request, spec)).toMatchObject({
      scope: { kind: "modules", ids: ["journal"] },
      because: ["ledger/core/journal.py -> journal"],
    });
  });

  it("keeps a dotted identifier as prose", () => {
    expect(scopeOf("journal.post returns None")).toEqual({ kind: "modules", ids: ["journal"] });
  });
});

describe("scope: a module or layer named `system`", () => {
  const tree = loadSpec(
    makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/tools/modules/SYSTEM_AGENT.md": "# System info\n**Module**: `tools/system.py`\n",
      ".claude/layers/tools/modules/CLOCK_AGENT.md": "# Clock\n**Module**: `tools/clock.py`\n",
    }),
  );
  it("the bare word still asks for the whole system, as every example writes it", () => {
    expect(analyzeTask("implement system", tree).scope).toEqual({ kind: "system" });
  });
  it("the module when it is named as one", () => {
    expect(analyzeTask("fix the system module", tree).scope).toEqual({ kind: "modules", ids: ["system"] });
    expect(analyzeTask("implement module/system", tree).scope).toEqual({ kind: "modules", ids: ["system"] });
  });
});

describe("scope: the module a request works on, not the ones it mentions", () => {
  it.each([
    // A part of one module's name next to "module" names that module: the payment module is payment_gateway.
    ["refactor the book module", ["order_book"]],
    ["the order module drops cancels", ["order_book"]],
    ["fix the loop package", ["event_loop"]],
    // What the work uses is context, not scope: the Money type is used, the journal is refactored.
    ["refactor the journal to use the new Money type", ["journal"]],
    ["refactor the order module to use the new Money type", ["order_book"]],
    ["switch the importer to using events", ["importer"]],
    ["switch reports to use balances instead of the journal", ["reports"]],
  ])("%s -> %j", (request, ids) => {
    expect(scopeOf(request)).toEqual({ kind: "modules", ids });
  });

  it("leaves a name after `use` in scope when nothing else is named", () => {
    expect(scopeOf("use the Money type everywhere in money.py")).toEqual({ kind: "modules", ids: ["money"] });
    expect(scopeOf("use money")).toEqual({ kind: "modules", ids: ["money"] });
  });

  it.each([
    // A name written as a plain word is the scope only when nothing else names one.
    ["doesn't the journal reject entries that don't balance?", ["journal"]],
    ["posting is slow, the profiler points at the journal's balance check", ["journal"]],
    ["the trial balance is off, investigate the reports", ["reports"]],
    ["test_reversal_balances in ledger/core/journal.py fails", ["journal"]],
    ["the ReportsPanel shows stale money", ["money"]],
    // A singular, then a plain word, then a module: "a balance sheet report" is a report.
    ["add a balance sheet report", ["reports"]],
    // Alone, they are the scope.
    ["the balance is wrong", ["balances"]],
    ["fix test_fx_cross_rate", ["fx"]],
    // Qualified, they are names: `balance` in backticks, "the balance module".
    ["the journal calls the balance module twice", ["journal", "balances"]],
  ])("%s -> %j", (request, ids) => {
    expect(scopeOf(request)).toEqual({ kind: "modules", ids });
  });

  it("a plural names a layer only next to `layer`", () => {
    expect(scopeOf("spread the work across all cores")).not.toEqual({ kind: "layer", id: "core" });
    expect(scopeOf("review the cores layer")).toEqual({ kind: "layer", id: "core" });
  });

  it("a stop word next to `module` names none", () => {
    expect(scopeOf("fix the new module").kind).toBe("system");
  });
});
