import { describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import { loadSpec } from "../../src/spec/load.js";
import { ledgerSpec } from "./fixture.js";
import { EXAMPLE } from "./routes/ledger.js";
import { SHOP, SNAPR } from "./routes/unseen.js";

const mods = (...ids: string[]) => ({ kind: "modules", ids });

describe("a module's name written as an ordinary noun", () => {
  const shop = loadSpec(SHOP);
  const snapr = loadSpec(SNAPR);

  it("gives way to the one module the other words meet, when it comes after them", () => {
    // pricing provides `Coupon`; the customers' spec says nothing of coupons.
    const a = analyzeTask("give customers 10% off with a coupon code on their first purchase", shop);
    expect(a.scope).toEqual(mods("pricing"));
    expect(a.because).toEqual(["coupon -> pricing (provides)"]);
    // Retention is prune's: "keep the last N, N daily, N weekly".
    expect(analyzeTask("keep 7 daily and 4 weekly snapshots by default", snapr).scope).toEqual(mods("prune"));
    expect(analyzeTask("keep the last 10 snapshots", snapr).scope).toEqual(mods("prune"));
  });

  it("stays the scope, joined by that module, when the request begins with it", () => {
    const a = analyzeTask("the cart ignores coupons", shop);
    expect(a.scope).toEqual(mods("pricing", "cart"));
    expect(a.because).toEqual(["ignores", "cart", "coupons -> pricing (provides)"]);
  });

  it("stays the scope alone when its module meets another word, or several modules do", () => {
    // "symlinks" is the snapshot's own word.
    expect(analyzeTask("snapshots of /home miss symlinks", snapr).scope).toEqual(mods("snapshot"));
    // "checkout" is in the customers' and the storefront's specs.
    expect(analyzeTask("customers cannot apply a coupon at checkout", shop).scope).toEqual(mods("customers"));
    // "reversed" is in the events', the importer's and the journal's specs: the project's vocabulary.
    expect(analyzeTask("do reports include reversed entries?", loadSpec(EXAMPLE)).scope).toEqual(mods("reports"));
  });

  // Specs of ids and paths only: "import" meets the importer alone, "balance" the balances.
  const bare = ledgerSpec();

  it("stays the scope when the other module's words are the ones right before it, which describe it", () => {
    // An import report is a report, a balance sheet report too.
    expect(analyzeTask("add an import report", bare).scope).toEqual(mods("reports"));
    expect(analyzeTask("add a balance sheet report", bare).scope).toEqual(mods("reports"));
  });

  it("stays the scope beside a pasted trace, whose words are code", () => {
    // `ValueError` meets the errors module alone.
    const foreign = 'the cli fails:\nTraceback (most recent call last):\n  File "/usr/lib/python3.11/json/decoder.py", line 3, in decode\n    x\nValueError: bad';
    expect(analyzeTask(foreign, bare).scope).toEqual(mods("cli"));
  });

  it("stays the scope when qualified or one of several names", () => {
    expect(analyzeTask("give the customers module a coupon code field", shop).scope).toEqual(mods("customers"));
    expect(analyzeTask("keep 7 daily snapshots in the repo", snapr).scope).toEqual(mods("repo", "snapshot"));
  });
});
