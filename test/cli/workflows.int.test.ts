import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, runCliAsync } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";

/** The example with every module implemented (offline), as the README's main command leaves it: made once, copied by each test. */
async function implementExample(root: string): Promise<void> {
  expect(runCli(["init", "--example", root]).code).toBe(0);
  // Gates off: the implement run is set-up here, not what is tested.
  writeFileSync(join(root, "orchestrate.config.yaml"), "agent: simulate\n");
  commit(root);
  // The copy is a git repository: the work lands on the run's branch, and --apply brings it into the checkout.
  expect((await runCliAsync(["run", "implement system", "--project", root, "--apply"], { timeoutMs: 110_000 })).code).toBe(0);
}

// The tests change their copy (a seeded bug, a failing test, new runs): each gets its own, repository and store included.
const home = mkdtempSync(join(tmpdir(), "orchestrate-workflows-"));
const IMPLEMENTED = join(home, "ledger");
beforeAll(() => implementExample(IMPLEMENTED), 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

function implementedExample(): string {
  const root = join(makeProject({}), "ledger");
  cpSync(IMPLEMENTED, root, { recursive: true });
  return root;
}

/** Commits the checkout's changes (a config written by the test), so an isolated run starts from them and --apply finds it clean. */
function commit(root: string): void {
  execFileSync("git", ["add", "-A"], { cwd: root });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "test set-up"], { cwd: root });
}

describe("the task types end to end from the CLI, on the example", () => {
  it("debug: a seeded bug, its failing tests' real log, diagnosis, fix, gate and a Fixed entry", async () => {
    const root = implementedExample();
    const seeded = runCli(["init", root, "--seed", "bug"]);
    expect(seeded.stdout).toMatch(/^Applied seed `bug`/);
    mkdirSync(join(root, "logs"));
    let failed = false;
    try {
      execFileSync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", "."], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      failed = true;
      writeFileSync(join(root, "logs/error.log"), (error as { stderr: Buffer }).stderr);
    }
    expect(failed).toBe(true);
    expect(readFileSync(join(root, "logs/error.log"), "utf8")).toMatch(/ValueError: too many values to unpack/);

    writeFileSync(join(root, "orchestrate.config.yaml"), "agent: simulate\ngates:\n  module:\n    - name: tests\n      kind: command\n      run: python3 -m unittest discover -s tests -t .\n");
    commit(root);
    const request = "fix the failing tests, see logs/error.log";
    const plan = JSON.parse(runCli(["plan", request, "--project", root, "--json"]).stdout);
    expect(plan.analysis).toMatchObject({ type: "debug", scope: { kind: "modules", ids: ["journal"] }, log: "logs/error.log" });
    expect(plan.analysis.because).toContain("ledger/core/journal.py:93 -> journal");

    const { code, stdout } = await runCliAsync(["run", request, "--project", root, "--apply"], { timeoutMs: 110_000 });
    expect(code).toBe(0);
    expect(stdout).toMatch(/journal: attempt 1 started \(analyze, simulate\)/);
    expect(stdout).toMatch(/journal: done \(tests 98\/98\)/);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/### Fixed\n\n- \*\*journal\*\* \(core\): Iterate `imbalance.items\(\)`/);
    expect(changelog).toMatch(/ {2}- Root cause: `validate_entry` in `ledger\/core\/journal.py` \(line 93\)/);
    // The fix is real: the suite passes again.
    expect(() => execFileSync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", "."], { cwd: root, stdio: "ignore" })).not.toThrow();
  }, 120_000); // an isolated run on the example with its gates

  it("analyze: read-only over a layer, findings in one report whose path is printed, no CHANGELOG entry", () => {
    const root = implementedExample();
    const before = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    const { code, stdout } = runCli(["run", "review layer/core for risks", "--project", root]);
    expect(code).toBe(0);
    const path = /Findings: (\S+)/.exec(stdout)?.[1];
    expect(path).toMatch(/^\.orchestrate\/runs\/.+\/analysis\.md$/);
    const report = readFileSync(join(root, path!), "utf8");
    expect(report).toMatch(/^# Analysis: review layer\/core for risks/);
    expect(report).toMatch(/## Layer core\n\n### accounts/);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(before);
  }, 120_000);

  it("refactor: stops on a failing baseline before any agent runs", () => {
    const root = implementedExample();
    writeFileSync(join(root, "tests/test_fx.py"), "import unittest\n\nclass T(unittest.TestCase):\n    def test_broken(self):\n        self.fail('broken before the refactor')\n");
    writeFileSync(join(root, "orchestrate.config.yaml"), "agent: simulate\ngates:\n  module:\n    - name: tests\n      kind: command\n      run: python3 -m unittest -v tests.test_{module}\n");
    commit(root);
    const { code, stdout } = runCli(["run", "refactor the fx module", "--project", root]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Why: baseline failed before any change: the gates of fx do not pass/);
    expect(stdout).not.toMatch(/attempt 1 started/);
  }, 120_000);
});
