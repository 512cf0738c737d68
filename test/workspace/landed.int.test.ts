import { describe, expect, it } from "vitest";
import { landedIn } from "../../src/workspace/landed.js";
import { makeProject } from "../helpers/project.js";
import { commitAll, git, makeRepo } from "./git-fixture.js";
import { writeFiles } from "../helpers/project.js";

describe("landedIn: git's word on whether a run's head is in the code", () => {
  it("is true once the branch is merged into HEAD, and asks git once per commit for the judge's life", () => {
    const root = makeRepo({ "a.txt": "a\n" });
    git(root, "checkout", "-q", "-b", "orchestrate/r1");
    writeFiles(root, { "b.txt": "b\n" });
    const head = commitAll(root, "run r1's work");
    git(root, "checkout", "-q", "main");

    const before = landedIn(root);
    expect(before(head)).toBe(false);
    expect(before("orchestrate/r1")).toBe(false);
    git(root, "merge", "-q", "--no-ff", "-m", "merge r1", "orchestrate/r1");
    // The same judge keeps its answer (one git call per commit); a new one, made per run or tool call, sees the merge.
    expect(before(head)).toBe(false);
    const after = landedIn(root);
    expect(after(head)).toBe(true);
    // Found by the commit even once the branch is deleted (`orchestrate clean` deletes a merged one).
    git(root, "branch", "-q", "-D", "orchestrate/r1");
    expect(landedIn(root)(head)).toBe(true);
  });

  it("is false for what git cannot answer: no repository, an unknown commit, a name that looks like an option", () => {
    expect(landedIn(makeProject({}))("1".repeat(40))).toBe(false);
    const root = makeRepo({ "a.txt": "a\n" });
    expect(landedIn(root)("2".repeat(40))).toBe(false);
    expect(landedIn(root)("--help")).toBe(false);
  });
});
