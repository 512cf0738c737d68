import { describe, expect, it } from "vitest";
import { clauseWords } from "../../src/analyze/asking.js";
import { detectType } from "../../src/analyze/type.js";
import { commandClauses, commandHeads, findSymptom } from "../../src/analyze/symptom.js";
import { cpuMs } from "../helpers/cpu-time.js";

// The policy (README "Request types"): a request that only describes something broken asks to
// have it fixed, so it is debug without any task word; a request with no fault and no task word,
// a command or a wish, stays general. Requests written for these tests.

describe("a statement that reports a fault is debug", () => {
  it.each([
    // Something not happening.
    ["the nightly sync never starts on Sundays", "never"],
    ["the invoice PDF does not include the tax line", "does not"],
    ["uploaded avatars won't appear on the account page", "will not"],
    ["the weekly report no longer lists archived teams", "no longer"],
    // "no" after a subject is no command's object.
    ["members no longer receive the digest", "no longer"],
    // Happening wrongly: twice, persistently, out of order, in place of the right thing.
    ["the webhook fires twice for each order", "twice"],
    ["deactivated users still receive the newsletter", "still"],
    ["the banner always shows the English text", "always"],
    ["log lines from two workers come out of order", "out of order"],
    ["the scheduler picks the oldest job instead of the most urgent", "instead of"],
    ["the progress bar restarts every time a chunk is retried", "every time"],
    ["the tooltip flickers over the chart", "flickers"],
    // Something lost, ignored, missed, dropped, kept going.
    ["draft comments are lost when the tab is closed", "are lost"],
    ["the exporter ignores the date filter", "ignores"],
    ["the history panel misses role changes", "misses"],
    ["the parser drops trailing whitespace inside quoted fields", "drops"],
    ["memory of the worker keeps growing overnight", "keeps growing"],
    ["duplicated rows in the export after a retry", "duplicated"],
    // A wrong or empty result.
    ["the totals row shows zero for every region", "shows zero"],
    ["the search endpoint returns nothing for quoted phrases", "returns nothing"],
    ["the export button does nothing on Safari", "does nothing"],
    ["the discount lets the order total go below zero", "go below"],
    // Something done to it that should not be: a passive or "get" statement.
    ["shipping fees are charged on digital goods", "are charged"],
    ["guests get redirected to the login page after checkout", "get redirected"],
    ["archived projects show up in the picker", "show up"],
    ["spoofed emails get through the sender check", "get through"],
    // One thing taken for another.
    ["the roster shows absent players as present", "shows as"],
    ["the importer reads the due dates as text", "reads as"],
    // Late, and done where it should not be.
    ["the daily digest goes out two hours late", "hours late"],
    ["the rate limit is applied to internal calls too", "is applied"],
    ["stale prices are cached for admins too", "are cached"],
  ])("%s -> debug (%s)", (request, cue) => {
    expect(detectType(request)).toEqual({ type: "debug", words: [cue] });
  });

  it("reads a clause-final 'too' as something done where it should not be", () => {
    expect(detectType("the watermark lands on the thumbnails too").words).toEqual(["too"]);
  });

  it("reads the statement after an issue reference or a comma", () => {
    expect(detectType("#412 the CSV header repeats on every page").type).toBe("debug");
    expect(detectType("seen in staging, the cache never expires").type).toBe("debug");
  });
});

describe("a command or a wish with no task word stays general", () => {
  it.each([
    ["send the invoice reminder 3 days before the due date instead of 1"],
    ["never send marketing mail to unsubscribed users"],
    ["ignore hidden files when scanning the folder"],
    ["drop the legacy v1 endpoints"],
    ["keep the last 20 releases"],
    ["page the on-call when the queue misses its deadline twice"],
    ["archived invoices should not show up in search"],
    ["the summary must always include the currency"],
    ["we need the badge to update every time a card moves"],
    // No fault and no verb: names, not a report.
    ["the invoices and the payments"],
    ["zero-downtime deploys for the worker pool"],
    // "as" that takes nothing for anything.
    ["the digest lists the open tickets as well"],
    ["the receipt shows the totals as expected"],
    // What something is, not what is done to it.
    ["the worker pool is based on the old scheduler"],
    ["the scheduler is implemented in Go"],
    // "that are" describes the results.
    ["paginate results that are returned by the search endpoint"],
  ])("%s -> general", (request) => {
    expect(detectType(request).type).toBe("general");
  });

  it("reads a question as a question, not a report", () => {
    expect(findSymptom(clauseWords("why is the cache never cleared?"))).toBeUndefined();
  });
});

describe("a task word decides over a symptom", () => {
  it.each([
    ["refactor the exporter, it ignores the date filter", "refactor"],
    ["add a retry, uploads are lost on flaky networks", "debug"],
    ["review why the totals row shows zero", "analyze"],
  ])("%s -> %s", (request, type) => {
    expect(detectType(request).type).toBe(type);
  });
});

describe("inability in a command says what is wanted", () => {
  it("reads 'can't' in a command as the wanted state", () => {
    expect(detectType("make archived boards read-only so members can't edit them").type).toBe("general");
    expect(detectType("hide drafts from people who cannot publish").type).toBe("general");
  });

  it("still reads 'can't' in a statement as a fault", () => {
    expect(detectType("members can't edit archived boards").type).toBe("debug");
    expect(detectType("I cannot open the settings page").type).toBe("debug");
  });
});

describe("a command that asks for a capability is implement", () => {
  it.each([
    ["let admins export the audit log as CSV", "let"],
    ["allow guests to comment without an account", "allow"],
    ["support WebP uploads in the media library", "support"],
    ["enable gzip for the static assets", "enable"],
  ])("%s -> implement", (request, word) => {
    expect(detectType(request)).toEqual({ type: "implement", words: [word] });
  });

  it("leaves 'let me know' and a noun 'support' alone", () => {
    expect(detectType("let me know how retries work").type).toBe("analyze");
    expect(detectType("let's look at the retry settings").type).toBe("analyze");
    expect(detectType("the support inbox and the sales inbox").type).toBe("general");
  });
});

describe("moving code from one place into another is a refactor", () => {
  it("reads 'move X out of A into B' and 'move X from A to B' as refactor", () => {
    expect(detectType("move the date parsing out of the controller into a helper")).toEqual({ type: "refactor", words: ["move"] });
    expect(detectType("move retry logic from the client to the transport")).toEqual({ type: "refactor", words: ["move"] });
  });

  it("leaves a move without a source general", () => {
    expect(detectType("move the banner to the top of the page").type).toBe("general");
  });
});

describe("keywords found on the second unseen round", () => {
  it.each([
    ["the SPI bus locks up after a few transfers", "debug", ["locks up"]],
    ["add type hints to the billing package", "refactor", ["type hints"]],
    ["the consumer can't keep up with the topic", "optimize", ["can not keep up"]],
    ["the indexer falls behind during imports", "optimize", ["falls behind"]],
    ["shrink the bundle size of the admin app", "optimize", ["bundle size"]],
  ])("%s -> %s", (request, type, words) => {
    expect(detectType(request)).toEqual({ type, words });
  });
});

describe("a time stated is slowness reported", () => {
  it("reads a duration written in words", () => {
    expect(detectType("opening the inbox takes several seconds")).toEqual({ type: "optimize", words: ["takes several seconds"] });
    expect(detectType("the migration took three hours")).toEqual({ type: "optimize", words: ["took three hours"] });
  });

  it("reads 'times are N minutes'", () => {
    expect(detectType("wait times are over 20 minutes at the help desk")).toEqual({ type: "optimize", words: ["times are over 20 minutes"] });
  });
});

describe("slowness in a condition is the circumstance", () => {
  it("lets the fault before it decide", () => {
    expect(detectType("the heartbeat misses its window when the network is slow")).toEqual({ type: "debug", words: ["misses"] });
  });

  it("leaves slowness in the main clause optimize", () => {
    expect(detectType("the page is slow when the cart has 200 items").type).toBe("optimize");
    expect(detectType("the heartbeat is slow when the network is slow").type).toBe("optimize");
  });
});

describe("hostile input stays linear", () => {
  // Hostile input, as the log parsers' bound (test/logs/hostile.test.ts): a scan per word of a
  // quarter megabyte of words would take minutes.
  it.each([
    ["never ".repeat(40_000)],
    ["the cart is ".repeat(20_000)],
    ["send the ".repeat(20_000)],
    ["a, ".repeat(60_000)],
    [`the sync ${"when it ".repeat(20_000)} is slow and misses`],
  ])("finds symptoms and commands in %#", (request) => {
    const words = clauseWords(request);
    const started = cpuMs();
    findSymptom(words);
    commandClauses(words);
    commandHeads(words);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });

  it.each([
    [`move the x from ${"a ".repeat(20_000)}`],
    [`the sync ${"when it ".repeat(8_000)} is slow and misses`],
    [`queue times are ${"1".repeat(50_000)} minutes`],
    [`it takes ${"1,".repeat(15_000)} seconds`],
    [`it takes ${"two ".repeat(15_000)} seconds`],
  ])("types %#", (request) => {
    const started = cpuMs();
    detectType(request);
    expect(cpuMs() - started).toBeLessThan(2_000);
  });
});
