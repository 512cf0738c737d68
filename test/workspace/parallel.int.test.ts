import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { openStore } from "../../src/store/open.js";
import { checkout, extraWorktrees, git, orchestrateBranches } from "./git-fixture.js";
import { agent, mergesPerModule, runIdOf, runProject } from "./run-fixture.js";

describe("isolated runs through the CLI", () => {
  it("lands four parallel modules writing different files on the integration branch, each merged once, the checkout untouched", () => {
    const ids = ["a", "b", "c", "d"];
    const { root, agents } = runProject(ids.map((id) => ({ id })));
    for (const id of ids) agent(agents, id, `mkdir -p src && echo "${id} was here" > src/${id}.txt`);
    const before = checkout(root);
    const out = runCli(["run", "implement system"], { cwd: root });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const runId = runIdOf(root);
    const branch = `orchestrate/${runId}`;
    for (const id of ids) expect(git(root, "show", `${branch}:src/${id}.txt`)).toBe(`${id} was here`);
    expect(mergesPerModule(root, branch)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
    const store = openStore(root);
    try {
      const merges = store.getMerges(runId);
      expect(merges.map((m) => `${m.moduleId}:${m.state}`).sort()).toEqual(["a:merged", "b:merged", "c:merged", "d:merged"]);
      expect(merges.map((m) => m.files)).toEqual(merges.map((m) => [`src/${m.moduleId}.txt`]));
    } finally {
      store.close();
    }
    expect(checkout(root)).toEqual(before);
    expect(extraWorktrees(root)).toEqual([]);
    expect(orchestrateBranches(root)).toEqual([branch]);
    expect(out.stdout).toContain(`Work: branch ${branch} (${before.head.slice(0, 8)}..`);
    expect(out.stdout).toContain(`Bring it in: git merge ${branch}`);
    console.log(out.stdout);
  });
});
