import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const base = mkdtempSync(join(tmpdir(), "orchestrate-init-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("init --example that fails", () => {
  it("leaves no half-made folder behind", () => {
    // The bug seed is a patch over implemented modules; a fresh copy has none, so it cannot apply.
    const target = join(base, "fresh");
    const result = runCli(["init", "--example", target, "--seed", "bug"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not apply/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it("leaves an empty folder it was given empty", () => {
    const target = join(base, "empty");
    mkdirSync(target);
    expect(runCli(["init", "--example", target, "--seed", "bug"]).code).toBe(2);
    expect(readdirSync(target)).toEqual([]);
  });
});
