import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BIN, runCli, runCliAsync } from "../helpers/cli.js";
import { EXAMPLE, exampleCopy } from "../helpers/example.js";
import { makeProject } from "../helpers/project.js";

interface Status {
  runId: string;
  state: string;
  modules: { id: string; state: string; attempts: { n: number; state: string; error?: string; promptPath: string; gates?: string }[] }[];
}

const status = (root: string): Status => JSON.parse(runCli(["status", "--project", root, "--json"]).stdout) as Status;

/** Starts `orchestrate run` in the background; `reached` resolves once `doneCount` modules are done (or `until` is printed). */
function startRun(root: string, doneCount: number, { until, args = [] }: { until?: RegExp; args?: string[] } = {}) {
  const child = spawn(process.execPath, [BIN, "run", "implement system", "--project", root, ...args], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const reached = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (until ? until.test(output) : (output.match(/: done/g) ?? []).length >= doneCount) resolve();
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", () => reject(new Error(`run exited before ${until ? String(until) : `${doneCount} modules were done`}:\n${output}`)));
  });
  return { child, exited, reached, output: () => output };
}

/** A run of the example with its gates (Python's tests 16 times): within the test's bound. */
const GATED = { timeoutMs: 110_000 };

/**
 * A run held open where a test needs it, whatever the load: the foundation layer's three modules
 * are done at once, every later attempt waits for the file `release` (the test makes it before
 * `resume`). Not the simulate agent's latency, a wall time the run could outlast or finish within
 * before the test's kill lands; nor discovered gates, which a resume found where the first session
 * had not (the example's tests the done modules wrote) and ran for 45 s at a load of 20.
 */
function heldRun(extra = ""): { root: string; release: () => void } {
  const release = join(makeProject({}), "release");
  const hold = `[ "$ORCHESTRATE_LAYER" = foundation ] || while [ ! -e '${release}' ]; do sleep 0.05; done`;
  const root = exampleCopy(`agent: command\nconcurrency: 2\ncommand:\n  run: ${JSON.stringify(hold)}\ngates:\n  discover: false\n${extra}`);
  return { root, release: () => writeFileSync(release, "") };
}

describe("orchestrate run on the example project", () => {
  it("the README's main command: init --example, then run --apply; every module validated by its real tests, docs and memory written, the work on its branch and then in the checkout", async () => {
    const root = join(makeProject({}), "ledger");
    expect(runCli(["init", "--example", root]).code).toBe(0);
    const { code, stdout, stderr } = await runCliAsync(["run", "implement system", "--project", root, "--apply"], GATED);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // Isolated (the copy is a git repository): the work is merged on orchestrate/<run>, which --apply fast-forwards into the checkout.
    expect(stdout).toMatch(/\] workspace: worktrees, integration branch orchestrate\/\S+ from [0-9a-f]{8}\n/);
    expect(stdout).toMatch(/\nWork: branch (orchestrate\/\S+) \([0-9a-f]{8}\.\.[0-9a-f]{8}\): fast-forwarded master to \1 \(\d+ commits\); branch \1 deleted\n/);
    expect(stdout).toMatch(/journal: done \(tests 11\/11; no violations\)/);
    expect(stdout).toMatch(/layer core gate passed: tests \d+\/\d+; no violations/);
    expect(stdout).toMatch(/system gate passed: tests 98\/98/);
    const s = status(root);
    expect(s.state).toBe("done");
    expect(s.modules.map((m) => m.state)).toEqual(Array(10).fill("done"));
    expect(s.modules.every((m) => m.attempts[0]!.gates)).toBe(true);
    expect(existsSync(join(root, "ledger/core/journal.py"))).toBe(true);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/## \[Unreleased\]\n\n### Added\n\n- \*\*errors\*\* \(foundation\): /);
    expect(changelog).toMatch(/\*\*journal\*\* \(core\): .* Tests 11\/11\./);
    expect(readFileSync(join(root, "README.md"), "utf8")).toMatch(/<!-- orchestrate:features:start -->[\s\S]*\*\*journal\*\*[\s\S]*<!-- orchestrate:features:end -->/);
    const memories = JSON.parse(runCli(["memory", "list", "--project", root, "--json"]).stdout) as { key: string }[];
    expect(memories.map((m) => m.key)).toContain(`run/${s.runId}/journal`);
    // It worked on a copy: the bundled example is untouched.
    expect(existsSync(join(EXAMPLE, "CHANGELOG.md"))).toBe(false);
    expect(existsSync(join(EXAMPLE, ".orchestrate"))).toBe(false);
  }, 120_000); // isolated (worktrees per attempt, gates on worktrees of the head): slower than a shared tree under load

  it("the second documented command: a seeded architecture violation caught by the module gate, retried with its output", async () => {
    const root = join(makeProject({}), "ledger");
    expect(runCli(["init", "--example", root, "--seed", "violation"]).code).toBe(0);
    const { code, stdout } = await runCliAsync(["run", "implement system", "--project", root], GATED);
    expect(code).toBe(0);
    expect(stdout).toMatch(/journal: attempt 1 failed: .*architecture failed: 1 violation/);
    const journal = status(root).modules.find((m) => m.id === "journal")!;
    expect(journal.attempts.map((a) => a.state)).toEqual(["failed", "done"]);
    const violation = "ledger/core/journal.py:110: imports `ledger.services.reports`, forbidden for module journal by `ledger.services`";
    expect(journal.attempts[0]!.error).toContain(violation);
    expect(runCli(["status", "--prompt", "journal", "--project", root]).stdout).toContain(violation);
  }, 120_000);

  it("survives SIGKILL mid-run: resume finishes every module, none done before the kill runs again, the store is intact", async () => {
    const { root, release } = heldRun();
    const run = startRun(root, 3);
    await run.reached;
    run.child.kill("SIGKILL");
    await run.exited;
    release(); // the held agents' shells outlive a SIGKILLed orchestrate: let them end, and the resumed attempts run through

    const before = status(root);
    // Recorded `running`, shown as what it is: its process is gone (issue 12, item 13).
    expect(before).toMatchObject({ state: "interrupted", recordedState: "running" });
    const doneBefore = before.modules.filter((m) => m.state === "done").map((m) => m.id);
    expect(doneBefore.sort()).toEqual(["errors", "events", "money"]);
    expect(before.modules.some((m) => m.state !== "done")).toBe(true);

    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.code).toBe(0);
    const after = status(root);
    expect(after.runId).toBe(before.runId);
    expect(after.state).toBe("done");
    expect(after.modules.every((m) => m.state === "done")).toBe(true);
    for (const id of doneBefore) expect(after.modules.find((m) => m.id === id)!.attempts.map((a) => a.state)).toEqual(["done"]);

    const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });

  it("Ctrl-C stops scheduling, cancels after the grace period, exits 130; resume continues", async () => {
    const { root, release } = heldRun("graceMs: 100\n");
    // Stopped while two held attempts run: the grace period passes, they are cancelled.
    const run = startRun(root, 0, { until: /(?:attempt 1 started \(command\)[\s\S]*){5}/ });
    await run.reached;
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.output()).toMatch(/Continue with: orchestrate resume/);
    const before = status(root);
    expect(before.state).toBe("interrupted");
    expect(before.modules.filter((m) => m.state === "done").map((m) => m.id).sort()).toEqual(["errors", "events", "money"]);
    release();
    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.code).toBe(0);
    const after = status(root);
    expect(after.state).toBe("done");
    const attempts = after.modules.flatMap((m) => m.attempts);
    expect(attempts.filter((a) => a.state === "done")).toHaveLength(10);
  });

  it("refuses a second run while one is live, and takes over the lock of a dead process", async () => {
    // The first run's agent waits for a file only the test creates: the run is live for as long as the test needs, whatever the load.
    const release = join(makeProject({}), "release");
    const root = exampleCopy(`agent: simulate\nconcurrency: 1\ncommand:\n  run: "while [ ! -e '${release}' ]; do sleep 0.05; done"\n`);
    const run = startRun(root, 0, { until: /: attempt 1 started \(command\)/, args: ["--agent", "command"] });
    await run.reached;
    const second = runCli(["run", "implement system", "--project", root]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^orchestrate: Run \S+ is live in this project \(pid \d+, since .*\); wait for it to end, or stop it with `kill \d+`\n$/);
    // The refusal comes alone: no sandbox or validation line of a run that will not start.
    expect(second.stdout).toBe("");
    const resumeRefused = runCli(["resume", "--project", root]);
    expect(resumeRefused.code).toBe(2);
    expect(resumeRefused.stdout).toBe("");
    expect(resumeRefused.stderr).toMatch(/^orchestrate: Run \S+ is live in this project/);
    run.child.kill("SIGKILL");
    await run.exited;
    writeFileSync(release, ""); // the agent's shell outlives a SIGKILLed orchestrate: let it end
    const lockRows = () => {
      const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
      const rows = db.prepare("SELECT pid FROM run_lock").all();
      db.close();
      return rows;
    };
    expect(lockRows()).toEqual([{ pid: run.child.pid }]);
    expect(runCli(["resume", "--project", root]).code).toBe(0);
    expect(lockRows()).toEqual([]);
  });

  it("a request that matched no module stops before any attempt with a paid agent, unless --yes or --scope", () => {
    const root = exampleCopy("");
    const refused = runCli(["run", "make it nicer", "--agent", "claude-code", "--project", root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("orchestrate: The request matched no module, so the run would cover all 10 modules with agent `claude-code`. Pass --yes to run them all, or --scope module/<id> to narrow it\n");
    expect(runCli(["status", "--project", root, "--json"]).code).not.toBe(0); // no run was recorded
    // The offline agent costs nothing: it runs, and the plan's warning still says what happened.
    expect(runCli(["run", "make it nicer", "--scope", "module/errors", "--project", root]).code).toBe(0);
  });

  it("a failing module blocks its dependents and the run exits 1; status names the failed dependency", () => {
    const root = exampleCopy("simulate:\n  fail:\n    journal: 5\n");
    const { code, stdout } = runCli(["run", "implement system", "--project", root]);
    expect(code).toBe(1);
    // The last line says where the failure's whole error is (the progress shows only its first line).
    const s = status(root);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe(`Failed: journal. Its last attempt's error and output: orchestrate status ${s.runId} --output journal --project ${root}`);
    expect(s.state).toBe("failed");
    const journal = s.modules.find((m) => m.id === "journal")!;
    expect(journal.state).toBe("failed");
    expect(journal.attempts).toHaveLength(2);
    const balances = s.modules.find((m) => m.id === "balances") as unknown as { state: string; reason: string };
    expect(balances).toMatchObject({ state: "blocked", reason: "dependency journal failed" });
    expect(s.modules.find((m) => m.id === "fx")!.state).toBe("done");
  });

  it("config errors name the file, the key, what was expected and what was found; exit 2", () => {
    const root = exampleCopy("concurrency: 0\n");
    const { code, stderr } = runCli(["run", "implement system", "--project", root]);
    expect(code).toBe(2);
    expect(stderr).toBe("orchestrate: orchestrate.config.yaml:1: Expected `concurrency` to be an integer from 1 to 1000, got `0` (number)\n");
    const typo = exampleCopy("concurency: 2\n");
    expect(runCli(["run", "implement system", "--project", typo]).stderr).toBe("orchestrate: orchestrate.config.yaml:1: Unknown key `concurency`: did you mean `concurrency`?\n");
  });
});

describe("orchestrate run with nothing to run", () => {
  it("a tree without module specs, or a layer without modules: one line, exit 2, no run recorded", () => {
    const root = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n" });
    const empty = runCli(["run", "implement system", "--project", root, "--yes"]);
    expect([empty.code, empty.stdout]).toEqual([2, ""]);
    expect(empty.stderr).toBe(`orchestrate: Nothing to run: the plan has no modules (the tree has no module specs: expected .claude/layers/<layer>/<NAME>_AGENT.md or .claude/layers/<layer>/modules/<NAME>_AGENT.md, found none under ${join(root, ".claude", "layers")}; \`orchestrate init --from-code\` derives a tree from the project's code)\n`);
    const layer = runCli(["run", "implement layer/core", "--project", root, "--yes"]);
    expect(layer.code).toBe(2);
    expect(existsSync(join(root, ".orchestrate/state.db"))).toBe(false);
  });
});
