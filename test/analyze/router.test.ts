import { describe, expect, it } from "vitest";
import { analyzeTask, parseScopeOption, scopeWarnings } from "../../src/analyze/index.js";
import { contextOf } from "../../src/analyze/context.js";
import { stem } from "../../src/analyze/stem.js";
import { readHints } from "../../src/analyze/hints.js";
import { folderOwners, ownersOf } from "../../src/analyze/owners.js";
import { UsageError } from "../../src/errors.js";
import { planRequest } from "../../src/plan/request.js";
import { loadSpec } from "../../src/spec/load.js";
import { extractSummary } from "../../src/spec/purpose.js";
import { bareModule, tree } from "../helpers/tree.js";
import { makeProject } from "../helpers/project.js";
import { BACKTEST } from "./routes/backtest.js";
import { CLINIC } from "./routes/clinic.js";
import { EXAMPLE } from "./routes/ledger.js";
import { PIPELINE, SHOP, SNAPR, TERSE } from "./routes/unseen.js";
import { ARENA, FIELDNODE, TASKBOARD, TRAINER } from "./routes/unseen2.js";

const backtest = loadSpec(BACKTEST);

describe("the fixture trees", () => {
  it("load without warnings", () => {
    expect(backtest.warnings).toEqual([]);
    expect(backtest.modules).toHaveLength(12);
    expect(loadSpec(CLINIC).warnings).toEqual([]);
    for (const root of [SHOP, PIPELINE, SNAPR, TERSE, TASKBOARD, TRAINER, FIELDNODE, ARENA]) expect(loadSpec(root).warnings).toEqual([]);
  });
});

describe("words the best module does not explain", () => {
  const shop = loadSpec(SHOP);

  it("bring in the module that explains them, though a name match scores far above it", () => {
    // orders_api's name meets "orders" (boost 6); only pricing's purpose says "discounts".
    const a = analyzeTask("add a discount for bulk orders", shop);
    expect(a.scope).toEqual({ kind: "modules", ids: ["pricing", "orders_api"] });
    expect(a.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ target: "pricing", source: "purpose", words: expect.arrayContaining(["discount"]) })]));
    // Any form of the word: the spec says "discounts".
    expect(analyzeTask("discounted items should not stack with coupons", shop).scope).toEqual({ kind: "modules", ids: ["pricing"] });
  });

  it("do not when the best module explains most of the request: a stray word is no second module", () => {
    // "authors" is in users' purpose alone, with a third of the posts module's score, but posts meets two of the three words.
    expect(analyzeTask("let authors schedule an article for later", loadSpec(TERSE)).scope).toEqual({ kind: "modules", ids: ["posts"] });
    // "twice" is in dedup's purpose alone, but scores a fortieth of alerting's.
    expect(analyzeTask("page the on-call when a job misses its SLA twice in a row", loadSpec(PIPELINE)).scope).toEqual({ kind: "modules", ids: ["alerting"] });
  });
});

describe("words people use for the spec's words", () => {
  it("a verb in -ate meets its -ation noun, and -ify its -ification", () => {
    // The spec says "aggregate.py" and "Rolls ... up"; notif's owns `src/notify/`.
    expect(analyzeTask("the aggregation is wrong", loadSpec(PIPELINE)).scope).toEqual({ kind: "modules", ids: ["agg"] });
    expect(analyzeTask("the notifications are slow", loadSpec(SHOP)).scope).toEqual({ kind: "modules", ids: ["notif"] });
  });

  it("a verb meets its -ment noun when the verb has six letters or more, not comment or statement", () => {
    expect(analyzeTask("split the enrichment step into geo and currency parts", loadSpec(PIPELINE)).scope).toEqual({ kind: "modules", ids: ["enrich"] });
    expect(stem("enrichment")).toBe(stem("enrich"));
    expect(stem("settlements")).toBe(stem("settle"));
    expect(stem("comment")).not.toBe(stem("com"));
    expect(stem("statement")).not.toBe(stem("state"));
    expect(stem("payment")).toBe("payment");
  });

  it("cipher means encryption, in any form", () => {
    const snapr = loadSpec(SNAPR);
    expect(analyzeTask("support XChaCha20-Poly1305 as a second cipher", snapr).scope).toEqual({ kind: "modules", ids: ["crypto"] });
    expect(analyzeTask("which ciphers can a repository use?", snapr).scope).toEqual({ kind: "modules", ids: ["crypto"] });
  });

  it("prepositions name nothing: \"through\" in a mailer's purpose does not outweigh \"spam\" in the moderation queue's", () => {
    expect(analyzeTask("spam gets through on old articles", loadSpec(TERSE)).scope).toEqual({ kind: "modules", ids: ["mod_q"] });
  });
});

describe("the spec index", () => {
  it("matches name parts, Provides split by case, and says where", () => {
    const a = analyzeTask("add rate limiting to the Schwab API client", backtest);
    expect(a.scope).toEqual({ kind: "modules", ids: ["schwab_fetcher"] });
    expect(a.evidence).toEqual(expect.arrayContaining([expect.objectContaining({ target: "schwab_fetcher", source: "id", words: ["schwab"] })]));
    const b = analyzeTask("the sharpe ratio calculation is wrong", backtest);
    expect(b).toMatchObject({ type: "debug", scope: { kind: "modules", ids: ["performance"] } });
    expect(b.evidence).toEqual([expect.objectContaining({ target: "performance", source: "provides", words: ["sharpe", "ratio"] })]);
    expect(b.because).toContain("sharpe, ratio -> performance (provides)");
    expect(b.confidence).toBeGreaterThan(0.5);
  });

  it("is built once per spec tree, on first use", () => {
    const spec = loadSpec(BACKTEST);
    const context = contextOf(spec);
    expect(contextOf(spec)).toBe(context);
    analyzeTask("the sortino ratio is negative", spec);
    const index = context.index();
    analyzeTask("the calmar ratio is missing", spec);
    expect(context.index()).toBe(index);
  });

  it("leaves out the project's own vocabulary: a word in most specs names no module", () => {
    const ledger = loadSpec(EXAMPLE);
    // "ledger" is in every spec of the example and in `LedgerError`, which the errors module provides.
    expect(analyzeTask("implement the ledger", ledger).scope).toEqual({ kind: "system" });
  });
});

describe("a word only one module's purpose uses", () => {
  const clinic = loadSpec(CLINIC);

  it("is the scope when nothing stronger matches, with a low confidence", () => {
    // "payments" is in billing's purpose, in no name, title or other spec.
    const a = analyzeTask("improve the payments flow", clinic);
    expect(a.scope).toEqual({ kind: "modules", ids: ["billing"] });
    expect(a.because).toEqual(["payments -> billing (purpose)"]);
    expect(a.confidence).toBeLessThan(0.8);
    expect(analyzeTask("the payment step is slow", clinic).scope).toEqual({ kind: "modules", ids: ["billing"] });
  });

  it("is no scope when another module's purpose owns another word as much", () => {
    // "payments" is billing's, "recorded" (records) patients'.
    expect(analyzeTask("how are payments recorded?", clinic).scope).toEqual({ kind: "system" });
  });
});

describe("a module name that is also a task word", () => {
  it.each([
    ["refactor performance", "refactor", ["performance"]],
    ["add max drawdown duration to the performance analyzer", "implement", ["performance"]],
    ["optimize the optimizer", "optimize", ["optimizer"]],
  ])("%s -> %s · %j", (request, type, ids) => {
    expect(analyzeTask(request, backtest)).toMatchObject({ type, scope: { kind: "modules", ids } });
  });

  it("stays a keyword when another module is named or nothing else gives the type", () => {
    expect(analyzeTask("performance of the portfolio", backtest)).toMatchObject({ type: "optimize", scope: { kind: "modules", ids: ["portfolio"] } });
  });
});

describe("owned folders", () => {
  const spec = tree(["strategy: core", "special: core", "engine: core"]);
  spec.modules[0]!.files = ["strategies/"];
  spec.modules[1]!.files = ["strategies/special/**/*.py"];
  spec.modules[2]!.files = ["src/engine/strategies/"];

  it("a path under an owned folder belongs to its module; the most specific folder wins", () => {
    expect(ownersOf("strategies/macd.py", spec)).toEqual(["strategy"]);
    expect(ownersOf("strategies/special/x/y.py", spec)).toEqual(["special"]);
    expect(folderOwners("strategies", spec)).toEqual(["strategy"]);
    expect(ownersOf("src/engine/strategies/a.py", spec)).toEqual(["engine"]);
    expect(ownersOf("other/macd.py", spec)).toEqual([]);
  });

  it("a file named without its folder maps through the files on disk", () => {
    const a = analyzeTask("fix MACD_Trend_v4 crashing when VIX data is missing", backtest);
    expect(a).toMatchObject({ type: "debug", scope: { kind: "modules", ids: ["strategy"] }, confidence: 0.95 });
    expect(a.because).toContain("MACD_Trend_v4 (strategies/macd_trend_v4.py) -> strategy");
    expect(backtest.projectFiles).toContain("strategies/macd_trend_v4.py");
  });
});

describe("routing hints", () => {
  const clinic = loadSpec(CLINIC);

  it("reads the keyword table of the system spec; targets naming nothing are skipped", () => {
    const hints = readHints(clinic);
    expect(hints).toHaveLength(7);
    expect(hints[0]).toEqual({ phrases: [["invoice"], ["refund"], ["insurance", "claim"], ["copay"], ["receipt"]], targets: [{ kind: "module", id: "billing" }] });
    expect(hints[5]?.targets).toEqual([{ kind: "layer", id: "03_web" }]);
    const odd = { ...clinic, system: { ...clinic.system, body: "## Routing\n| Words | Module |\n|---|---|\n| foo | nowhere |\n| bar | `BILLING_AGENT` |\n" } };
    expect(readHints(odd)).toEqual([{ phrases: [["bar"]], targets: [{ kind: "module", id: "billing" }] }]);
  });

  it("route a request naming no module, and join the modules it names", () => {
    expect(analyzeTask("the front desk dashboard is slow", clinic)).toMatchObject({ scope: { kind: "layer", id: "03_web" }, confidence: 0.8 });
    expect(analyzeTask("add a refund button to the admin ui", clinic).scope).toEqual({ kind: "modules", ids: ["billing", "admin_ui"] });
  });
});

describe("--scope", () => {
  const ledger = loadSpec(EXAMPLE);

  it.each([
    ["system", { kind: "system" }],
    ["layer/core", { kind: "layer", id: "core" }],
    ["module/journal,module/fx", { kind: "modules", ids: ["fx", "journal"] }],
    ["modules/journal, layer/interface", { kind: "modules", ids: ["journal", "cli"] }],
    ["journal", { kind: "modules", ids: ["journal"] }],
  ])("%s", (value, scope) => {
    expect(parseScopeOption(value, ledger)).toEqual(scope);
  });

  it("decides the scope; the request's words still decide the type", () => {
    expect(analyzeTask("the totals are wrong", ledger, { scope: "module/balances" })).toMatchObject({
      type: "debug",
      scope: { kind: "modules", ids: ["balances"] },
      confidence: 1,
      evidence: [{ kind: "module", target: "balances", source: "scope", words: ["module/balances"] }],
    });
  });

  it("rejects unknown ids and malformed entries", () => {
    expect(() => parseScopeOption("module/nope", ledger)).toThrow(/^Unknown module `nope` in `--scope`; modules: accounts, /);
    expect(() => parseScopeOption("layer/nope", ledger)).toThrow(UsageError);
    expect(() => parseScopeOption("a b", ledger)).toThrow(/Expected each `--scope` entry/);
    expect(() => parseScopeOption(",", ledger)).toThrow(/Expected `--scope`/);
  });
});

describe("never a silent fallback", () => {
  const ledger = loadSpec(EXAMPLE);

  it("an empty request is a usage error", () => {
    expect(() => analyzeTask("", ledger)).toThrow(UsageError);
    expect(() => analyzeTask("   ", ledger)).toThrow(/Expected a request/);
  });

  it("no module matched: system scope, confidence 0, the three nearest modules and a SCOPE_FALLBACK warning", () => {
    const plan = planRequest(loadSpec(BACKTEST), "make the numbers in the summary line up with the prices");
    expect(plan.analysis).toMatchObject({ scope: { kind: "system" }, confidence: 0 });
    expect(plan.analysis.nearest).toHaveLength(3);
    expect(plan.warnings).toEqual([expect.objectContaining({ code: "SCOPE_FALLBACK", message: expect.stringContaining(`nearest modules: ${plan.analysis.nearest!.join(", ")}`) })]);
  });

  it("with no word in common, the nearest modules come from near spellings", () => {
    const a = analyzeTask("the drawdwn figure looks odd", backtest);
    expect(a).toMatchObject({ scope: { kind: "system" }, confidence: 0 });
    expect(a.nearest?.[0]).toBe("performance");
  });

  it("a request for the whole system is no fallback", () => {
    const plan = planRequest(ledger, "upgrade dependencies across the whole project");
    expect(plan.analysis).toMatchObject({ scope: { kind: "system" }, confidence: 0.9 });
    expect(plan.analysis).not.toHaveProperty("nearest");
    expect(plan.warnings.map((w) => w.code)).not.toContain("SCOPE_FALLBACK");
  });

  it("--scope system confirms it", () => {
    expect(scopeWarnings(analyzeTask("make it nicer", ledger, { scope: "system" }))).toEqual([]);
    expect(scopeWarnings(analyzeTask("make it nicer", ledger)).map((w) => w.code)).toEqual(["SCOPE_FALLBACK"]);
  });
});

describe("extractSummary", () => {
  it("reads the title, the blockquote under it and the Purpose section, without code", () => {
    const body = "# 📡 SCHWAB_FETCHER_AGENT\n\n**Type**: Module Agent\n\n> Client for the API.\n\n## 🎯 Purpose\n\nDownload history.\n\n```python\nx = 1\n```\n\n### Detail\nTokens too.\n\n## Other\nNot this.\n";
    expect(extractSummary(body)).toEqual({ title: "SCHWAB_FETCHER_AGENT", purpose: "Client for the API. Download history. Tokens too." });
  });

  it("falls back to the first paragraphs", () => {
    expect(extractSummary("# X\n\nDoes one thing.\n\n## Rules\n- a\n")).toEqual({ title: "X", purpose: "Does one thing." });
  });
});

describe("bareModule trees", () => {
  it("route without an index field missing", () => {
    const spec = tree(["alpha: core"]);
    spec.modules.push(bareModule("beta", "core", ["src/core/beta.py"]));
    expect(analyzeTask("fix beta", spec).scope).toEqual({ kind: "modules", ids: ["beta"] });
  });
});

describe("a module's front matter name (`name: payment-service` in PAYMENTS_AGENT.md)", () => {
  const spec = loadSpec(
    makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n",
      ".claude/layers/core/modules/PAYMENTS_AGENT.md": "---\nname: payment-service\ndescription: Charges cards\n---\n# Payments\n\n**Module**: `src/pay.py`\n",
      ".claude/layers/core/modules/CATALOG_AGENT.md": "# Catalog\n\n**Module**: `src/catalog.py`\n\n## Purpose\n\nProducts, prices and stock.\n",
    }),
    { cache: false },
  );

  it("names the module in a request, in `module/<name>` and in `--scope`", () => {
    expect(analyzeTask("fix the payment-service timeout", spec).scope).toEqual({ kind: "modules", ids: ["payments"] });
    expect(analyzeTask("the payment service times out", spec).scope).toEqual({ kind: "modules", ids: ["payments"] });
    expect(analyzeTask("implement module/payment-service", spec).scope).toEqual({ kind: "modules", ids: ["payments"] });
    expect(parseScopeOption("module/payment-service", spec)).toEqual({ kind: "modules", ids: ["payments"] });
  });
});

describe("a request in other words than the owning module's spec", () => {
  const layer = ".claude/layers/app/modules";
  const spec = loadSpec(
    makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Blog\n",
      [`${layer}/AUTH_AGENT.md`]: "# Auth\n\n**Module**: `app/auth/session.ts`\n\n## Responsibilities\n\n- Session cookies and their expiry\n- Hashing and checking passwords\n",
      [`${layer}/STORAGE_AGENT.md`]: "# Storage\n\n**Module**: `app/storage/db.ts`\n\n## Purpose\n\nKeeps posts, comments and users in a database.\n",
      [`${layer}/COMMENTS_AGENT.md`]: "# Comments\n\n**Module**: `app/comments/thread.ts`\n\n## Purpose\n\nReader replies under a post, with moderation.\n",
      [`${layer}/PAGES_AGENT.md`]: "# Pages\n\n**Module**: `app/web/pages.tsx`\n\n## Purpose\n\nRenders the home page and post pages.\n",
    }),
    { cache: false },
  );
  const identity = loadSpec(
    makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Shop\n",
      [`${layer}/IDENTITY_AGENT.md`]: "# Identity\n\n**Module**: `src/identity.py`\n\n## Purpose\n\nLets customers sign in with a password and keeps them signed in.\n",
      [`${layer}/CATALOG_AGENT.md`]: "# Catalog\n\n**Module**: `src/catalog.py`\n\n## Purpose\n\nProducts, prices and stock.\n",
      [`${layer}/ORDERS_AGENT.md`]: "# Orders\n\n**Module**: `src/orders.py`\n\n## Purpose\n\nOrders customers place, and their delivery.\n",
    }),
    { cache: false },
  );
  const scope = (request: string, tree = spec) => analyzeTask(request, tree).scope;

  it("login and logout, as one word or two, are the auth module's", () => {
    expect(scope("fix the login bug")).toEqual({ kind: "modules", ids: ["auth"] });
    expect(scope("fix the logout bug")).toEqual({ kind: "modules", ids: ["auth"] });
    expect(scope("users can't log in")).toEqual({ kind: "modules", ids: ["auth"] });
    expect(scope("users are signed out too early")).toEqual({ kind: "modules", ids: ["auth"] });
    expect(scope("the log in production is full of warnings")).not.toEqual({ kind: "modules", ids: ["auth"] });
  });

  it("login is a spec's sign in", () => {
    expect(scope("fix the login bug", identity)).toEqual({ kind: "modules", ids: ["identity"] });
  });

  it("a bare \"everything\" is the whole system only when no module's name or Provides meets the other words", () => {
    const spam = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Blog\n",
        [`${layer}/COMMENTS_AGENT.md`]: "# Comments\n\n**Module**: `app/comments.ts`\n\n## Provides\n\n- `flagAsSpam(replyId)`\n",
        [`${layer}/FEED_AGENT.md`]: "# Feed\n\n**Module**: `app/feed.ts`\n\n## Purpose\n\nThe RSS feed of recent posts.\n",
      }),
      { cache: false },
    );
    expect(scope("the spam filter lets everything through", spam)).toEqual({ kind: "modules", ids: ["comments"] });
    expect(scope("translate everything to German", spam)).toEqual({ kind: "system" });
  });

  it("a Claude Code subagent's front matter `description` and `name` say what the module is for", () => {
    const clinic = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# Clinic\n",
        [`${layer}/NOTIFY_AGENT.md`]: "---\nname: reminder-sender\ndescription: Sends SMS and email the day before a visit\n---\n# Notify\n\n**Files**: `notify/sms.go`\n",
        [`${layer}/PATIENTS_AGENT.md`]: "# Patients\n\n**Files**: `patients/records.go`\n\n## Purpose\n\nPatient records: contact details and insurance numbers.\n",
        [`${layer}/DB_AGENT.md`]: "# DB\n\n**Files**: `db/pool.go`\n\n## Purpose\n\nThe connection pool.\n",
      }),
      { cache: false },
    );
    expect(scope("email goes to the wrong address", clinic)).toEqual({ kind: "modules", ids: ["notify"] });
    expect(scope("reminders are sent twice", clinic)).toEqual({ kind: "modules", ids: ["notify"] });
  });

  it("a word in the singular meets its plural in -ies (`cookie`, `cookies`)", () => {
    expect(scope("cookie expiry is wrong")).toEqual({ kind: "modules", ids: ["auth"] });
  });
});
