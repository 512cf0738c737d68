import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { queuedProject, queueTests, runRecord, spawnCli, startWorkers } from "../helpers/queue.js";
import { runCli } from "../helpers/cli.js";

/** A queued retry is given its failed attempt's work as a local retry in its own worktree is. */
const q = queueTests("carry");

describe("a queued retry", () => {
  it("goes on from the work its gate failed on another worker's attempt, and is told so", async () => {
    const p = queuedProject({ layers: 1, perLayer: 1, latencyMs: 0 });
    q.dirs.push(dirname(p.root));
    const agents = mkdtempSync(join(q.workerTmp, "agents-"));
    const script = join(agents, "m.sh");
    // Attempt 1 drafts the module's file and a helper; attempt 2 only edits the draft, and fails where it is missing.
    writeFileSync(script, [
      "set -e",
      'if [ "$ORCHESTRATE_ATTEMPT" = 1 ]; then mkdir -p src/l1 && echo draft > src/l1/m1_00.py && echo helper > src/l1/helper.py; exit 0; fi',
      "grep -q draft src/l1/m1_00.py",
      "sed -i s/draft/good/ src/l1/m1_00.py",
      "",
    ].join("\n"));
    chmodSync(script, 0o755);
    writeFileSync(join(p.root, "orchestrate.config.yaml"), `agent: command\ncommand:\n  run: sh ${script}\n  prompt: file\nretries: 1\ngates:\n  module: [ { name: done, kind: command, run: "grep -q good src/l1/m1_00.py" } ]\n`);
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "command agent"], { cwd: p.root });
    q.running.push(...(await startWorkers(q.redis.url, 1, [], { TMPDIR: q.workerTmp })));
    const coordinator = spawnCli(["run", "implement system", "--yes", "--queue", q.redis.url, "--queue-remote", p.remote, "--project", p.root], p.root);
    q.running.push(coordinator);
    expect(await coordinator.exited, coordinator.stdout() + coordinator.stderr()).toBe(0);
    const record = runRecord(p.root);
    expect(record.attempts.map((a) => [a.n, a.state])).toEqual([[1, "failed"], [2, "done"]]);
    const show = (file: string) => execFileSync("git", ["show", `orchestrate/${record.runId}:${file}`], { cwd: p.root, encoding: "utf8" }).trim();
    expect(show("src/l1/m1_00.py")).toBe("good");
    expect(show("src/l1/helper.py")).toBe("helper");
    const prompt = runCli(["status", "--prompt", "m1_00", "--attempt", "2", "--project", p.root]).stdout;
    expect(prompt).toContain("Your workspace holds attempt 1's changes as it left them: fix what failed rather than start again.\n");
  }, 120_000);
});
