import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";
import { openStore } from "../../src/store/open.js";
import { checkout, commitAll, extraWorktrees, git, orchestrateBranches } from "./git-fixture.js";
import { agent, runIdOf, runProject } from "./run-fixture.js";

function attempts(root: string, moduleId: string): { state: string; error?: string }[] {
  const store = openStore(root);
  try {
    const run = store.listRuns()[0]!;
    return store.getAttempts(run.id, moduleId).map((a) => ({ state: a.state, ...(a.error ? { error: a.error } : {}) }));
  } finally {
    store.close();
  }
}

describe("the user's checkout and --apply", () => {
  it("fast-forwards a clean checkout with --apply and deletes the branch it brought in", () => {
    const { root, agents } = runProject([{ id: "a" }]);
    agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
    const before = checkout(root);
    const out = runCli(["run", "implement system", "--apply"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Work: branch orchestrate\/(\S+) \([0-9a-f]{8}\.\.[0-9a-f]{8}\): fast-forwarded main to orchestrate\/\1 \(3 commits\); branch orchestrate\/\1 deleted$/m);
    expect(out.stdout).not.toContain("Bring it in");
    expect(readFileSync(join(root, "src/a.txt"), "utf8")).toBe("a\n");
    // a's commit, its merge and the documentation's commit.
    expect(git(root, "log", "--format=%s", `${before.head}..HEAD`).split("\n")).toEqual([expect.stringMatching(/^Documentation of run /), expect.stringMatching(/^Merge a \(attempt 1\)/), expect.stringMatching(/^a: /)]);
    expect(git(root, "status", "--porcelain")).toBe("");
    expect(orchestrateBranches(root)).toEqual([]);
  });

  it("a run that commits nothing (a failed run, an analysis) leaves no branch behind: the run, status, report and clean say so", () => {
    const { root, agents } = runProject([{ id: "a" }]);
    agent(agents, "a", "echo 'no API key' >&2; exit 1");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    const [runId] = readdirSync(join(root, ".orchestrate", "runs"));
    expect(out.stdout).toContain(`Work: none committed, so branch orchestrate/${runId} was removed; your branch and working tree are untouched\n`);
    expect(orchestrateBranches(root)).toEqual([]);
    expect(runCli(["status"], { cwd: root }).stdout).toContain(`from ${git(root, "rev-parse", "--short=8", "HEAD")}; the branch was removed at the run's end: it held no commit\n`);
    expect(runCli(["report"], { cwd: root }).stdout).toContain("; the branch was removed at the run's end: it held no commit.");
    expect(runCli(["clean"], { cwd: root }).stdout).toBe("Nothing to clean.\n");
    // An analysis changes no file: done, and no branch either.
    agent(agents, "a", "echo 'a reads its input twice'");
    const analysis = runCli(["run", "analyze a"], { cwd: root });
    expect(analysis.code, analysis.stdout + analysis.stderr).toBe(0);
    expect(analysis.stdout).toMatch(/^Work: none committed, so branch orchestrate\/\S+ was removed/m);
    expect(orchestrateBranches(root)).toEqual([]);
  });

  it("does not apply a failed run: it says so, with the merge that brings its work in anyway", () => {
    const { root, agents } = runProject([{ id: "a" }, { id: "b" }]);
    agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
    agent(agents, "b", "echo 'no API key' >&2; exit 1");
    const before = checkout(root);
    const out = runCli(["run", "implement system", "--apply", "--retries", "0"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    const branch = `orchestrate/${runIdOf(root)}`;
    expect(out.stdout).toContain(`: not applied: the run failed; \`git merge ${branch}\` brings its work in anyway`);
    expect(out.stdout.match(/git merge /g)).toHaveLength(1);
    expect(checkout(root)).toEqual(before);
    expect(git(root, "show", `${branch}:src/a.txt`)).toBe("a");
  });

  it("on a detached HEAD, says to switch to a branch before the merge (run's end, --apply, status, report), where a bare `git merge` made a commit on no branch", () => {
    const { root, agents } = runProject([{ id: "a" }]);
    agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
    git(root, "checkout", "-q", "--detach");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const branch = `orchestrate/${runIdOf(root)}`;
    const advice = `git switch main && git merge ${branch}`;
    expect(out.stdout).toContain("; your checkout (a detached HEAD) and working tree are untouched\n");
    expect(out.stdout).toContain(`Bring it in: HEAD is detached, so a merge there would be on no branch; switch to a branch first: ${advice}\n`);
    expect(out.stdout).not.toContain("--apply");
    expect(runCli(["status"], { cwd: root }).stdout).toContain(`merge it  ${advice}   (HEAD is detached, so a merge there would be on no branch; then \`orchestrate clean\` deletes the branch)`);
    expect(runCli(["report"], { cwd: root }).stdout).toContain(`Bring it in: \`${advice}\` (HEAD is detached, so a merge there would be on no branch)`);
    const applied = runCli(["run", "implement system", "--apply"], { cwd: root });
    expect(applied.stdout).toContain("not applied: HEAD is detached, so a merge there would be on no branch; switch to a branch first: `git switch main && git merge orchestrate/");
    expect(applied.stdout.match(/git merge /g)).toHaveLength(1);
    expect(git(root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("HEAD");
  });

  it("refuses --apply on a dirty checkout with a clear line, and changes nothing", () => {
    // A tracked file changed and not committed (untracked files are left to git, which refuses to overwrite one).
    const { root, agents } = runProject([{ id: "a" }], { files: { "notes.txt": "notes\n" } });
    agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
    writeFileSync(join(root, "notes.txt"), "mine\n");
    const before = checkout(root);
    const out = runCli(["run", "implement system", "--apply"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const branch = `orchestrate/${runIdOf(root)}`;
    expect(out.stdout).toContain(`: not applied: the working tree has uncommitted changes (notes.txt); commit or stash them, then \`git merge ${branch}\``);
    // --apply was given: no "next time: orchestrate run ... --apply", and the merge command is said once.
    expect(out.stdout).not.toContain("next time");
    expect(out.stdout.match(/git merge /g)).toHaveLength(1);
    expect(checkout(root)).toEqual(before);
    expect(git(root, "show", `${branch}:src/a.txt`)).toBe("a");
  });
});

describe("read-only attempts in a worktree", () => {
  it("fails an analysis that changes a file, and its change reaches neither branch", () => {
    const { root, agents } = runProject([{ id: "a" }], { files: { "src/a.txt": "a\n" } });
    agent(agents, "a", `if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then echo changed > src/a.txt; fi\necho "looks fine"`);
    const before = checkout(root);
    const out = runCli(["run", "-t", "analyze", "analyze system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(attempts(root, "a")).toEqual([{ state: "failed", error: "read-only attempt changed 1 file: src/a.txt" }, { state: "done" }]);
    expect(checkout(root)).toEqual(before);
    // The run committed nothing, so it left no integration branch to hold the change.
    expect(orchestrateBranches(root)).toEqual([]);
    expect(git(root, "show", "HEAD:src/a.txt")).toBe("a");
  });

  it("fails an analysis that changes a tracked file in a folder a snapshot skips (dist/)", () => {
    const { root, agents } = runProject([{ id: "a" }], { files: { "src/a.txt": "a\n", "dist/a.js": "built\n" } });
    agent(agents, "a", `if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then echo rebuilt > dist/a.js; fi\necho "looks fine"`);
    const out = runCli(["run", "-t", "analyze", "analyze system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(attempts(root, "a")).toEqual([{ state: "failed", error: "read-only attempt changed 1 file: dist/a.js" }, { state: "done" }]);
  });
});

describe("shared runs", () => {
  it("runs a project that is not a git repository in its one working tree, and says so once", () => {
    const { root: repo, agents } = runProject([{ id: "a" }, { id: "b", deps: ["a"] }]);
    // The same project, without git.
    const root = makeProject({});
    for (const file of git(repo, "ls-files").split("\n")) {
      mkdirSync(join(root, file, ".."), { recursive: true });
      writeFileSync(join(root, file), readFileSync(join(repo, file)));
    }
    for (const id of ["a", "b"]) agent(agents, id, `pwd > ${agents}/${id}.pwd\nmkdir -p src && echo ${id} > src/${id}.txt`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const note = "workspace: the project is not a git repository: every agent works in the project's one working tree (isolation: shared)";
    expect(out.stdout.split("\n").filter((l) => l === note)).toHaveLength(1);
    expect(out.stdout.match(/not a git repository/g)).toHaveLength(1);
    expect(out.stdout).not.toContain("Work: branch");
    for (const id of ["a", "b"]) {
      expect(readFileSync(join(agents, `${id}.pwd`), "utf8").trim()).toBe(realpathSync(root));
      expect(readFileSync(join(root, `src/${id}.txt`), "utf8")).toBe(`${id}\n`);
    }
  });

  it("keeps the old behaviour with `isolation: shared` in a repository: agents in the checkout, no branch", () => {
    const { root, agents } = runProject([{ id: "a" }], { config: "isolation: shared\n" });
    agent(agents, "a", `pwd > ${agents}/a.pwd\nmkdir -p src && echo a > src/a.txt`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stderr).toBe("");
    expect(readFileSync(join(agents, "a.pwd"), "utf8").trim()).toBe(realpathSync(root));
    expect(readFileSync(join(root, "src/a.txt"), "utf8")).toBe("a\n");
    expect(orchestrateBranches(root)).toEqual([]);
    expect(extraWorktrees(root)).toEqual([]);
  });
});

describe("uncommitted changes at the start", () => {
  function dirty(): { root: string; agents: string } {
    const made = runProject([{ id: "m" }], { files: { "a.txt": "a\n", "b.txt": "b\n" } });
    writeFileSync(join(made.root, "a.txt"), "a, unstaged\n");
    writeFileSync(join(made.root, "b.txt"), "b, staged\n");
    git(made.root, "add", "b.txt");
    writeFileSync(join(made.root, "n.txt"), "untracked\n");
    agent(made.agents, "m", `cat a.txt b.txt n.txt > ${made.agents}/m.saw 2>/dev/null || true\nmkdir -p src && echo m > src/m.txt`);
    return made;
  }

  it("with --include-dirty, reach the agents and the integration branch; the user's index and files stay as they were", () => {
    const { root, agents } = dirty();
    const before = checkout(root);
    const out = runCli(["run", "implement system", "--include-dirty"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^workspace: uncommitted changes in 3 files were committed to the integration branch first \([0-9a-f]{8}\)$/m);
    expect(out.stdout.match(/uncommitted changes in 3 files/g)).toHaveLength(1);
    expect(readFileSync(join(agents, "m.saw"), "utf8")).toBe("a, unstaged\nb, staged\nuntracked\n");
    const branch = `orchestrate/${runIdOf(root)}`;
    expect(git(root, "show", `${branch}:a.txt`)).toBe("a, unstaged");
    expect(git(root, "show", `${branch}:n.txt`)).toBe("untracked");
    expect(git(root, "show", `${branch}:src/m.txt`)).toBe("m");
    expect(checkout(root)).toEqual(before);
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe("a, unstaged\n");
  });

  it("without it, the run starts from HEAD and says the changes are not included", () => {
    const { root, agents } = dirty();
    const before = checkout(root);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toContain(`workspace: uncommitted changes in 3 files are not included: the run starts from HEAD ${before.head.slice(0, 8)} (--include-dirty commits them to the integration branch first)`);
    // Said once: its own line, not again on the progress's workspace line.
    expect(out.stdout.match(/uncommitted changes in 3 files/g)).toHaveLength(1);
    expect(readFileSync(join(agents, "m.saw"), "utf8")).toBe("a\nb\n");
    expect(git(root, "show", `orchestrate/${runIdOf(root)}:a.txt`)).toBe("a");
    expect(checkout(root)).toEqual(before);
  });
});

describe("workspace.share and workspace.setup in a run", () => {
  it("links shared folders into each worktree, never commits them, and runs setup once per worktree", () => {
    const { root, agents } = runProject([{ id: "a" }, { id: "b" }], { files: { ".gitignore": "node_modules/\n" }, config: `workspace:\n  share: [node_modules]\n  setup: pwd >> ${"LOG"}/setup.log\nsandbox:\n  writable: [${"LOG"}]\n` });
    // Setup runs in the sandbox: its log's folder is writable there as the config says.
    const config = readFileSync(join(root, "orchestrate.config.yaml"), "utf8").replaceAll("LOG", agents);
    writeFileSync(join(root, "orchestrate.config.yaml"), config);
    commitAll(root, "config");
    mkdirSync(join(root, "node_modules/dep"), { recursive: true });
    writeFileSync(join(root, "node_modules/dep/index.js"), "shared\n");
    for (const id of ["a", "b"]) agent(agents, id, `pwd > ${agents}/${id}.pwd\ncat node_modules/dep/index.js > ${agents}/${id}.dep\nmkdir -p src && echo ${id} > src/${id}.txt`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const setups = readFileSync(join(agents, "setup.log"), "utf8").trim().split("\n");
    expect(new Set(setups).size).toBe(setups.length);
    for (const id of ["a", "b"]) {
      expect(readFileSync(join(agents, `${id}.dep`), "utf8")).toBe("shared\n");
      expect(setups).toContain(readFileSync(join(agents, `${id}.pwd`), "utf8").trim());
    }
    const branch = `orchestrate/${runIdOf(root)}`;
    expect(git(root, "ls-tree", "-r", "--name-only", branch)).not.toContain("node_modules");
    expect(readFileSync(join(root, "node_modules/dep/index.js"), "utf8")).toBe("shared\n");
  });

  it("warns at the run's start of a shared build output folder, which sandboxed gates cannot write", () => {
    const { root, agents } = runProject([{ id: "a" }], { config: "workspace:\n  share: [target]\n" });
    agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout + out.stderr).toContain("workspace.share lists `target`, which cargo (or maven) writes while a gate builds or tests");
  });

  it("fails the attempt with WORKSPACE_FAILED and the setup's message when setup fails, without a retry", () => {
    const { root, agents } = runProject([{ id: "a" }], { config: "workspace:\n  setup: echo 'npm ERR! no lockfile' >&2; exit 4\n" });
    agent(agents, "a", `touch ${agents}/a.ran`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/a: attempt 1 failed: workspace\.setup `echo 'npm ERR! no lockfile' >&2; exit 4` exited 4 in \S+: npm ERR! no lockfile/);
    expect(out.stdout).toContain("a: failed (failed after attempt 1)");
    expect(attempts(root, "a")).toHaveLength(1);
    expect(existsSync(join(agents, "a.ran"))).toBe(false);
    // The documentation step needs no dependencies: it does not run the setup, and so does not fail with it.
    expect(out.stderr).toBe("");
  });

  it("makes no worktree for a gate with no checks (no setup run for nothing): the system gate here", () => {
    // Module gates configured, the layers' architecture checks discovered, no system checks at all.
    const setup = `case "$PWD" in */head-*) echo head >> ${"LOG"}/heads.log;; esac`;
    const { root, agents } = runProject([{ id: "a" }, { id: "b", layer: "l2", deps: ["a"] }], { config: `workspace:\n  setup: ${JSON.stringify(setup)}\nsandbox:\n  writable: [${"LOG"}]\ngates:\n  module:\n    - name: t\n      kind: command\n      run: "true"\n` });
    writeFileSync(join(root, "orchestrate.config.yaml"), readFileSync(join(root, "orchestrate.config.yaml"), "utf8").replaceAll("LOG", agents));
    commitAll(root, "config");
    for (const id of ["a", "b"]) agent(agents, id, `mkdir -p src && echo ${id} > src/${id}.txt`);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/layer l2 gate passed/);
    expect(out.stdout).not.toMatch(/system gate/);
    // One head worktree per layer gate; none for the system, which has no checks.
    expect(readFileSync(join(agents, "heads.log"), "utf8").trim().split("\n")).toEqual(["head", "head"]);
  });

  it("fails a layer gate whose worktree cannot be made, without crashing the run or sending modules to fix it", () => {
    const setup = `case "$PWD" in */head-*) echo no network >&2; exit 5;; esac`;
    const { root, agents } = runProject([{ id: "a" }], { config: `workspace:\n  setup: ${JSON.stringify(setup)}\ngates:\n  layer:\n    - name: t\n      kind: command\n      run: "true"\n` });
    agent(agents, "a", "mkdir -p src && echo a > src/a.txt");
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.code, out.stdout + out.stderr).toBe(1);
    expect(out.stdout).toMatch(/layer l1 gate failed: workspace failed: its worktree could not be made: workspace\.setup `.*` exited 5 in \S+head-\d+: no network/);
    expect(out.stdout).toContain("Why: layer gate l1 failed");
    expect(out.stderr).toBe("");
    expect(attempts(root, "a")).toEqual([{ state: "done" }]);
    const store = openStore(root);
    try {
      expect(store.listRuns()[0]!.state).toBe("failed");
    } finally {
      store.close();
    }
    expect(extraWorktrees(root)).toEqual([]);
  });
});
