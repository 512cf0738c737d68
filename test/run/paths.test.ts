import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ProjectPaths } from "../../src/run/paths.js";

// The run's paths are built by hand for speed (every attempt asks several times): they must be what `join` and `relative` give.
describe("ProjectPaths", () => {
  const roots = ["/tmp/project", "/tmp/project/", "/tmp/./a/../project", "relative/project", ".", "/"];
  const runIds = ["20261125-130512-7f3a", "..", "a/b", ""];
  const modules = ["order_book", "m-1", ".", "..", "a/b", "@planner", ".hidden"];
  const suffixes = ["", ".prompt.md", ".diff", "/logs"];

  it("attempt paths are join's", () => {
    for (const root of roots) {
      const paths = new ProjectPaths(root);
      for (const runId of runIds) {
        for (const moduleId of modules) {
          for (const suffix of suffixes) expect(paths.attempt(runId, moduleId, 3, suffix)).toBe(join(root, ".orchestrate", "runs", runId, moduleId, `attempt-3${suffix}`));
        }
      }
    }
  });

  it("relative paths are relative's, with forward slashes", () => {
    for (const root of roots) {
      const paths = new ProjectPaths(root);
      const inside = [join(root, ".orchestrate/runs/r/m/attempt-1.prompt.md"), `${root}/a//b`, `${root}/a/./b`, `${root}/a/../b`, `${root}/a/`, `${root}/`, root, "/elsewhere/x", `${root}x/y`];
      for (const path of inside) expect(paths.rel(path)).toBe(relative(root, path).split("\\").join("/"));
    }
  });
});
