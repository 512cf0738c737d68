import { describe, expect, it } from "vitest";
import { abbreviatedBy, abbreviates } from "../../src/analyze/abbreviations.js";
import { analyzeTask } from "../../src/analyze/index.js";
import { loadSpec } from "../../src/spec/load.js";
import { tree } from "../helpers/tree.js";
import { BACKTEST } from "./routes/backtest.js";
import { CLINIC } from "./routes/clinic.js";
import { EXAMPLE } from "./routes/ledger.js";
import { PIPELINE, SHOP, SNAPR, TERSE } from "./routes/unseen.js";

describe("an abbreviated part of a module id", () => {
  it("is a word's beginning of three letters or more, or its consonant skeleton", () => {
    expect(abbreviates("inv", "inventory")).toBe(true);
    expect(abbreviates("repo", "repository")).toBe(true);
    expect(abbreviates("svc", "service")).toBe(true);
    expect(abbreviates("pmt", "payment")).toBe(true);
    expect(abbreviates("cfg", "config")).toBe(true);
    expect(abbreviates("cmts", "comments")).toBe(true);
    expect(abbreviates("wh", "warehouse")).toBe(true);
  });

  it("is not a vowel-bearing part that is no beginning, another form of the same word, or a two-letter beginning", () => {
    expect(abbreviates("cli", "completion")).toBe(false);
    expect(abbreviates("order", "orders")).toBe(false);
    expect(abbreviates("pricing", "price")).toBe(false);
    expect(abbreviates("ca", "cart")).toBe(false);
    expect(abbreviates("svc", "src")).toBe(false);
  });

  it("stands for the module's own words, its paths and Provides, in any form", () => {
    const shop = loadSpec(SHOP).modules;
    const ids = (word: string, modules = shop) => abbreviatedBy(word, modules).map((m) => m.id);
    expect(ids("inventory")).toEqual(["inv_svc"]);
    expect(ids("service")).toEqual(["inv_svc"]);
    expect(ids("payment")).toEqual(["pmt"]); // `PaymentGateway`
    expect(ids("payments")).toEqual(["pmt"]); // `src/payments/`
    expect(ids("notifications")).toEqual(["notif"]); // `src/notify/`
    expect(ids("pricing")).toEqual([]);
    expect(ids("config", loadSpec(SNAPR).modules)).toEqual(["cfg"]);
    expect(ids("comments", loadSpec(TERSE).modules)).toEqual(["cmts"]);
    // "permissions" begins with p, as `pmt` does, but no path or Provides of pmt's says it.
    expect(ids("permissions")).toEqual([]);
  });

  it("is nowhere in the trees whose ids are words", () => {
    for (const root of [EXAMPLE, BACKTEST, CLINIC]) {
      const spec = loadSpec(root);
      const words = new Set(spec.modules.flatMap((m) => [...m.files, ...m.provides]).flatMap((f) => f.toLowerCase().match(/[a-z]+/g) ?? []));
      expect([...words].filter((w) => abbreviatedBy(w, spec.modules).length > 0)).toEqual([]);
    }
  });
});

describe("a word an id abbreviates, before module, service, package or component", () => {
  it("names the module, not the layer a plural of the qualifier names", () => {
    const shop = loadSpec(SHOP);
    // `services` is a layer of the shop; "service" was read as it.
    expect(analyzeTask("fix the inventory service", shop).scope).toEqual({ kind: "modules", ids: ["inv_svc"] });
    expect(analyzeTask("the payment service charges some cards twice", shop).scope).toEqual({ kind: "modules", ids: ["pmt"] });
    // Any form of the word: notif owns `src/notify/`.
    expect(analyzeTask("the notification service sends every email twice", shop).scope).toEqual({ kind: "modules", ids: ["notif"] });
    expect(analyzeTask("fix the config package", loadSpec(SNAPR)).scope).toEqual({ kind: "modules", ids: ["cfg"] });
    expect(analyzeTask("the moderation module holds every comment", loadSpec(TERSE)).scope).toEqual({ kind: "modules", ids: ["mod_q"] });
  });

  it("names no module when two modules' ids stand for it", () => {
    expect(analyzeTask("the warehouse module drops rows", loadSpec(PIPELINE)).scope).toEqual({ kind: "modules", ids: ["wh_writer"] });
    // `pay_svc` and `pmt_gw` both stand for "payment": the word alone decides nothing.
    const two = tree(["pay_svc: services", "pmt_gw: services", "cart: services"]);
    two.modules[0]!.files = ["src/payment/service.py"];
    two.modules[1]!.provides = ["PaymentGateway"];
    expect(abbreviatedBy("payment", two.modules).map((m) => m.id)).toEqual(["pay_svc", "pmt_gw"]);
    expect(analyzeTask("the payment module times out", two).scope).not.toEqual({ kind: "modules", ids: ["pmt_gw"] });
    expect(analyzeTask("the payment module times out", two).scope).not.toEqual({ kind: "modules", ids: ["pay_svc"] });
  });
});
