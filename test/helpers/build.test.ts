import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildProblem } from "./build.js";

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-build-"));
  made.push(root);
  for (const [path, mtime] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), "");
    utimesSync(join(root, path), mtime, mtime);
  }
  return root;
}

describe("the build check of the tests that spawn dist/", () => {
  it("names the source without a build, then the source newer than its build, else passes", () => {
    expect(buildProblem(project({ "src/cli/main.ts": 100, "src/types.d.ts": 100 }))).toBe("dist/ has no build of src/cli/main.ts");
    expect(buildProblem(project({ "src/cli/main.ts": 200, "dist/cli/main.js": 100 }))).toBe("dist/ is older than src/cli/main.ts");
    expect(buildProblem(project({ "src/cli/main.ts": 100, "dist/cli/main.js": 100, "dist/bundle/cli.js": 100 }))).toBeUndefined();
  });

  it("checks the CLI's bundle against the newest of dist/: the bin runs it", () => {
    expect(buildProblem(project({ "src/cli/main.ts": 100, "dist/cli/main.js": 100 }))).toBe("dist/ has no bundle of the CLI");
    expect(buildProblem(project({ "src/cli/main.ts": 100, "src/timer.ts": 100, "dist/cli/main.js": 100, "dist/timer.js": 300, "dist/bundle/cli.js": 200 }))).toBe("dist/bundle/cli.js is older than dist/timer.js");
    expect(buildProblem(project({ "src/cli/main.ts": 100, "dist/cli/main.js": 100, "dist/bundle/cli.js": 200 }))).toBeUndefined();
  });

  it("checks the dashboard's page against its bundle, not file by file", () => {
    expect(buildProblem(project({ "src/dashboard/app/main.tsx": 100 }))).toBe("dist/ has no bundle of the dashboard's page");
    expect(buildProblem(project({ "src/dashboard/app/graph.tsx": 200, "dist/dashboard/assets/app.js": 100 }))).toBe("dist/dashboard/assets/app.js is older than src/dashboard/app/graph.tsx");
    expect(buildProblem(project({ "src/dashboard/app/graph.tsx": 100, "src/dashboard/app/api.ts": 100, "dist/dashboard/assets/app.js": 100, "dist/bundle/cli.js": 100 }))).toBeUndefined();
  });
});
