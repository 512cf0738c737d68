import { describe, expect, it } from "vitest";
import { analyzeTask, detectType } from "../../src/analyze/index.js";
import { withDependents } from "../../src/analyze/dependents.js";
import { findNames } from "../../src/analyze/names.js";
import { withoutCircumstance } from "../../src/analyze/circumstance.js";
import { typeWords } from "../../src/analyze/text.js";
import { opensAtLine } from "../../src/analyze/trace.js";
import type { ScopeResult } from "../../src/analyze/scope.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";

// Rules found on a sixth round of unseen trees (routes/unseen5.ts), each tried on a tree of its
// own: each case fails with its rule switched off.

/** A ferry company: timetables and berths, bookings on them, a ticket office that uses bookings. */
function ferry() {
  return loadSpec(
    makeProject({
      ".claude/layers/core/modules/TIMETABLE_AGENT.md": moduleSpec({ module: "ferry/timetable.py", body: "## Purpose\n\nSailings per route and season.\n" }),
      ".claude/layers/core/modules/BERTHS_AGENT.md": moduleSpec({ module: "ferry/berths.py", body: "## Purpose\n\nCabins and car deck lanes of each vessel.\n" }),
      ".claude/layers/sales/modules/BOOKINGS_AGENT.md": moduleSpec({ module: "ferry/bookings.py", body: "## Purpose\n\nReservations of cabins and car deck space.\n\n## Depends On\n\n- timetable\n- berths\n" }),
      ".claude/layers/sales/modules/TICKET_OFFICE_AGENT.md": moduleSpec({ module: "ferry/office.py", body: "## Purpose\n\nThe desk at the port: sells and prints tickets.\n\n## Depends On\n\n- bookings\n" }),
    }),
  );
}

describe("everywhere except a module", () => {
  it("leaves the module out, though it uses the others", () => {
    const analysis = analyzeTask("upgrade pydantic everywhere except the ticket office", ferry());
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["berths", "timetable", "bookings"] });
    expect(analysis.evidence?.some((e) => e.source === "dependents")).toBe(false);
  });

  it("still takes the users of a module renamed everywhere", () => {
    expect(analyzeTask("rename Booking.hold to reserve everywhere", ferry()).scope).toEqual({ kind: "modules", ids: ["bookings", "ticket_office"] });
  });
});

describe("a module's name in a host name", () => {
  it("names the site, not the module", () => {
    expect(findNames("sailings sold on Bookings.com, api.timetable.io and www.bookings.net", ferry())).toEqual([]);
    expect(analyzeTask("the ticket office prints sailings sold on Bookings.com twice", ferry()).scope).toEqual({ kind: "modules", ids: ["ticket_office"] });
  });

  it("still names the module outside one", () => {
    expect(analyzeTask("bookings arrive without a cabin", ferry()).scope).toEqual({ kind: "modules", ids: ["bookings"] });
  });
});

describe("a module named in a circumstance", () => {
  it("gives way to the module the request is about", () => {
    expect(analyzeTask("the ticket office is slow with 300 bookings", ferry()).scope).toEqual({ kind: "modules", ids: ["ticket_office"] });
    expect(analyzeTask("ticket office: print a quote without berths", ferry()).scope).toEqual({ kind: "modules", ids: ["ticket_office"] });
  });

  it("is the scope when nothing else names one", () => {
    expect(analyzeTask("slow with 300 bookings", ferry()).scope).toEqual({ kind: "modules", ids: ["bookings"] });
  });
});

/** A gym's app: member accounts under a display name, class reminders, bookings of classes. */
function gym() {
  return loadSpec(
    makeProject({
      ".claude/layers/core/modules/ACCOUNTS_AGENT.md": moduleSpec({ frontMatter: "name: Member Accounts", module: "gym/accounts.py", body: "## Purpose\n\nSign-up, login and profiles.\n" }),
      ".claude/layers/core/modules/ALERTS_AGENT.md": moduleSpec({ module: "gym/alerts.py", body: "## Purpose\n\nClass reminders by push, respecting quiet hours.\n" }),
      ".claude/layers/core/modules/CLASSES_AGENT.md": moduleSpec({ module: "gym/classes.py", body: "## Purpose\n\nTimetable of classes and their trainers.\n" }),
    }),
  );
}

describe("a word of a module's display name its id does not hold", () => {
  it("gives way to the module whose spec meets the rest of the request", () => {
    expect(analyzeTask("members get reminders at 3am, quiet hours ignored", gym()).scope).toEqual({ kind: "modules", ids: ["alerts"] });
  });

  it("still names the module alone, or by its id", () => {
    expect(analyzeTask("members cannot log in", gym()).scope).toEqual({ kind: "modules", ids: ["accounts"] });
    expect(analyzeTask("member accounts get reminders at 3am, quiet hours ignored", gym()).scope).toEqual({ kind: "modules", ids: ["accounts", "alerts"] });
  });
});

describe("a fault stated in a quick ticket", () => {
  it("reads a negation written without its apostrophe", () => {
    expect(detectType("the refund dont appear on the receipt").type).toBe("debug");
    expect(detectType("the cabin list doesnt refresh").type).toBe("debug");
    expect(detectType("car deck lanes isnt updated after a cancellation").type).toBe("debug");
    expect(detectType("the ticket printer wont print").type).toBe("debug");
  });

  it("reads a clause opening with an -ing or -ed form as a statement, not a command", () => {
    expect(detectType("moving a booking to another sailing loses the cabin").type).toBe("debug");
    expect(detectType("required passenger names can be skipped at the desk").type).toBe("debug");
    // A command is still one: "skip" opens it.
    expect(detectType("skip the cabin step for foot passengers").type).toBe("general");
  });

  it("reads what arrives without a part of it as a fault", () => {
    expect(detectType("bookings from the agency arrive without the cabin number")).toEqual({ type: "debug", words: ["arrive without"] });
    expect(detectType("let walk-in passengers arrive without a booking").type).toBe("implement");
  });

  it("reads 'nothing' doing something after a condition as a fault", () => {
    expect(detectType("when the printer is offline nothing prints at the desk")).toEqual({ type: "debug", words: ["nothing prints"] });
    // A condition before a command states none.
    expect(detectType("when a sailing is cancelled notify the passengers").type).toBe("general");
  });
});

describe("a request that opens with a file and a line", () => {
  it("reports what is wrong there when it asks for nothing else", () => {
    const analysis = analyzeTask("ferry/bookings.py:42 rounds the fare before the discount", ferry());
    expect(analysis.type).toBe("debug");
    expect(analysis.scope).toEqual({ kind: "modules", ids: ["bookings"] });
  });

  it("asks what its words ask", () => {
    expect(analyzeTask("ferry/bookings.py:42 add a check for an empty cabin", ferry()).type).toBe("implement");
    expect(analyzeTask("rounds the fare before the discount, see ferry/bookings.py", ferry()).type).toBe("general");
  });
});

describe("words people write for a kind of problem or a thing", () => {
  it("reads N+1 queries as slowness", () => {
    expect(detectType("N+1 queries when the sailings page lists cabins").type).toBe("optimize");
    expect(detectType("an n+1 problem in the cabin list").type).toBe("optimize");
  });

  it("reads an audit log or a night audit as a thing, not an ask to audit", () => {
    expect(detectType("the audit log misses cancelled bookings").type).toBe("debug");
    expect(detectType("cabin charges posted twice when the night audit reruns").type).toBe("debug");
    expect(detectType("audit the ticket office for card data in logs").type).toBe("analyze");
  });
});

describe("hostile input stays fast", () => {
  // As the log parsers' bound (test/logs/hostile.test.ts): the new scans over 100 KB of text in well under 2 s.
  const spec = ferry();
  const named: ScopeResult = { scope: { kind: "modules", ids: ["bookings"] }, because: [], evidence: [], confidence: 0.9 };

  it.each([["everywhere except ".repeat(6_000)], ["everywhere, but ".repeat(6_000)]])("reads 'everywhere' in request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    withDependents(named, request, spec);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it.each([["bookings.".repeat(10_500)], ["www.bookings.com ".repeat(6_000)], [`${"bookings.a".repeat(9_500)}.com`]])("finds names in request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    findNames(request, spec);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it.each([["a.".repeat(50_000)], [`.${"a".repeat(100_000)}`], [`${"a/".repeat(50_000)}.py`]])("reads a pointed line in request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    expect(opensAtLine(request)).toBe(false);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it("weighs names in circumstances in a request of about 100 KB", () => {
    const request = "without bookings with 300 bookings ".repeat(2_700);
    expect(request.length).toBeGreaterThan(90_000);
    const names = findNames(request, spec);
    const started = cpuMs();
    withoutCircumstance(request, names);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it("reads negations without apostrophes in a request of about 100 KB", () => {
    const request = "dont doesnt isnt cant ".repeat(4_500);
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    expect(typeWords(request)).toHaveLength(36_000);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it.each([
    [`when ${"the printer is offline ".repeat(4_500)}nothing prints`],
    ["when nothing prints, ".repeat(5_000)],
    ["moving required ".repeat(6_500)],
  ])("reads request %# of about 100 KB", (request) => {
    expect(request.length).toBeGreaterThan(90_000);
    const started = cpuMs();
    detectType(request);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});
