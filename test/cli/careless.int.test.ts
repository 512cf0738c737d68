import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runAsOther } from "../helpers/as-other.js";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec, removeProjects } from "../helpers/project.js";
import { openStore } from "../../src/store/open.js";
import { EMPTY_PLAN } from "../store/helpers.js";

// Careless input a new user gives: a project folder they may not write, a mistyped --project.
const M = ".claude/layers/core/modules";

afterAll(removeProjects);

function project(): string {
  return makeProject({ [`${M}/A_AGENT.md`]: moduleSpec({ module: "a.py" }), "a.py": "x = 1\n", "lib/b.py": "y = 2\n" });
}

/** Exit 2, one line on stderr and no stack: the line. */
function refused(result: { code: number | null; stdout: string; stderr: string }): string {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
  return result.stderr.trimEnd();
}

describe("a folder the user may not write", () => {
  it("`run`, `memory write` and `init` say which path and why in one line, exit 2, not a stack to report", () => {
    const root = project();
    chmodSync(root, 0o555);
    try {
      const denied = `orchestrate: Cannot mkdir ${join(root, ".orchestrate")}: permission denied (EACCES); expected a path this user may write (check its owner and mode, and its folder's)`;
      expect(refused(runAsOther(["run", "implement system", "--yes", "--project", root]))).toBe(denied);
      expect(refused(runAsOther(["memory", "write", "k", "v", "--project", root]))).toBe(denied);
      expect(refused(runAsOther(["init", join(root, "new")]))).toMatch(/^orchestrate: Cannot mkdir .*new: permission denied \(EACCES\)/);
    } finally {
      chmodSync(root, 0o755);
    }
  }, 60_000);
});

describe("--project naming no folder inside a project", () => {
  it("a mistyped folder or a file is refused, not taken for the project above it", async () => {
    const root = project();
    mkdirSync(join(root, "lib", "sub"));
    for (const args of [["plan", "implement system"], ["run", "implement system", "--yes"], ["status"], ["check"]]) {
      expect(refused(runCli([...args, "--project", join(root, "lbi")]))).toBe(`orchestrate: Project folder ${join(root, "lbi")} does not exist`);
      expect(refused(runCli([...args, "--project", join(root, "lib", "b.py")]))).toBe(`orchestrate: Expected the project (--project) to be a folder, got ${join(root, "lib", "b.py")}, which is a file`);
    }
    // A folder inside the project still finds it, as git does.
    expect((await cliHere(["plan", "implement system", "--project", join(root, "lib", "sub")])).code).toBe(0);
  }, 60_000);
});

describe("--project that cannot be read", () => {
  it("a symbolic link loop, a link to nowhere and a path through a file say what they are, where they said the folder does not exist", () => {
    const root = project();
    const loop = join(root, "loop");
    symlinkSync(join(root, "loop-back"), loop);
    symlinkSync(loop, join(root, "loop-back"));
    symlinkSync(join(root, "gone"), join(root, "dangling"));
    expect(refused(runCli(["plan", "implement system", "--project", loop]))).toBe(`orchestrate: Expected the project (--project) to be a folder, got ${loop}, which is a symbolic link loop (ELOOP)`);
    expect(refused(runCli(["status", "--project", join(root, "dangling")]))).toBe(`orchestrate: Expected the project (--project) to be a folder, got ${join(root, "dangling")}, which is a symbolic link to \`${join(root, "gone")}\`, which does not exist`);
    expect(refused(runCli(["check", "--project", join(root, "a.py", "x")]))).toBe(`orchestrate: Expected the project (--project) to be a folder, got ${join(root, "a.py", "x")}, which is a path through a file (ENOTDIR)`);
  }, 60_000);

  it("a project folder, or a spec folder, this user may not read is said so, where it was `Cannot stat <project>/packages ... may write` and `Cannot read folder: EACCES`", () => {
    const root = project();
    chmodSync(root, 0o300);
    try {
      const line = `orchestrate: Cannot read the project folder ${root}: permission denied (EACCES); expected a folder this user may read (check its owner and mode)`;
      for (const args of [["plan", "implement system"], ["status"], ["check"], ["run", "implement system", "--yes"]]) expect(refused(runAsOther([...args, "--project", root]))).toBe(line);
      chmodSync(root, 0o755);
      chmodSync(join(root, ".claude/layers/core"), 0o000);
      expect(refused(runAsOther(["plan", "implement system", "--project", root]))).toBe("orchestrate: .claude/layers/core: Cannot read folder: permission denied (EACCES); expected a folder this user may read (check its owner and mode)");
    } finally {
      chmodSync(root, 0o755);
      chmodSync(join(root, ".claude/layers/core"), 0o755);
    }
  }, 60_000);
});

describe("mcp: options of --http without it", () => {
  it("`--port`, `--token`, `--session-idle`, `--max-sessions` without `--http` are refused, where the server spoke over stdio and the client on the port heard nothing", () => {
    const root = project();
    expect(refused(runCli(["mcp", "--port", "4000", "--project", root]))).toBe("orchestrate: `--port` goes with `--http` (orchestrate mcp --http --port ...); without it the server speaks over stdio");
    expect(refused(runCli(["mcp", "--token", "t".repeat(40), "--max-sessions", "3", "--project", root]))).toBe(
      "orchestrate: `--token`, `--max-sessions` go with `--http` (orchestrate mcp --http --token ...); without it the server speaks over stdio",
    );
  }, 60_000);
});

describe("init DIR that is no folder", () => {
  it("a symbolic link loop, a link to nowhere and a named pipe say what they are, and the link is left (a loop was a stack trace, and its link deleted)", () => {
    const dir = makeProject({});
    symlinkSync(join(dir, "loop-back"), join(dir, "loop"));
    symlinkSync(join(dir, "loop"), join(dir, "loop-back"));
    symlinkSync(join(dir, "gone"), join(dir, "dangling"));
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const expected = (path: string, what: string) => `orchestrate: Expected DIR to be a folder (new or existing), got \`${path}\`, which is ${what}`;
    expect(refused(runCli(["init", join(dir, "loop")]))).toBe(expected(join(dir, "loop"), "a symbolic link loop (ELOOP)"));
    expect(refused(runCli(["init", "--from-code", join(dir, "loop")]))).toBe(expected(join(dir, "loop"), "a symbolic link loop (ELOOP)"));
    expect(refused(runCli(["init", join(dir, "dangling")]))).toBe(expected(join(dir, "dangling"), `a symbolic link to \`${join(dir, "gone")}\`, which does not exist`));
    expect(refused(runCli(["init", join(dir, "pipe")]))).toBe(expected(join(dir, "pipe"), "a named pipe (FIFO)"));
    expect(lstatSync(join(dir, "loop")).isSymbolicLink()).toBe(true);
  }, 60_000);
});

describe("flags of isolated runs given to a shared one", () => {
  it("`--apply`, `--include-dirty`, `--keep-worktrees` with `--isolation shared` or the config's `isolation: shared` are refused before anything is made, where they did nothing without a word", () => {
    const root = project();
    expect(refused(runCli(["run", "implement system", "--yes", "--isolation", "shared", "--apply", "--project", root]))).toBe(
      "orchestrate: Expected `--apply` with worktree isolation, got `isolation: shared` (`--isolation shared`): there is no branch to bring in: the work is in your working tree already; leave out `--apply`, or pass `--isolation worktree`",
    );
    expect(refused(runCli(["run", "implement system", "--yes", "--isolation", "shared", "--include-dirty", "--project", root]))).toMatch(/^orchestrate: Expected `--include-dirty` with worktree isolation, got `isolation: shared` \(`--isolation shared`\): the agents work in your working tree, uncommitted changes and all;/);
    const configured = makeProject({ [`${M}/A_AGENT.md`]: moduleSpec({ module: "a.py" }), "a.py": "x = 1\n", "orchestrate.config.yaml": "isolation: shared\n" });
    expect(refused(runCli(["run", "implement system", "--yes", "--keep-worktrees", "--project", configured]))).toBe(
      "orchestrate: Expected `--keep-worktrees` with worktree isolation, got `isolation: shared` (orchestrate.config.yaml): there are no worktrees to keep; leave out `--keep-worktrees`, or pass `--isolation worktree`",
    );
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
    expect(existsSync(join(configured, ".orchestrate"))).toBe(false);
    // `resume --apply` of a run that started shared (a resumed run keeps its isolation).
    const store = openStore(root);
    try {
      store.createRun({ id: "r1", request: "implement system", plan: EMPTY_PLAN, options: "{}", modules: [], at: 1 });
      store.setWorkspace({ runId: "r1", isolation: "shared", at: 1 });
    } finally {
      store.close();
    }
    expect(refused(runCli(["resume", "--apply", "--project", root]))).toBe(
      "orchestrate: Expected `--apply` with worktree isolation, got `isolation: shared` (run r1 started with it): there is no branch to bring in: the work is in your working tree already; leave out `--apply` (a resumed run keeps the isolation it started with)",
    );
  }, 60_000);
});

describe("memory: a key that could not be named again, a tag no memory has", () => {
  it("`memory write` with an empty or two-line key is refused before the store is made; `list --tag` naming no memory's tag says so", async () => {
    const root = project();
    expect(refused(await cliHere(["memory", "write", "", "text", "--project", root]))).toBe("orchestrate: Expected <key> to be a memory's name on one line (e.g. notes/release), got an empty one");
    expect(refused(await cliHere(["memory", "write", "a\nb", "text", "--project", root]))).toBe('orchestrate: Expected <key> to be a memory\'s name on one line (e.g. notes/release), got `"a\\nb"`');
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
    expect((await cliHere(["memory", "write", "notes/é ✓", "kept", "--tag", "module:a", "--project", root])).code).toBe(0);
    expect((await cliHere(["memory", "list", "--tag", "module:b", "--tag", "layer:x", "--project", root])).stdout).toBe("No memories tagged `module:b` or `layer:x`.\n");
    expect((await cliHere(["memory", "list", "--tag", "module:a", "--project", root])).stdout).toContain("notes/é ✓");
    // A store that has memories and no run: `runs` says what it says of a project without a store.
    expect((await cliHere(["runs", "--project", root])).stdout).toBe("No runs in this project yet (start one with `orchestrate run`).\n");
  }, 60_000);
});

describe("init: a seed on a project of one's own, flags that do not go together", () => {
  it("`init --seed violation DIR` on a project that is no copy of the example is refused, nothing written or committed", () => {
    const root = project();
    const result = runCli(["init", root, "--seed", "violation"]);
    expect(refused(result)).toBe(
      `orchestrate: ${root} is not a copy of the example: it lacks the example's .claude/layers/core/CORE_ORCHESTRATOR.md and 15 more of its specs; a seed applies to a copy of the example (orchestrate init --example DIR)`,
    );
    expect(existsSync(join(root, "recorded"))).toBe(false);
  });

  it("`--from-code` with `--example` or `--seed` says to give one; a --from-code flag alone is shown with its value", () => {
    const root = project();
    expect(refused(runCli(["init", root, "--from-code", "--example"]))).toMatch(/^orchestrate: --example and --from-code make two different trees: .*give one$/);
    expect(refused(runCli(["init", root, "--from-code", "--seed", "bug"]))).toMatch(/^orchestrate: --seed and --from-code make two different trees/);
    expect(refused(runCli(["init", join(root, "new"), "--granularity", "file"]))).toContain(`(orchestrate init --from-code ${join(root, "new")} --granularity file)`);
  });
});

describe("`--agent command` on a project without a `command:` section", () => {
  it("says where the command goes and what to write, in one line, before anything starts", () => {
    const root = project();
    const line = refused(runCli(["run", "implement system", "--yes", "--agent", "command", "--project", root]));
    expect(line).toMatch(/^orchestrate: Expected `command\.run` or `command\.preset`, got neither: the command agent runs what the config's `command:` section names \(`command: \{ preset: claude \}`, .*; presets: claude, /);
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  });
});
