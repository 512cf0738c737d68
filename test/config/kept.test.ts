import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { hashCode } from "../../src/code-stamp.js";
import { keyOf, loadKeptConfig } from "../../src/config/kept.js";
import { loadConfig } from "../../src/config/load.js";
import { ConfigError } from "../../src/errors.js";
import { makeProject, writeFiles } from "../helpers/project.js";

const CONFIG = "orchestrate.config.yaml";

/** A project that has run before: `.orchestrate/` is there. */
function project(config: string): string {
  const root = makeProject({ [CONFIG]: config });
  mkdirSync(join(root, ".orchestrate"));
  return root;
}

/** Puts `config` in the cache as the config of `text` under `stamp`: what the cache serves is then told apart from a parse. */
function plant(root: string, text: string, stamp: string, config: object): void {
  writeFileSync(join(root, ".orchestrate/cache/config.v8"), serialize({ key: keyOf({ name: CONFIG, text }, stamp), config }));
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ConfigError) return error;
  throw new Error(`expected a ConfigError, got ${String(error)}`);
}

describe("loadKeptConfig", () => {
  it("loads what loadConfig loads, and keeps it under .orchestrate/cache/", async () => {
    const text = "agent: simulate\nconcurrency: 3\nsimulate:\n  latencyMs: 5\n";
    const root = project(text);
    expect(await loadKeptConfig(root, { stamp: "a" })).toEqual(loadConfig(root));
    expect(existsSync(join(root, ".orchestrate/cache/config.v8"))).toBe(true);
    expect(await loadKeptConfig(root, { stamp: "a" })).toEqual({ config: { agent: "simulate", concurrency: 3, simulate: { latencyMs: 5 } }, file: CONFIG });
    // The cache holds a hash of the text, not the text.
    expect(readFileSync(join(root, ".orchestrate/cache/config.v8")).includes("latencyMs: 5")).toBe(false);
  });

  it("keeps no copy of a secret: a config holding an apiKey or a token is parsed every time, and an older copy is removed", async () => {
    const cache = (root: string) => join(root, ".orchestrate/cache/config.v8");
    const root = project("concurrency: 3\n");
    await loadKeptConfig(root, { stamp: "a" });
    expect(existsSync(cache(root))).toBe(true);
    const withKey = "agent: anthropic\nanthropic:\n  model: claude-sonnet-4-5\n  apiKey: sk-local-9f8e7d6c5b4a\n";
    writeFiles(root, { [CONFIG]: withKey });
    expect((await loadKeptConfig(root, { stamp: "a" })).config).toMatchObject({ anthropic: { apiKey: "sk-local-9f8e7d6c5b4a" } });
    expect(existsSync(cache(root))).toBe(false);
    const withHeader = 'mcpServers:\n  docs: { type: http, url: "http://127.0.0.1:9000/mcp", headers: { Authorization: "Bearer abcdefghijklmnopqrstuvwxyz012345" } }\n';
    writeFiles(root, { [CONFIG]: withHeader });
    expect((await loadKeptConfig(root, { stamp: "a" })).config).toMatchObject({ mcpServers: { docs: { type: "http" } } });
    expect(existsSync(cache(root))).toBe(false);
  });

  it("serves the kept config while the file's text and the code are the ones it was kept for", async () => {
    const text = "concurrency: 3\n";
    const root = project(text);
    await loadKeptConfig(root, { stamp: "a" });
    plant(root, text, "a", { concurrency: 99 });
    expect((await loadKeptConfig(root, { stamp: "a" })).config).toEqual({ concurrency: 99 });
    // A new build (another stamp): parsed again, and kept for it.
    expect((await loadKeptConfig(root, { stamp: "b" })).config).toEqual({ concurrency: 3 });
    expect((await loadKeptConfig(root, { stamp: "a" })).config).toEqual({ concurrency: 3 });
  });

  it("never serves a stale config: a changed file is parsed again, a bad one fails as loadConfig fails (file, line, key)", async () => {
    const root = project("concurrency: 3\n");
    await loadKeptConfig(root, { stamp: "a" });
    writeFiles(root, { [CONFIG]: "concurrency: 4\n" });
    expect((await loadKeptConfig(root, { stamp: "a" })).config).toEqual({ concurrency: 4 });
    writeFiles(root, { [CONFIG]: "concurrency: 4\nsimulate:\n  latencyMs: fast\n" });
    const e = await errorOf(loadKeptConfig(root, { stamp: "a" }));
    expect(e.describe()).toBe("orchestrate.config.yaml:3: Expected `simulate.latencyMs` to be an integer from 0 up, got `fast` (string)");
    expect(e.place).toEqual({ file: CONFIG, key: "simulate.latencyMs", line: 3 });
    // Another file (JSON now): parsed again, and named.
    rmSync(join(root, CONFIG));
    writeFiles(root, { "orchestrate.config.json": '{"concurrency": 5}' });
    expect(await loadKeptConfig(root, { stamp: "a" })).toEqual({ config: { concurrency: 5 }, file: "orchestrate.config.json" });
  });

  it("keeps what YAML holds and JSON does not (a date) as it was", async () => {
    const root = project("anthropic:\n  model: m\n  since: 2024-01-02\n");
    await loadKeptConfig(root, { stamp: "a" });
    const { config } = await loadKeptConfig(root, { stamp: "a" });
    expect((config.anthropic as { since: unknown }).since).toEqual(new Date("2024-01-02T00:00:00Z"));
  });

  it("no file is an empty config; a project without .orchestrate/ gets none from it", async () => {
    const empty = makeProject({});
    expect(await loadKeptConfig(empty)).toEqual({ config: {} });
    const fresh = makeProject({ [CONFIG]: "concurrency: 2\n" });
    expect(await loadKeptConfig(fresh)).toEqual({ config: { concurrency: 2 }, file: CONFIG });
    expect(existsSync(join(fresh, ".orchestrate"))).toBe(false);
  });
});

describe("hashCode (the stamp of the code a cache's values come from)", () => {
  it("changes with a file of a folder part, a file part or package.json, and with nothing else", () => {
    const base = makeProject({ "package.json": '{"version":"1.0.0"}', "dist/config/a.js": "a", "dist/config/b.js": "b", "dist/timer.js": "t", "dist/other.js": "o" });
    const root = join(base, "dist");
    const stamp = () => hashCode(["config", "timer"], root, ".js");
    const first = stamp();
    writeFiles(base, { "dist/other.js": "changed", "dist/config/notes.md": "not code" });
    expect(stamp()).toBe(first);
    for (const [file, text] of [["dist/config/b.js", "b2"], ["dist/timer.js", "t2"], ["package.json", '{"version":"1.0.1"}'], ["dist/config/c.js", "new"]] as const) {
      const before = stamp();
      writeFiles(base, { [file]: text });
      expect(stamp(), file).not.toBe(before);
    }
  });
});
