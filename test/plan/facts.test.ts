import { describe, expect, it } from "vitest";
import { moduleFacts } from "../../src/plan/facts.js";
import type { ModuleSpec } from "../../src/spec/types.js";

const purpose = (body: string) => moduleFacts({ body } as ModuleSpec).purpose;

describe("a module's purpose comes from its own Purpose section, not its persona (issue 12, findings 8 and 9)", () => {
  it("skips first-person persona sentences and takes the next one", () => {
    expect(purpose("# Events\n\n## 🎯 Purpose\n\nI am the Events Module Agent. I own everything about events. Routes market events to subscribers in order of arrival.\n")).toBe(
      "Routes market events to subscribers in order of arrival.",
    );
    expect(purpose("## Purpose\n\nAs the Tides Module Agent, I keep the tables. You are responsible for tides.\n\nParses tide tables v1.2 and v2.\n")).toBe("Parses tide tables v1.2 and v2.");
  });

  it("never a subsection's text, which may be about another module", () => {
    expect(purpose("## Purpose\n\nI am the Signals Agent.\n\n### Relationship to portfolio\n\nThe portfolio module sizes positions.\n")).toBeUndefined();
  });

  it("a plain first sentence stays as it was", () => {
    expect(purpose("## Purpose\n\nBalanced posting validation. More text.\n")).toBe("Balanced posting validation.");
    expect(purpose("## 1. Module Purpose\n\nKeeps the ledger\n")).toBe("Keeps the ledger");
  });
});
