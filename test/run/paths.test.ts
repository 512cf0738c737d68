import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ProjectPaths } from "../../src/run/paths.js";

/** What the paths were when every one was joined (and made relative) afresh. */
const joined = (root: string, runId: string, moduleId: string, n: number, suffix: string) => join(root, ".orchestrate", "runs", runId, moduleId, `attempt-${n}${suffix}`);

describe("ProjectPaths", () => {
  const roots = ["/tmp/project", "/tmp/project/", "/tmp/./a/../project", ".", "", "/"];
  const ids = ["m1", "core_2", "web-api", "a.b", ".", "..", "a/../b", "a/b", "x y", "..hidden", "-x"];
  const runs = ["20261125-130512-7f3a", "plan-1", "a/b", "..", "."];

  it("builds attempt paths by concatenation exactly as path.join made them, plain ids or not", () => {
    for (const root of roots) {
      const paths = new ProjectPaths(root);
      for (const runId of runs) {
        for (const id of ids) {
          for (const suffix of ["", ".prompt.md", ".diff", "/x", "/../y"]) {
            expect(paths.attempt(runId, id, 3, suffix)).toBe(joined(root, runId, id, 3, suffix));
            expect(paths.relAttempt(runId, id, 3, suffix)).toBe(relative(root, joined(root, runId, id, 3, suffix)).split("\\").join("/"));
          }
        }
      }
    }
  });

  it("keeps each run's folder apart when the run changes", () => {
    const paths = new ProjectPaths("/p");
    expect(paths.runDir("r1")).toBe("/p/.orchestrate/runs/r1");
    expect(paths.attempt("r2", "m", 1)).toBe("/p/.orchestrate/runs/r2/m/attempt-1");
    expect(paths.runDir("r1")).toBe("/p/.orchestrate/runs/r1");
    expect(paths.attempt("r1", "m", 2, ".prompt.md")).toBe("/p/.orchestrate/runs/r1/m/attempt-2.prompt.md");
  });
});
