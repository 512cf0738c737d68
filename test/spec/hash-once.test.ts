import { describe, expect, it, vi } from "vitest";
import { makeProject, moduleSpec } from "../helpers/project.js";

/** Every string or buffer given to sha256, through `hash` or a `Hash`'s `update`. */
const { hashed } = vi.hoisted(() => ({ hashed: [] as string[] }));

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return {
    ...real,
    hash: (...args: Parameters<typeof real.hash>) => {
      hashed.push(String(args[1]));
      return real.hash(...args);
    },
    createHash: (...args: Parameters<typeof real.createHash>) => {
      const made = real.createHash(...args);
      const update = made.update.bind(made) as (data: string | Buffer) => typeof made;
      made.update = ((data: string | Buffer) => {
        hashed.push(String(data));
        return update(data);
      }) as typeof made.update;
      return made;
    },
  };
});

const { loadSpec, saveSpecCache } = await import("../../src/spec/load.js");
const { buildPlan } = await import("../../src/plan/build.js");
const { analyzeTask } = await import("../../src/analyze/index.js");

const L = ".claude/layers/core/modules";

describe("hashing a cold tree", () => {
  it("hashes each spec's body once: the cache's content key and the plan's digest share it", () => {
    const files: Record<string, string> = { ".orchestrate/.keep": "" };
    for (let i = 0; i < 5; i++) {
      const body = `## Purpose\nModule ${i} does one thing (body-mark-${i}).\n`;
      files[`${L}/M${i}_AGENT.md`] = moduleSpec({ module: `pkg/m${i}.py`, body, ...(i % 2 ? { frontMatter: `owns: [pkg/m${i}_extra.py]` } : {}) });
    }
    const root = makeProject(files);
    hashed.length = 0;
    const tree = loadSpec(root, { cache: true });
    saveSpecCache(tree);
    const plan = buildPlan(tree, analyzeTask("implement system", tree), "implement system");
    expect(plan.modules.map((m) => m.specDigest)).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(hashed.filter((data) => data.includes(`body-mark-${i}`))).toHaveLength(1);
  });
});
