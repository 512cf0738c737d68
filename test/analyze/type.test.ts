import { describe, expect, it } from "vitest";
import { inflects } from "../../src/analyze/keywords.js";
import { detectType } from "../../src/analyze/type.js";

describe("detectType", () => {
  it.each([
    ["implement the reporting feature", "implement", ["implement"]],
    ["Add CSV export to the reports", "implement", ["add"]],
    ["scaffold a new feature for recurring transfers", "implement", ["scaffold", "new feature"]],
    ["fix the crash when the journal is empty", "debug", ["fix", "crash"]],
    ["tests are failing after the last merge", "debug", ["failing"]],
    ["the importer isn't working with UTF-16 files", "debug", ["not working"]],
    ["refactor balances and clean-up the helpers", "refactor", ["refactor", "clean up"]],
    ["rename Ledger to Book and extract the parser", "refactor", ["rename", "extract"]],
    ["review the accounts code and explain the rounding rules", "analyze", ["review", "explain"]],
    ["analyse how money rounds", "analyze", ["analyse"]],
    ["optimise the hot path, it is too slow", "optimize", ["optimise", "hot path", "slow"]],
    ["speed-up balance queries; latency is 2s", "optimize", ["speed up", "latency"]],
    ["profiling shows the matching loop is the bottleneck", "optimize", ["profiling", "bottleneck"]],
  ])("%s -> %s", (request, type, words) => {
    expect(detectType(request)).toEqual({ type, words });
  });

  it("counts every occurrence and lets the higher score win", () => {
    // implement 1 (add), debug 0, refactor 2 (restructure, simplify)
    expect(detectType("restructure the parser, simplify it and add comments").type).toBe("refactor");
  });

  it("returns general when no keyword appears", () => {
    expect(detectType("the ledger and the order book")).toEqual({ type: "general", words: [] });
  });

  describe("whole words only", () => {
    it.each([
      ["address the warnings in the ledger", "general"],
      ["update the fixture data", "general"],
      ["prefix every account id with the tenant", "general"],
      ["the debugger config needs the tenant", "general"],
      ["readd the tenant column", "general"],
      ["suffixes and infix operators", "general"],
    ])("%s -> %s", (request, type) => {
      expect(detectType(request).type).toBe(type);
    });
  });

  describe("neutral phrases", () => {
    it.each([
      ["add error handling to the importer", "implement"],
      ["write clearer error messages for the cli", "implement"],
      ["implement fixed-point arithmetic for money", "implement"],
      ["add a regression test for the parser", "implement"],
      ["add a user profile page", "implement"],
    ])("%s -> %s", (request, type) => {
      expect(detectType(request).type).toBe(type);
    });
  });

  describe("tie precedence: debug > optimize > refactor > implement > analyze", () => {
    it.each([
      ["add a guard for the crash", "debug"],
      ["fix the slow path", "debug"],
      ["simplify the slow hot path", "optimize"],
      ["create the module and restructure the old one", "refactor"],
      ["implement what the audit asked for", "implement"],
    ])("%s -> %s", (request, type) => {
      expect(detectType(request).type).toBe(type);
    });
  });
});

describe("verbs and symptoms win over nouns", () => {
  it.each([
    ["add max drawdown duration to the performance report", "implement"],
    ["implement retries on network errors", "implement"],
    ["simplify the hot path", "refactor"],
    ["add a test for the memory leak", "implement"],
    ["review the latency figures", "analyze"],
    ["the sma indicator returns NaN", "debug"],
    ["the sharpe ratio calculation is wrong", "debug"],
    ["parse() throws on an empty header", "debug"],
    ["the fill loop hits an infinite loop on partial fills", "debug"],
    // Nouns alone still decide.
    ["memory usage of the journal grows without bound", "optimize"],
    ["a memory leak in the event loop", "debug"],
    ["performance of the report", "optimize"],
    // Running out of memory is a failure, not slowness.
    ["restore of a 2 GB file runs out of memory", "debug"],
    ["backup gets OOM-killed on the NAS", "debug"],
    ["file_drop and kafka_src validate schemas differently, unify them", "refactor"],
    // How long something takes, in figures, is slowness reported; a time as a setting is not.
    ["the back office order list takes 8 seconds to load", "optimize"],
    ["the nightly export took over 3 hours", "optimize"],
    ["make the cart expire after 30 minutes", "general"],
    // An action named as the moment something happened is not asked for: the fault reported decides.
    ["the same partner file got ingested twice after a rename", "debug"],
    ["add a check after the migration", "implement"],
    ["since the refactor the importer crashes", "debug"],
    ["flagged comments vanish instead of waiting for review", "debug"],
    ["posts pending review show up in the feed", "debug"],
    ["the importer uses too much memory and then runs out of memory", "debug"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("inflects", () => {
  it.each([
    ["fixes", "fix"], ["fixed", "fix"], ["fixing", "fix"], ["debugging", "debug"], ["debugged", "debug"],
    ["optimizing", "optimize"], ["optimized", "optimize"], ["simplifies", "simplify"], ["simplified", "simplify"],
    ["setting", "set"], ["crashes", "crash"], ["errors", "error"], ["adds", "add"], ["added", "add"],
  ])("%s is a form of %s", (word, stem) => {
    expect(inflects(word, stem)).toBe(true);
  });

  it.each([
    ["address", "add"], ["fixture", "fix"], ["prefix", "fix"], ["debugger", "debug"], ["readd", "add"],
    ["additional", "add"], ["builder", "build"],
  ])("%s is not a form of %s", (word, stem) => {
    expect(inflects(word, stem)).toBe(false);
  });
});

describe("symptoms and verbs people type", () => {
  it.each([
    ["the parser chokes on quotes", "debug"],
    ["login stopped working", "debug"],
    ["sync stops working after an hour", "debug"],
    ["checkout breaks when the cart is empty", "debug"],
    ["the last deploy broke login", "debug"],
    ["checkout returns 500", "debug"],
    ["login gives a 401 for valid users", "debug"],
    ["the endpoint responds with HTTP 502", "debug"],
    ["migrate the cart to the new Money type", "refactor"],
    ["delete dead code in checkout", "refactor"],
    ["the checkout test is flaky", "debug"],
    ["parallelize the grid search", "optimize"],
    // Wishing for a new thing asks to build it; "the new Money type" is a thing.
    ["need a new cli command to close a period", "implement"],
    ["I'd like a new report for VAT", "implement"],
    ["the new Money type rounds to cents", "general"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });

  it.each([
    // Specifications, not symptoms: an imperative status code, a breaking change, a data migration added.
    ["return 404 for unknown products", "debug"],
    ["break the cart module into cart and pricing", "debug"],
    ["document the breaking changes", "debug"],
    ["add a migration for the users table", "refactor"],
  ])("%s is not %s", (request, type) => {
    expect(detectType(request).type).not.toBe(type);
  });
});

describe("what a request asks about is not what it asks for", () => {
  it.each([
    // Explaining: every keyword after the verb is to be explained.
    ["explain how invoices are built", "analyze", ["explain"]],
    ["explain why the journal crashes on an empty entry", "analyze", ["explain"]],
    ["explain why checkout returns 500", "analyze", ["explain"]],
    ["can you describe how sessions are created?", "analyze", ["describe"]],
    ["walk me through how the cli wires up the reports", "analyze", ["walk me through"]],
    ["help me understand why we build the index twice", "analyze", ["understand"]],
    // Questions and reviews: actions are asked about; a symptom still decides.
    ["how does the journal build entries?", "analyze", ["how does"]],
    ["what does rename_account do?", "analyze", ["what does"]],
    ["review how the importer creates accounts", "analyze", ["review"]],
    ["review the refactored journal", "analyze", ["review"]],
    ["why does the importer crash on a BOM?", "debug", ["crash"]],
    ["why is the report so slow?", "optimize", ["slow"]],
    // Another verb after "and", a comma or a full stop asks for a change.
    ["explain the crash and fix it", "debug", ["fix"]],
    ["review the importer and add tests for the edge cases", "implement", ["add"]],
    ["describe what the importer does and make it faster", "optimize", ["faster"]],
    ["Explain how invoices are built. Then add a PDF export.", "implement", ["add"]],
  ])("%s -> %s", (request, type, words) => {
    expect(detectType(request)).toEqual({ type, words });
  });

  it.each([
    // Not at the head of a clause, these words ask nothing.
    ["the describe command crashes on empty input", "debug"],
    ["add a describe subcommand to the cli", "implement"],
    ["the report should describe the period it covers", "general"],
    // Not a question; a state that is a wrong result ("are stale") reports a fault.
    ["the rates, which come from the ECB, are stale", "debug"],
    ["add a flag, which turns off rounding", "implement"],
    ["fix the importer, which crashes on BOM files", "debug"],
    ["review comments on the importer need addressing", "general"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("a yes/no question asks about the code", () => {
  it.each([
    ["does the importer handle BOMs?", "analyze", ["does"]],
    ["is the ledger thread-safe?", "analyze", ["is"]],
    ["can the exporter write CSV?", "analyze", ["can"]],
    ["are refunds validated?", "analyze", ["are"]],
    ["has the journal been refactored", "analyze", ["has"]],
    ["doesn't the journal reject entries that don't balance?", "analyze", ["does"]],
    ["quick question: should the fx module cache rates?", "analyze", ["should"]],
    // Asked of the reader, not asked for: an opinion, a possibility.
    ["should we split the importer?", "analyze", ["should"]],
    ["does anyone know how balances are built?", "analyze", ["does"]],
    ["is it possible that the journal posts a reversal twice?", "analyze", ["is"]],
    ["do reports include reversals?", "analyze", ["do"]],
    // A symptom decides, as in "why does the importer crash?".
    ["does the importer crash on empty files?", "debug", ["crash"]],
    ["is the trial balance report slow?", "optimize", ["slow"]],
    // Then a request: it decides.
    ["does the journal reject unbalanced entries? if not, add a check", "implement", ["add"]],
  ])("%s -> %s", (request, type, words) => {
    expect(detectType(request)).toEqual({ type, words });
  });

  it.each([
    // Polite requests: their verb decides.
    ["can you add a --dry-run flag?", "implement"],
    ["could someone fix the failing test", "debug"],
    ["would you refactor the fx module", "refactor"],
    ["is it possible to add a JSON export?", "implement"],
    ["would it be possible to make the import faster?", "optimize"],
    ["are you able to fix the failing test?", "debug"],
    // "do" and "have" are questions only with a question mark: otherwise they ask for work.
    ["do the renames in the journal", "refactor"],
    ["have a look at the money module", "analyze"],
    // Not a subject but a verb: "should add" asks for it.
    ["should add a cache to the fx lookups", "implement"],
    // Not at a sentence's head, without a question mark.
    ["the import works, has problems with BOMs though", "general"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("a past form of an implement word tells what was done", () => {
  it.each([
    ["merge duplicate patients created at the desk", "general"],
    // Not implement: the fault it states decides.
    ["the added column is always empty", "debug"],
    ["the CSV export should be added to the reports", "implement"],
    ["I want a CSV export added to the reports", "implement"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("improving: the kind of improvement decides", () => {
  it.each([
    ["improve the readability of the importer", "refactor"],
    ["reduce technical debt in the cli", "refactor"],
    ["the importer is a mess, clean it up", "refactor"],
    ["improve response time of the api", "optimize"],
    ["improve the build time", "optimize"],
    ["the importer uses too much memory", "optimize"],
    ["the import takes a minute, speed it up", "optimize"],
    ["the dashboard takes forever to load", "optimize"],
    ["harden the api against injection", "implement"],
    ["improve test coverage of the journal", "implement"],
    // Behaviour, or nothing said: general.
    ["improve the payments flow", "general"],
    ["improve error handling in the importer", "general"],
    ["make the error messages human-readable", "general"],
    ["tidy the wording of the receipt email", "general"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});
