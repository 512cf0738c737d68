import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { git } from "./git-fixture.js";
import { agent, runIdOf, runProject } from "./run-fixture.js";

describe("a module gate that writes a file the repository tracks", () => {
  it("has its change (a lock file brought up to date) merged with the module's work, not what it adds (build output)", () => {
    // As `cargo test` rewrites Cargo.lock for a dependency the agent added to Cargo.toml.
    const { root, agents } = runProject([{ id: "m" }], { files: { "deps.toml": "a\n", "deps.lock": "locked:\na\n" } });
    writeFileSync(join(agents, "gate.sh"), `{ echo locked:; cat deps.toml; } > deps.lock\nmkdir -p target && echo built > target/out\n`);
    writeFileSync(join(root, "orchestrate.config.yaml"), `agent: command\ncommand:\n  run: sh ${agents}/$ORCHESTRATE_MODULE.sh\n  prompt: file\nretries: 0\ngates:\n  discover: false\n  sandbox: false\n  module: [ { name: tests, kind: command, run: "sh ${agents}/gate.sh" } ]\n`);
    agent(agents, "m", "printf 'a\\nb\\n' > deps.toml\nmkdir -p src && echo m > src/m.txt");
    const run = runCli(["run", "implement system"], { cwd: root });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain("orchestrate: warning: m: its gate changed deps.lock, committed with attempt 1's work (the files as the gate passed them)");
    const branch = `orchestrate/${runIdOf(root)}`;
    expect(git(root, "show", `${branch}:deps.lock`)).toBe("locked:\na\nb");
    // The run's files but its docs step's changelog: no build output.
    expect(git(root, "diff", "--name-only", "main", branch).split("\n").filter((f) => f !== "CHANGELOG.md")).toEqual(["deps.lock", "deps.toml", "src/m.txt"]);
    // The user's checkout is as it was (but the config this test wrote).
    expect(git(root, "status", "--porcelain", "--", ".", ":!orchestrate.config.yaml")).toBe("");
  }, 60_000);
});
