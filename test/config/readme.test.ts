import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("the README's configuration example", () => {
  it("is a valid orchestrate.config.yaml, every key of it", () => {
    const block = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block).toBeDefined();
    const config = parseConfig(load(block!), "README.md", block!);
    expect(config).toMatchObject({ agent: "simulate", concurrency: 4, schedule: "ready", budget: { maxCostUsd: 5 }, optimize: { threshold: 0.05 } });
    expect(config.gates?.module?.map((c) => c.kind)).toEqual(["command", "coverage", "architecture"]);
  });
});
