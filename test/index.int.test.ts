import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { requireBuild } from "./helpers/build.js";

describe("the package", () => {
  it("loads as the package entry, from the build, in a plain Node process", () => {
    requireBuild();
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", 'const o = await import("orchestrate"); console.log(typeof o.loadSpec, typeof o.Orchestrator)'], { cwd: new URL("..", import.meta.url), encoding: "utf8" });
    expect(out.trim()).toBe("function function");
  });
});
