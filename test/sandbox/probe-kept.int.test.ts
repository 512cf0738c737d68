import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { probeBwrap } from "../../src/sandbox/probe.js";
import { probeFile, probeKey } from "../../src/sandbox/probe-kept.js";
import { cleanup, tempDir } from "./helpers.js";

afterEach(cleanup);

/** A stand-in for bwrap that counts its starts and exits with `code`. */
async function fakeBwrap(dir: string, code: number): Promise<{ program: string; starts: () => number }> {
  const program = join(dir, "bwrap");
  const count = join(dir, "starts");
  await writeFile(program, `#!/bin/sh\necho x >> '${count}'\nexit ${code}\n`);
  await chmod(program, 0o755);
  return { program, starts: () => (existsSync(count) ? readFileSync(count, "utf8").split("\n").length - 1 : 0) };
}

/** A project that keeps state (`.orchestrate/` exists), as a run's does. */
async function project(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, ".orchestrate"));
  return root;
}

describe("a successful probe of bubblewrap kept in the project", () => {
  it("is not probed again while nothing it depends on changed", async () => {
    const root = await project();
    const fake = await fakeBwrap(await tempDir(), 0);
    expect(await probeBwrap(fake.program, { keptIn: probeFile(root) })).toBeUndefined();
    expect(fake.starts()).toBe(1);
    expect(existsSync(probeFile(root))).toBe(true);
    expect(await probeBwrap(fake.program, { keptIn: probeFile(root) })).toBeUndefined();
    expect(fake.starts()).toBe(1);
  });

  it("is probed again when the program changed", async () => {
    const root = await project();
    const fake = await fakeBwrap(await tempDir(), 0);
    await probeBwrap(fake.program, { keptIn: probeFile(root) });
    const before = probeKey(fake.program, ["a"]);
    await writeFile(fake.program, `${readFileSync(fake.program, "utf8")}# upgraded\n`);
    expect(probeKey(fake.program, ["a"])).not.toBe(before);
    expect(await probeBwrap(fake.program, { keptIn: probeFile(root) })).toBeUndefined();
    expect(fake.starts()).toBe(2);
  });

  it("keeps no failure: a probe that failed is made again, and says why each time", async () => {
    const root = await project();
    const fake = await fakeBwrap(await tempDir(), 1);
    expect(await probeBwrap(fake.program, { keptIn: probeFile(root) })).toMatch(/cannot create namespaces here/);
    expect(existsSync(probeFile(root))).toBe(false);
    expect(await probeBwrap(fake.program, { keptIn: probeFile(root) })).toMatch(/cannot create namespaces here/);
    expect(fake.starts()).toBe(2);
  });

  it("is kept only in a project that keeps state already", async () => {
    const root = await tempDir();
    const fake = await fakeBwrap(await tempDir(), 0);
    expect(await probeBwrap(fake.program, { keptIn: probeFile(root) })).toBeUndefined();
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  });

  it("has no key for a program that is not installed: the probe says so", async () => {
    expect(probeKey("/nonexistent/bwrap", [])).toBeUndefined();
    expect(probeKey("no-such-bwrap-here", [], "/nonexistent")).toBeUndefined();
    const root = await project();
    expect(await probeBwrap("/nonexistent/bwrap", { keptIn: probeFile(root) })).toBe("/nonexistent/bwrap is not installed");
  });
});
