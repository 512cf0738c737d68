import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mayBeInRepository, openRepo } from "../../src/workspace/repo.js";

const made: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-repo-"));
  made.push(dir);
  return dir;
}

describe("finding the project's repository without starting git", () => {
  it("says no for a folder with no .git above it, and openRepo then starts no git", async () => {
    const dir = join(folder(), "a", "b");
    mkdirSync(dir, { recursive: true });
    // A git on the PATH that leaves a mark when started.
    const bin = folder();
    const mark = join(bin, "started");
    writeFileSync(join(bin, "git"), `#!/bin/sh\necho started > '${mark}'\nexit 128\n`, { mode: 0o755 });
    vi.stubEnv("PATH", bin);
    expect(mayBeInRepository(dir)).toBe(false);
    expect(await openRepo(dir)).toEqual({ reason: "the project is not a git repository" });
    expect(existsSync(mark)).toBe(false);
  });

  it("leaves it to git when a folder above has a .git (a folder or a file), is a bare repository, or GIT_DIR is set", () => {
    const top = folder();
    const dir = join(top, "pkg", "inner");
    mkdirSync(dir, { recursive: true });
    expect(mayBeInRepository(dir)).toBe(false);
    writeFileSync(join(top, ".git"), "gitdir: /elsewhere\n");
    expect(mayBeInRepository(dir)).toBe(true);
    rmSync(join(top, ".git"));
    writeFileSync(join(top, "HEAD"), "ref: refs/heads/main\n");
    mkdirSync(join(top, "objects"));
    expect(mayBeInRepository(dir)).toBe(true);
    rmSync(join(top, "HEAD"));
    vi.stubEnv("GIT_DIR", join(top, "elsewhere"));
    expect(mayBeInRepository(dir)).toBe(true);
  });

  it("finds a real repository from a folder inside it", async () => {
    const top = folder();
    execFileSync("git", ["init", "-q"], { cwd: top });
    const dir = join(top, "sub");
    mkdirSync(dir);
    expect(mayBeInRepository(dir)).toBe(true);
    expect(await openRepo(dir)).toEqual({ reason: "the git repository has no commit yet" });
  });

  it("opens a repository whose folders' names hold a newline, quotes and spaces, where it took the name's second line for the prefix", async () => {
    const top = join(folder(), "top\nline 'q\"uote");
    const dir = join(top, "pkg\nsub dir");
    mkdirSync(dir, { recursive: true });
    execFileSync("git", ["init", "-q"], { cwd: top });
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "first"], { cwd: top });
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: top, encoding: "utf8" }).trim();
    expect(await openRepo(dir)).toMatchObject({ top, prefix: "pkg\nsub dir/", head });
    expect(await openRepo(top)).toMatchObject({ top, prefix: "", head });
  });
});
