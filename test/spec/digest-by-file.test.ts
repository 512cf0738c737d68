import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { bodyDigest, forgetDigests, rememberSpecDigest } from "../../src/spec/derived.js";
import { loadSpec, saveSpecCache } from "../../src/spec/load.js";
import { buildPlan } from "../../src/plan/build.js";
import { analyzeTask } from "../../src/analyze/index.js";

const L = ".claude/layers/core/modules";
const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

afterEach(() => {
  vi.restoreAllMocks();
  forgetDigests();
});

describe("a body's digest by its spec file", () => {
  it("is the one recorded for the very body, or an equal one; any other body gets its own", () => {
    const body = `## Purpose\nLedger entries (${"x".repeat(40)}).\n`;
    rememberSpecDigest("M_AGENT.md", body, "recorded-digest!");
    expect(bodyDigest({ specFile: "M_AGENT.md", body })).toBe("recorded-digest!");
    // The same text in another string, as a slice of another read of the file.
    const again = ` ${body}`.slice(1);
    expect(bodyDigest({ specFile: "M_AGENT.md", body: again })).toBe("recorded-digest!");
    // The file changed since (or another tree's file of that name): never the recorded digest.
    expect(bodyDigest({ specFile: "M_AGENT.md", body: `${body}more\n` })).toBe(sha(`${body}more\n`));
    expect(bodyDigest({ specFile: "OTHER_AGENT.md", body: "## Other\n" })).toBe(sha("## Other\n"));
  });

  it("keys no map by a spec's body text in a load, cold or from the cache, and plans the same digests", () => {
    const files: Record<string, string> = { ".orchestrate/.keep": "" };
    for (let i = 0; i < 4; i++) files[`${L}/M${i}_AGENT.md`] = moduleSpec({ module: `pkg/m${i}.py`, body: `## Purpose\nModule ${i} keeps one thing (body-mark-${i}).\n` });
    const root = makeProject(files);
    const digests: (string | undefined)[][] = [];
    for (const load of ["cold", "cached"]) {
      forgetDigests();
      const set = vi.spyOn(Map.prototype, "set");
      const tree = loadSpec(root, { cache: true });
      const plan = buildPlan(tree, analyzeTask("implement system", tree), "implement system");
      saveSpecCache(tree);
      // A string key is hashed whole, each character of it, once per load: 34 MB of two-byte text for 10,000 specs.
      const bodyKeys = set.mock.calls.filter(([key]) => typeof key === "string" && key.includes("body-mark"));
      expect(bodyKeys, load).toEqual([]);
      set.mockRestore();
      expect(plan.modules.map((m) => m.specDigest)).toEqual(plan.modules.map((m) => sha(m.specText ?? "")));
      digests.push(plan.modules.map((m) => m.specDigest));
    }
    expect(digests[1]).toEqual(digests[0]);
  });
});
