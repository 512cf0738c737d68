import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { agent, mergesPerModule, runIdOf, runProject } from "./run-fixture.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A `git` first on PATH that logs each call's command (its first argument but `-c` options) and runs the real one. */
function loggingGit(): { bin: string; log: string } {
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  const bin = mkdtempSync(join(tmpdir(), "orchestrate-git-log-"));
  dirs.push(bin);
  const log = join(bin, "calls.log");
  writeFileSync(join(bin, "git"), `#!/bin/sh\nc="$1"; while [ "$c" = "-c" ]; do shift 2; c="$1"; done\necho "$c" >> "${log}"\nexec "${real}" "$@"\n`);
  chmodSync(join(bin, "git"), 0o755);
  writeFileSync(log, "");
  return { bin, log };
}

describe("git processes of an isolated run", () => {
  // Each costs 5-20 ms of CPU (spawn and git's start-up); calls folded together or left out must not creep back.
  it("stays within 22 a module: worktree, agent snapshots, commit and merge (4 modules, one dependency; 20.75 when written, 27.25 before)", () => {
    const ids = ["a", "b", "c", "d"];
    const { root, agents } = runProject(ids.map((id) => ({ id, ...(id === "b" ? { deps: ["a"] } : {}) })));
    for (const id of ids) agent(agents, id, `mkdir -p src && echo "${id}" > src/${id}.txt`);
    const { bin, log } = loggingGit();
    const out = runCli(["run", "implement system"], { cwd: root, env: { PATH: `${bin}:${process.env.PATH ?? ""}` } });
    expect(out.code).toBe(0);
    expect(mergesPerModule(root, `orchestrate/${runIdOf(root)}`)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    const calls = readFileSync(log, "utf8").split("\n").filter(Boolean);
    const counts: Record<string, number> = {};
    for (const c of calls) counts[c] = (counts[c] ?? 0) + 1;
    console.log(`${calls.length} git processes: ${JSON.stringify(counts)}`);
    expect(calls.length / ids.length).toBeLessThanOrEqual(22);
  });
});
