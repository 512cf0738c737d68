import { describe, expect, it } from "vitest";
import type { RunContext } from "../../src/run/context.js";
import { optimize } from "../../src/workflows/optimize.js";
import { tree } from "../helpers/tree.js";

describe("a queued optimize run", () => {
  it("fails its modules with the reason before any attempt: the benchmark after an attempt needs the attempt's files, which only its worker has", async () => {
    const module = { ...tree(["math: core"]).modules[0]!, dependsOn: [] } as unknown as Parameters<ReturnType<typeof optimize>["attempts"]>[1];
    const ctx = { executor: {} } as unknown as RunContext;
    const plan = await optimize({ run: "echo 1 ms" }).attempts(ctx, module);
    expect(plan).toMatch(/^optimize runs measure each attempt's benchmark where its files are, .*run it without --queue/);
  });
});
