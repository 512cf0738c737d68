import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { planRequest } from "../../src/plan/request.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// A broken build's log names the file that does not compile: the request is scoped to its module, not the
// whole system. Captured logs: test/fixtures/logs/README.md.
const LOGS = fileURLToPath(new URL("../fixtures/logs/", import.meta.url));

describe("a request with a compiler's log (planRequest)", () => {
  it("Maven's error scopes a Java tree's debug request to the module owning the file", () => {
    const root = makeProject({
      ".claude/layers/core/modules/JOURNAL_AGENT.md": moduleSpec({ module: "src/main/java/com/acme/ledger/Journal.java", body: "## Purpose\n\nPosts entries.\n" }),
      ".claude/layers/core/modules/ACCOUNTS_AGENT.md": moduleSpec({ module: "src/main/java/com/acme/ledger/Accounts.java", body: "## Purpose\n\nThe chart of accounts.\n" }),
    });
    mkdirSync(join(root, "logs"));
    copyFileSync(join(LOGS, "maven-error.log"), join(root, "logs", "build.log"));
    const plan = planRequest(loadSpec(root), "the build is broken, see logs/build.log");
    expect(plan.analysis.type).toBe("debug");
    expect(plan.modules.map((m) => m.id)).toEqual(["journal"]);
    expect(plan.analysis.because).toContain("src/main/java/com/acme/ledger/Journal.java:12 -> journal");
  });

  it("tsc's errors scope a TypeScript tree's request to the module of the file they are in", () => {
    const root = makeProject({
      ".claude/layers/app/modules/MAIN_AGENT.md": moduleSpec({ module: "src/main.ts", body: "## Purpose\n\nThe entry point.\n" }),
      ".claude/layers/app/modules/JOURNAL_AGENT.md": moduleSpec({ module: "src/ledger/journal.ts", body: "## Purpose\n\nBalances.\n" }),
    });
    mkdirSync(join(root, "logs"));
    copyFileSync(join(LOGS, "tsc-pretty.log"), join(root, "logs", "tsc.log"));
    const plan = planRequest(loadSpec(root), "fix the type errors in logs/tsc.log");
    expect(plan.modules.map((m) => m.id)).toEqual(["main"]);
  });
});
