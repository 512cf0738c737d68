import { execFileSync } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const git = (cwd: string, ...args: string[]): string => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" }).trim();
const heads = (repo: string): string[] => git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n").filter(Boolean).sort();

describe("clean of a queued run", () => {
  it("deletes the attempt branches its workers pushed to the queue's remote, and its integration branch there once merged", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "a.txt" }),
      "orchestrate.config.yaml": "agent: command\ncommand:\n  run: sh -c 'cat > /dev/null; echo a > a.txt'\n",
    });
    git(root, "-c", "init.defaultBranch=main", "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "start");
    const run = runCli(["run", "implement system", "--project", root, "--yes", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const { runId } = JSON.parse(run.stdout) as { runId: string };
    // What a queued run leaves on its remote: the integration branch and each worker's attempt branch
    // (pushed here by hand; the run's record is given the queue it would have had).
    const remote = makeProject({});
    git(remote, "init", "-q", "--bare");
    for (const branch of [`orchestrate/${runId}`, `orchestrate/attempts/${runId}/a/1`, `orchestrate/attempts/${runId}/a/2`, "orchestrate/attempts/other/a/1"]) git(root, "push", "-q", remote, `orchestrate/${runId}:refs/heads/${branch}`);
    const db = new Database(join(root, ".orchestrate", "state.db"));
    db.prepare("UPDATE runs SET options = json_set(options, '$.queue', json(?)) WHERE id = ?").run(JSON.stringify({ url: "redis://127.0.0.1:1", remote }), runId);
    db.close();

    const kept = runCli(["clean", "--project", root]);
    expect(kept.stdout).toContain(`; deleted 2 branches on the queue's remote ${remote}\n`);
    expect(heads(remote)).toEqual(["orchestrate/" + runId, "orchestrate/attempts/other/a/1"]);

    git(root, "merge", "-q", `orchestrate/${runId}`);
    expect(runCli(["clean", runId, "--project", root]).stdout).toBe(`Run ${runId} (done): deleted orchestrate/${runId} (merged into main); deleted 1 branch on the queue's remote ${remote}\n`);
    expect(heads(remote)).toEqual(["orchestrate/attempts/other/a/1"]);
    expect(runCli(["clean", runId, "--project", root]).stdout).toBe(`Run ${runId}: nothing to clean\n`);
  });
});
