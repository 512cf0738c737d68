import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import type { Scope } from "../../src/analyze/types.js";
import { loadSpec } from "../../src/spec/load.js";
import { initialismHits } from "../../src/analyze/initialisms.js";

// Rules found on an eleventh round of unseen trees (routes/unseen10.ts), each tried on trees other than
// the ones that found it: each case fails with its rule switched off.

const tree = (name: string) => loadSpec(fileURLToPath(new URL(`../fixtures/trees/${name}`, import.meta.url)));
const key = (scope: Scope) => (scope.kind === "modules" ? [...scope.ids].sort().join(",") : scope.kind === "layer" ? `layer ${scope.id}` : "system");

describe("an initialism names the one module whose spec spells it out", () => {
  it.each([
    // taskboard's auth-api: "Google and SAML single sign-on"; quarry's finance: "net revenue retention",
    // int_revenue: "Monthly recurring revenue".
    ["taskboard", "SSO with Okta loops back to the start page", "auth-api"],
    ["quarry", "NRR by cohort is wrong for customers who churned and came back", "finance"],
    ["quarry", "MRR movements double count upgrades in the same month", "int_revenue"],
  ])("%s: %s", (name, request, scope) => {
    expect(key(analyzeTask(request, tree(name)).scope)).toBe(scope);
  });

  // Guards: each fails with its check in initialisms.ts removed, not with the rule off.
  it("only in capitals, never a common one, a quoted value or a code's letters", () => {
    const quarry = tree("quarry");
    expect(initialismHits("the nrr is wrong", quarry, [])).toEqual([]);
    expect(initialismHits("KeyError: 'NRR' from the API", quarry, [])).toEqual([]);
    // labtrack's analyzers spec writes "ASTM E1394": an initialism and a code spell no "AE".
    expect(initialismHits("ORU messages are resent forever when the ACK is AE", tree("labtrack"), [])).toEqual([]);
  });

  // A guard: fails with `otherScope && hit.initialism` removed from withoutLooseNames.
  it("beside a path that says where, it says what the fault is about", () => {
    // backtest's indicators spell out "Average True Range"; the path is the risk module's.
    expect(key(analyzeTask("quantlab/risk.py:57: ZeroDivisionError when ATR is 0", tree("backtest")).scope)).toBe("risk");
  });
});

describe("a module name hyphenated into another word is a plain word", () => {
  it("beside another name", () => {
    // clinic: a pre-billing check is no billing module's; the appointments are named.
    expect(key(analyzeTask("the pre-billing check blocks walk-in appointments", tree("clinic")).scope)).toBe("appointments");
  });
});

describe("a module after 'during' is a circumstance beside another scope", () => {
  it.each([
    "review the platform layer for wakeups during recording",
    "battery drain during recording is 20% an hour, review the platform layer",
  ])("%s", (request) => {
    // stride's platform layer; recording is a feature module.
    expect(key(analyzeTask(request, tree("stride")).scope)).toBe("layer platform");
  });
});

describe("a load's figure is read before a name written as a plain word", () => {
  it("the plain word is the scope, the module after the figure the load", () => {
    // stride: "goal" is a plain word for `goals`, "routes" the module named in the figure.
    expect(key(analyzeTask("make the goal check faster, it takes 2 seconds with 3000 routes", tree("stride")).scope)).toBe("goals");
  });
});

describe("faults told in plain words are debug", () => {
  it.each([
    "the conversion rate is infinite for shops with no visits",
    "exchange rates on the checkout page are stale after midnight",
    "the invoice opens blank in Outlook",
    "the referral bonus pays nothing for annual plans",
    "the low stock alert fires too often on weekends",
    "the sunrise time is an hour off in Sydney",
    "the total uses the net price, should be the gross price",
    "the newest comments come first, it should be the other way round",
  ])("%s", (request) => {
    expect(detectType(request).type).toBe("debug");
  });

  it.each([
    ["take a day off the schedule for the bank holiday", "general"],
    ["the importer should be faster", "optimize"],
  ])("not: %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("lag, garbage collection and frame time are optimize", () => {
  it.each([
    "the dashboard lags when 500 sensors report at once",
    "GC pauses of 300 ms every few seconds in the matching engine",
    "frame time doubles on the world map",
  ])("%s", (request) => {
    expect(detectType(request).type).toBe("optimize");
  });

  it("consumer lag is a figure, not slowness of the code", () => {
    expect(detectType("consumer lag keeps growing during peak hours").type).toBe("debug");
  });
});

describe("a fault in the condition of a request to build says when the new thing acts", () => {
  it.each([
    ["add a retry with backoff when the upload fails", "implement"],
    ["build a fallback page if the payment provider times out", "implement"],
  ])("%s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });

  it.each([
    "the upload fails when the file is large",
    "fix the crash when the cart is empty",
    "add retries, the upload fails every night",
  ])("not: %s", (request) => {
    expect(detectType(request).type).toBe("debug");
  });
});
