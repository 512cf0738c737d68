import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { openDashboard } from "../../src/dashboard/server/open.js";

const git = (root: string, ...args: string[]): string => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, encoding: "utf8" }).trim();

/**
 * Two independent modules, `a` and `b`, in a git repository, run by a `command` agent that
 * writes its own file and the same `shared.txt`. Their first attempts wait for each other, so
 * both start from the same head and the second to merge conflicts; its retry starts from the
 * new head and merges.
 */
function project(): { root: string; sync: string } {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "a.txt" }),
    ".claude/layers/core/modules/B_AGENT.md": moduleSpec({ module: "b.txt" }),
  });
  const sync = makeProject({});
  const agent = join(sync, "agent.sh");
  writeFileSync(
    agent,
    [
      "set -e",
      // The prompt comes on stdin: read it, as an agent does.
      "cat > /dev/null",
      `touch "${sync}/$ORCHESTRATE_MODULE-$ORCHESTRATE_ATTEMPT.started"`,
      // Attempt 1 of each waits (5 s at most) until both have started: both worktrees are made from the first head.
      `if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then n=0; while [ $(ls "${sync}" | grep -c -- '-1.started$') -lt 2 ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n+1)); done; fi`,
      // The held test releases a module's agent by creating release-<module>.
      `if [ -e "${sync}/hold" ]; then while [ ! -e "${sync}/release-$ORCHESTRATE_MODULE" ]; do sleep 0.05; done; fi`,
      'echo "$ORCHESTRATE_MODULE" > shared.txt',
      'echo "$ORCHESTRATE_MODULE" > "$ORCHESTRATE_MODULE.txt"',
      "",
    ].join("\n"),
  );
  writeFileSync(join(root, "orchestrate.config.yaml"), `agent: command\ncommand:\n  run: sh ${agent}\nconcurrency: 2\nretries: 1\n`);
  git(root, "-c", "init.defaultBranch=master", "init", "-q");
  git(root, "add", "-A");
  git(root, "commit", "-qm", "start");
  return { root, sync };
}

interface StatusJson {
  runId: string;
  workspace?: { isolation: string; branch?: string; base?: string; head?: string | null; merged?: boolean };
  modules: { id: string; state: string; commit?: string; attempts: { state: string }[] }[];
}

const statusOf = async (root: string): Promise<StatusJson> => JSON.parse((await cliHere(["status", "--project", root, "--json"])).stdout) as StatusJson;
const branches = (root: string): string[] => git(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/orchestrate/").split("\n").filter(Boolean);

describe("an isolated run as the user sees it (issue 13)", () => {
  it("progress, status, status --json and report show the integration branch, each merge and the conflict; clean keeps the unmerged branch, then deletes it once merged", async () => {
    const { root } = project();
    const base = git(root, "rev-parse", "HEAD");
    const run = runCli(["run", "implement system", "--project", root, "--yes", "--keep-worktrees"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { runId, workspace, modules } = await statusOf(root);
    const branch = `orchestrate/${runId}`;

    // The live progress: where the work goes, one line at the start; merges and the conflict, without repeating the retry text.
    expect(run.stdout).toContain(`] workspace: worktrees, integration branch ${branch} from ${base.slice(0, 8)}\n`);
    expect(run.stdout).toMatch(/\] [ab]: attempt 1 failed: merge conflict in shared.txt\n/);
    expect(run.stdout.match(/: done; merged 2 files\n/g)).toHaveLength(2);
    expect(run.stdout).not.toMatch(/workspace: .*\n[\s\S]*workspace: /);

    // status --json: the workspace from the store and git, each module's merged commit.
    const head = git(root, "rev-parse", branch);
    expect(workspace).toEqual({ isolation: "worktree", branch, base, head, merged: false });
    for (const m of modules) {
      expect(m.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(git(root, "merge-base", "--is-ancestor", m.commit!, branch)).toBe("");
      expect(git(root, "show", "--format=", "--name-only", m.commit!).split("\n").sort()).toContain(`${m.id}.txt`);
    }
    expect(modules.flatMap((m) => m.attempts.map((a) => a.state)).sort()).toEqual(["done", "done", "failed"]);

    const text = runCli(["status", "--project", root]).stdout;
    expect(text).toContain(`workspace branch ${branch} from ${base.slice(0, 8)} at ${head.slice(0, 8)}\n`);
    expect(text).toContain(`git merge ${branch}`);

    const report = runCli(["report", "--project", root]).stdout;
    expect(report).toContain(`## Workspace\n\nWorktrees per attempt; integration branch \`${branch}\` from \`${base.slice(0, 8)}\`, now at \`${head.slice(0, 8)}\`.`);
    expect(report).toMatch(/\| `[ab]` \| 1 \| `[0-9a-f]{8}` \| ❌ conflict in shared.txt \| 2 \|/);
    expect(report.match(/✅ merged as `[0-9a-f]{8}`/g)).toHaveLength(2);
    const reportJson = JSON.parse(runCli(["report", "--project", root, "--format", "json"]).stdout) as { workspace: unknown; merges: { ok: boolean }[] };
    expect(reportJson.workspace).toMatchObject({ branch, head });
    expect(reportJson.merges.map((m) => m.ok)).toEqual([true, false, true]);

    // clean: the kept worktrees and attempt branches go; the branch, not merged, stays with the way to merge or force it.
    expect(readdirSync(join(root, ".orchestrate/worktrees", runId)).length).toBe(3);
    expect(branches(root)).toHaveLength(4);
    const kept = runCli(["clean", "--project", root]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toBe(
      `Run ${runId} (done): removed 3 worktrees and 3 attempt branches; kept ${branch} (not merged into master: bring it in with \`git merge ${branch}\`, or delete it with \`orchestrate clean ${runId} --force --project ${root}\`)\n`,
    );
    expect(existsSync(join(root, ".orchestrate/worktrees", runId))).toBe(false);
    expect(branches(root)).toEqual([branch]);
    expect(git(root, "worktree", "list").split("\n")).toHaveLength(1);

    git(root, "merge", "-q", "--ff-only", branch);
    expect(runCli(["status", "--project", root]).stdout).toContain(`at ${head.slice(0, 8)}, merged into your branch\n`);
    expect(runCli(["clean", runId, "--project", root]).stdout).toBe(`Run ${runId} (done): deleted ${branch} (merged into master)\n`);
    expect(branches(root)).toEqual([]);
    expect((await statusOf(root)).workspace).toEqual({ isolation: "worktree", branch, base, head: null, merged: false });
    expect(runCli(["clean", "--project", root]).stdout).toBe("Nothing to clean.\n");
    // Eight CLI processes and two runs: about 14 s on a quiet machine, past 30 s at a load of 8.
  }, 90_000);

  it("run --json ends with the workspace, so does the dashboard's report; clean --force deletes an unmerged integration branch; an unknown run is one line and exit 2", async () => {
    const { root } = project();
    const run = runCli(["run", "implement system", "--project", root, "--yes", "--json"]);
    expect(run.code, `${run.stderr}\n${run.stdout}`).toBe(0);
    const { runId, workspace } = JSON.parse(run.stdout) as StatusJson;
    expect(workspace).toMatchObject({ isolation: "worktree", branch: `orchestrate/${runId}`, head: git(root, "rev-parse", `orchestrate/${runId}`), merged: false });
    // The dashboard's report has the workspace and the merges too.
    const dashboard = await openDashboard(root, 0);
    try {
      const url = new URL(dashboard.url);
      const res = await fetch(`${url.origin}/api/runs/${runId}/report`, { headers: { authorization: `Bearer ${url.searchParams.get("token")!}` } });
      const report = (await res.json()) as { workspace: unknown; merges: { moduleId: string; ok: boolean }[] };
      expect(report.workspace).toMatchObject({ branch: `orchestrate/${runId}`, head: workspace!.head });
      expect(report.merges.map((m) => m.ok)).toEqual([true, false, true]);
    } finally {
      await dashboard.close();
    }

    const forced = runCli(["clean", runId, "--force", "--project", root]);
    expect(forced.stdout).toBe(`Run ${runId} (done): deleted orchestrate/${runId} (not merged: --force)\n`);
    expect(branches(root)).toEqual([]);
    expect(git(root, "status", "--porcelain")).toBe("");

    const unknown = runCli(["clean", "nope", "--project", root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("orchestrate: No run `nope` in this project (see `orchestrate runs`)\n");
  });

  it("clean refuses a run that is still running (exit 2, one line) and skips it without RUN", async () => {
    const { root, sync } = project();
    writeFileSync(join(sync, "hold"), "");
    const child = spawn(process.execPath, [BIN, "run", "implement system", "--project", root, "--yes"], { env: { ...process.env, CI: "true", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    let output = "";
    // Held: the agents wait for `release`; the run is live once both attempts have started.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if ((output.match(/attempt 1 started/g) ?? []).length === 2) resolve();
      });
      child.on("exit", () => reject(new Error(`the run ended early:\n${output}`)));
    });
    const { runId } = await statusOf(root);
    const refused = runCli(["clean", runId, "--project", root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^orchestrate: Run ${runId} is still running \\(process \\d+ holds its lock\\); clean it after it ends[^\\n]*\\n$`));
    const all = runCli(["clean", "--project", root]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(new RegExp(`^Run ${runId}: skipped, still running \\(process \\d+ holds its lock\\)\\n$`));
    // Nothing of the live run was touched: its worktrees are still there.
    expect(readdirSync(join(root, ".orchestrate/worktrees", runId)).length).toBeGreaterThanOrEqual(2);

    // a merges, then the run is killed: interrupted, clean takes its worktrees and keeps its branch, which resume goes on with.
    writeFileSync(join(sync, "release-a"), "");
    await new Promise<void>((resolve) => {
      const check = () => (/\] a: done; merged 2 files\n/.test(output) ? resolve() : undefined);
      child.stdout.on("data", check);
      check();
    });
    child.kill("SIGKILL");
    await exited;
    const branch = `orchestrate/${runId}`;
    const interrupted = runCli(["clean", "--project", root]);
    // a's worktree may be gone already (the kill can come before or after its removal).
    expect(interrupted.stdout.replace(/removed \d worktrees? and \d attempt branch(es)?/, "removed N")).toBe(
      `Run ${runId} (interrupted): removed N; kept ${branch} (not merged into master: continue the run with \`orchestrate resume ${runId} --project ${root}\`, bring it in with \`git merge ${branch}\`, or delete it with \`orchestrate clean ${runId} --force --project ${root}\`)\n`,
    );
    expect(existsSync(join(root, ".orchestrate/worktrees", runId))).toBe(false);
    writeFileSync(join(sync, "release-b"), "");
    const resumed = runCli(["resume", "--project", root]);
    expect(resumed.code).toBe(0);
    expect((await statusOf(root)).modules.map((m) => m.state)).toEqual(["done", "done"]);
    expect(git(root, "ls-tree", "--name-only", branch).split("\n")).toEqual(expect.arrayContaining(["a.txt", "b.txt", "shared.txt"]));
  });

  it("a project that is not a repository: the run says it shares the working tree; clean has nothing to do", async () => {
    const { root } = project();
    execFileSync("rm", ["-rf", join(root, ".git")]);
    const run = runCli(["run", "implement system", "--project", root, "--yes"]);
    expect(run.code).toBe(0);
    // Said once, on its own line; the progress's workspace line does not repeat it.
    expect(run.stdout).toMatch(/^workspace: the project is not a git repository: every agent works in the project's one working tree \(isolation: shared\)\n/m);
    expect(run.stdout).toMatch(/\] workspace: shared\n/);
    expect(run.stdout.match(/not a git repository/g)).toHaveLength(1);
    expect((await statusOf(root)).workspace).toMatchObject({ isolation: "shared" });
    expect(runCli(["clean", "--project", root]).stdout).toBe("Nothing to clean: the project is not a git repository, so runs leave no worktrees or branches.\n");
  });
});
