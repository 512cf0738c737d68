import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const base = mkdtempSync(join(tmpdir(), "orchestrate-init-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("init --example that fails", () => {
  it("leaves no half-made folder behind", () => {
    // The bug seed is a patch over implemented modules; a fresh copy has none, so it cannot apply.
    const target = join(base, "fresh");
    const result = runCli(["init", "--example", target, "--seed", "bug"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not apply/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it("leaves an empty folder it was given empty", () => {
    const target = join(base, "empty");
    mkdirSync(target);
    expect(runCli(["init", "--example", target, "--seed", "bug"]).code).toBe(2);
    expect(readdirSync(target)).toEqual([]);
  });
});

describe("init --example makes a git repository (issue 13)", () => {
  const git = (dir: string, ...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env: isolatedGit }).stdout.trim();
  // No global or system git config: the commit has no identity of the user's to use.
  const home = join(base, "home");
  mkdirSync(home, { recursive: true });
  const isolatedGit = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: join(home, "none") };

  it("with one commit, the user's branch clean, under orchestrate's name when the user has none (and no config written)", () => {
    const target = join(base, "repo");
    const result = runCli(["init", "--example", target], { env: isolatedGit });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Copied the example project to .*: a git repository with one commit: runs on it work in worktrees and leave their work on a branch\n/);
    expect(git(target, "log", "--format=%an <%ae>|%s")).toBe("orchestrate <orchestrate@localhost>|The orchestrate example project");
    expect(git(target, "status", "--porcelain", "--ignored")).toBe("");
    expect(git(target, "ls-files")).toMatch(/^\.claude\//m);
    expect(git(target, "config", "--local", "--get-regexp", "^user\\.")).toBe("");
    // A gate run in the checkout leaves Python's caches and a log the debug walk-through writes: never "uncommitted changes".
    mkdirSync(join(target, "logs"));
    mkdirSync(join(target, "ledger", "__pycache__"), { recursive: true });
    writeFileSync(join(target, "logs", "error.log"), "x\n");
    writeFileSync(join(target, "ledger", "__pycache__", "x.pyc"), "x");
    expect(git(target, "status", "--porcelain")).toBe("");
  });

  it("under the user's name when git has one", () => {
    const target = join(base, "mine");
    writeFileSync(join(home, "gitconfig"), "[user]\n\tname = Ada\n\temail = ada@example.com\n");
    const env = { ...isolatedGit, GIT_CONFIG_GLOBAL: join(home, "gitconfig") };
    expect(runCli(["init", "--example", target], { env }).code).toBe(0);
    expect(spawnSync("git", ["log", "--format=%an <%ae>"], { cwd: target, encoding: "utf8", env }).stdout.trim()).toBe("Ada <ada@example.com>");
  });

  it("a seed applied to the copy is committed, so an isolated run starts from it", () => {
    const target = join(base, "seeded");
    expect(runCli(["init", "--example", target], { env: isolatedGit }).code).toBe(0);
    const seeded = runCli(["init", target, "--seed", "violation"], { env: isolatedGit });
    expect(seeded.stdout).toMatch(/^Applied seed `violation` to .* \(committed\)\n$/);
    expect(git(target, "log", "--format=%s")).toBe("Seed `violation` of the orchestrate example\nThe orchestrate example project");
    expect(git(target, "status", "--porcelain")).toBe("");
  });

  it("without git: says so and leaves a plain folder", () => {
    const target = join(base, "plain");
    const empty = join(base, "no-git-here");
    mkdirSync(empty, { recursive: true });
    const result = runCli(["init", "--example", target], { env: { PATH: empty } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: git is not installed, so it is a plain folder: runs on it share its working tree/);
    expect(existsSync(join(target, ".claude"))).toBe(true);
    expect(existsSync(join(target, ".git"))).toBe(false);
  });
});
