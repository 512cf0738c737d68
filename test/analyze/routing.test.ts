import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTask } from "../../src/analyze/index.js";
import { UsageError } from "../../src/errors.js";
import { planRequest } from "../../src/plan/request.js";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { EXAMPLE, ROUTES, mods, sys } from "./routes/ledger.js";

// Routing quality on the bundled example, not on a fixture tree: requests as developers
// type them, against examples/ledger/.claude (layers foundation, core, services,
// interface; modules errors, money, events, accounts, fx, journal, balances, importer,
// reports, cli). Module ids in a scope come in spec order (core, foundation, interface,
// services), not in the order the request names them.

const LOGS = fileURLToPath(new URL("../fixtures/routing", import.meta.url));
const spec = loadSpec(EXAMPLE);

describe("routing on examples/ledger", () => {
  it("loads the example tree without warnings", () => {
    expect(spec.warnings).toEqual([]);
    expect(spec.modules.map((m) => m.id)).toEqual(
      ["accounts", "balances", "fx", "journal", "errors", "events", "money", "cli", "importer", "reports"],
    );
  });

  it("covers every type several times", () => {
    for (const [type, routes] of Object.entries(ROUTES)) {
      expect(routes.length, type).toBeGreaterThanOrEqual(6);
      for (const [request, routed] of routes) expect(routed, request).toBe(type);
    }
  });

  for (const [type, routes] of Object.entries(ROUTES)) {
    describe(type, () => {
      it.each(routes)("%s", (request, expectedType, scope, because) => {
        const analysis = analyzeTask(request, spec);
        expect(analysis.type).toBe(expectedType);
        expect(analysis.scope).toEqual(scope);
        expect(analysis.because).toEqual(expect.arrayContaining(because));
        expect(analysis).not.toHaveProperty("log");
      });
    });
  }

  it("\"address the review comments\" is neither implement (`address` is not `add`) nor a read-only analysis", () => {
    const analysis = analyzeTask("address the review comments on the importer", spec);
    expect(analysis.type).toBe("general");
    expect(analysis.scope).toEqual(mods("importer"));
  });

  it("an exception's class name is a bug report", () => {
    const analysis = analyzeTask("TypeError in ledger/core/journal.py line 88 when reversing", spec);
    expect(analysis.type).toBe("debug");
    expect(analysis.because).toContain("TypeError");
    expect(analysis.scope).toEqual(mods("journal"));
  });

  it("an unknown layer token is a usage error listing the layers", () => {
    expect(() => analyzeTask("optimize layer/database", spec)).toThrow(UsageError);
    expect(() => analyzeTask("optimize layer/database", spec)).toThrow(/^Unknown layer `database`; layers: /);
  });
});

// Requests with a log: real logs (test/fixtures/routing/README.md) in a copy of the example.
describe("requests with a log (planRequest)", () => {
  let root: string;
  let copy: SpecTree;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "orchestrate-routing-"));
    cpSync(join(EXAMPLE, ".claude"), join(root, ".claude"), { recursive: true });
    mkdirSync(join(root, "logs"));
    for (const log of ["month-end.log", "import.log", "publish-report.log"]) copyFileSync(join(LOGS, log), join(root, "logs", log));
    copy = loadSpec(root);
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const logWarnings = (warnings: { code: string }[]) => warnings.filter((w) => w.code.startsWith("LOG_"));

  it("a traceback: the innermost project frame decides, ahead of the module the request blames", () => {
    // /home/ci/work/scripts/month_end.py -> balances.py rollup -> balances.py _sum (raise)
    const plan = planRequest(copy, "fix the crash in the journal, see logs/month-end.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("balances", "journal"));
    expect(plan.analysis.log).toBe("logs/month-end.log");
    expect(plan.analysis.because).toEqual(
      expect.arrayContaining(["fix", "crash", "journal", "log logs/month-end.log", "ledger/core/balances.py:90 -> balances"]),
    );
    expect(logWarnings(plan.warnings)).toEqual([]);
    expect(plan.modules.map((m) => m.id)).toEqual(expect.arrayContaining(["balances", "journal"]));
  });

  it("a log alone is a bug report scoped by the log, with the log's confidence and no fallback", () => {
    const plan = planRequest(copy, "see logs/month-end.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("balances"));
    expect(logWarnings(plan.warnings)).toEqual([]);
    // The words named no module, but the log did: that is evidence, not a whole-system fallback.
    expect(plan.analysis.confidence).toBe(0.95);
    expect(plan.analysis.nearest).toBeUndefined();
    expect(plan.analysis.evidence).toContainEqual({ target: "balances", kind: "module", source: "files", words: ["ledger/core/balances.py:90"] });
    expect(plan.warnings.map((w) => w.code)).not.toContain("SCOPE_FALLBACK");
  });

  it("--log wins, and the request's own modules follow the log's", () => {
    const plan = planRequest(copy, "the month-end job crashed in the CLI", { log: "logs/month-end.log" });
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("balances", "cli"));
    expect(plan.analysis.log).toBe("logs/month-end.log");
  });

  it("an `ERROR ledger.services.importer: ...` line maps by its logger", () => {
    const plan = planRequest(copy, "imports fail for the March statement, details in logs/import.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("importer"));
    expect(plan.analysis.log).toBe("logs/import.log");
    expect(plan.analysis.because).toEqual(expect.arrayContaining(["fail", "log logs/import.log", "ledger/services/importer.py -> importer"]));
    expect(logWarnings(plan.warnings)).toEqual([]);
  });

  it("a log keeps the request's own type when it has one", () => {
    const plan = planRequest(copy, "investigate logs/import.log");
    expect(plan.analysis.type).toBe("analyze");
    expect(plan.analysis.scope).toEqual(mods("importer"));
  });

  it("a log naming no project file: the request's own scope and a warning", () => {
    // A chained traceback entirely in the standard library and an unowned CI script.
    const plan = planRequest(copy, "the nightly reports job fails in CI, see logs/publish-report.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(mods("reports"));
    expect(plan.analysis.log).toBe("logs/publish-report.log");
    expect(plan.analysis.because).toEqual(expect.arrayContaining(["log logs/publish-report.log: no project file"]));
    expect(logWarnings(plan.warnings)).toEqual([
      expect.objectContaining({ code: "LOG_NAMES_NO_PROJECT_FILE", file: "logs/publish-report.log" }),
    ]);
  });

  it("a log naming no project file and a request naming nothing: the system, with the warning", () => {
    const plan = planRequest(copy, "see logs/publish-report.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.analysis.scope).toEqual(sys);
    expect(logWarnings(plan.warnings).map((w) => w.code)).toEqual(["LOG_NAMES_NO_PROJECT_FILE"]);
  });
});
