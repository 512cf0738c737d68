import { describe, expect, it } from "vitest";
import type { PlanModule } from "../../src/plan/types.js";
import { buildContext } from "../../src/prompt/context.js";
import { countTokens } from "../../src/prompt/tokens.js";
import { makeProject, writeFiles } from "../helpers/project.js";

const mod = (id: string, specText: string, extra: Partial<PlanModule> = {}): PlanModule => ({ id, layer: "core", spec: `${id}.md`, files: [`src/${id}.ts`], dependsOn: [], specText, ...extra });
const store = mod("store", "## Purpose\nKeeps rows.\n\n## Provides\n- `Store` — the row store\n", { purpose: "Keeps rows." });
const api = mod("api", "## Purpose\nServes rows.\n\n## Rules\nNever block.\n", { dependsOn: ["store"] });
const modules = new Map([store, api].map((m) => [m.id, m]));
const memories = (m: PlanModule) => (m.id === "api" ? "- **api/one**: api lesson ".concat("x ".repeat(60)) : "- **store/one**: store lesson ".concat("y ".repeat(60)));

describe("buildContext", () => {
  it("gives the dependencies' Provides, and their exported signatures once their files exist (TypeScript compiler API)", () => {
    const root = makeProject({});
    const before = buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000 });
    expect(before.vars.dependencies).toBe("### `store` (layer core)\nKeeps rows.\nProvides:\n- `Store` — the row store");
    writeFiles(root, { "src/store.ts": "export class Store {\n  private rows = [];\n  constructor(readonly path: string) {}\n  get(id: string): Row | undefined { return undefined; }\n}\nexport function open(path: string): Store { return new Store(path); }\nfunction hidden() {}\n" });
    const after = buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000 });
    expect(after.vars.dependencies).toContain("Signatures in `src/store.ts`:\n```ts\nexport class Store\n  constructor(readonly path: string)\n  get(id: string): Row | undefined\nexport function open(path: string): Store\n```");
    expect(after.vars.dependencies).not.toContain("hidden");
  });

  it("renders the planner's task and acceptance criteria when the plan carries them", () => {
    const tasked = { ...api, task: "Add paging to list()", acceptance: ["list(2) returns the second page", "tests pass"] } as PlanModule;
    const { vars } = buildContext({ root: makeProject({}), module: tasked, request: "r", modules, maxTokens: 10_000 });
    expect(vars.task).toBe("Add paging to list()");
    expect(vars.acceptance).toBe("- list(2) returns the second page\n- tests pass");
  });

  it("trims by priority: the dependencies' memories go first, then the module's, then signatures, then Provides; the spec stays", () => {
    const root = makeProject({ "src/store.ts": `export function open(path: string): Store { return s; }\n${Array.from({ length: 30 }, (_, i) => `export const value${i}: number = ${i};`).join("\n")}\n` });
    const all = buildContext({ root, module: api, request: "r", modules, memoriesFor: memories, maxTokens: 100_000 });
    const spec = countTokens(api.specText!);
    const [head, signatures] = all.vars.dependencies!.split(/\n(?=Signatures)/) as [string, string];
    const provides = countTokens(head);
    const dependencies = provides + countTokens(signatures);
    const sized = (max: number) => buildContext({ root, module: api, request: "r", modules, memoriesFor: memories, maxTokens: max });
    expect(all.cut).toEqual([]);
    expect(all.vars.memories).toMatch(/^- \*\*api\/one\*\*[\s\S]*\n- \*\*store\/one\*\*/);

    const noDepMemory = sized(spec + dependencies + countTokens(memories(api)) + 5);
    expect(noDepMemory.vars.memories).toContain("api/one");
    expect(noDepMemory.vars.memories).not.toContain("store/one");
    expect(noDepMemory.cut).toEqual([expect.stringMatching(/^a memory of store \(\d+ tokens\)$/)]);

    const noMemory = sized(spec + dependencies + 5);
    expect(noMemory.vars.memories).toBeUndefined();
    expect(noMemory.vars.dependencies).toContain("Signatures in");

    const noSignatures = sized(spec + provides + 5);
    expect(noSignatures.vars.dependencies).not.toContain("Signatures in");
    expect(noSignatures.vars.dependencies).toContain("Provides:");
    expect(noSignatures.vars.contextNote).toBe(`To stay within ${spec + provides + 5} tokens, this prompt leaves out: store's signatures (${countTokens(signatures)} tokens); a memory of the module (${countTokens(memories(api).trim())} tokens); a memory of store (${countTokens(memories(store).trim())} tokens).`);

    const specOnly = sized(spec + 1);
    expect(specOnly.vars.dependencies).toBe("### `store` (layer core)");
    expect(specOnly.vars.spec).toBe(api.specText);
    expect(specOnly.tokens).toEqual({ spec, task: 0, instructions: 0, dependencies: 0, memory: 0 });
  });

  it("a spec larger than the whole budget is shortened, never dropped, and the note says so", () => {
    const long = mod("long", `## Purpose\n${"A line of the spec.\n".repeat(400)}`);
    const { vars, cut } = buildContext({ root: makeProject({}), module: long, request: "r", modules: new Map(), maxTokens: 600 });
    expect(countTokens(vars.spec!)).toBeLessThanOrEqual(602);
    expect(vars.spec).toMatch(/^## Purpose\nA line of the spec\.\n[\s\S]*\n…$/);
    expect(cut).toEqual([expect.stringMatching(/^the end of the module's spec \(\d+ tokens; the spec file has all of it\)$/)]);
  });

  it("names the module's test files: those it owns and those found by name from its sources, once each; none when it has none", () => {
    const root = makeProject({ "tests/test_ledger.py": "def test_add(): pass\n", "app/test_api.py": "def test_get(): pass\n", "tests/test_other.py": "" });
    const ledger = mod("ledger", "## Purpose\nBooks.\n", { files: ["app/ledger.py", "app/api.py", "tests/test_ledger.py", "tests/conftest.py"] });
    const r = buildContext({ root, module: ledger, request: "r", modules: new Map(), maxTokens: 10_000 });
    expect(r.vars.tests).toBe("- tests/test_ledger.py\n- app/test_api.py");
    expect(r.tokens.task).toBe(Buffer.byteLength(r.vars.tests!));
    expect(buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000 }).vars.tests).toBeUndefined();
    // Looked for on each prompt: a test an earlier attempt wrote is named in the next one.
    writeFiles(root, { "src/api.test.ts": "" });
    expect(buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000 }).vars.tests).toBe("- src/api.test.ts");
  });

  it("names the commands the module's gate runs, with the task's budget: none when it has none, cut and said when they do not fit", () => {
    const root = makeProject({});
    const gates = ["python3 -m pytest -q tests/test_api.py", "cd backend && python3 manage.py test shop"];
    const r = buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000, gates });
    expect(r.vars.gates).toBe("- `python3 -m pytest -q tests/test_api.py`\n- `cd backend && python3 manage.py test shop`");
    expect(r.tokens.task).toBe(Buffer.byteLength(r.vars.gates!));
    expect(buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000, gates: [] }).vars.gates).toBeUndefined();
    const small = buildContext({ root, module: api, request: "r", modules, maxTokens: countTokens(api.specText!) + 1, gates });
    expect(small.vars.gates).toBeUndefined();
    expect(small.cut).toContainEqual(expect.stringMatching(/^the module's gate commands \(\d+ tokens\)$/));
  });

  it("the test files count against the budget with the task: a budget too small for them leaves them out and says so", () => {
    const root = makeProject({ "tests/test_ledger.py": "" });
    const ledger = mod("ledger", "## Purpose\nBooks.\n", { files: ["app/ledger.py"] });
    const spec = countTokens(ledger.specText!);
    const r = buildContext({ root, module: ledger, request: "r", modules: new Map(), maxTokens: spec + 1 });
    expect(r.vars.tests).toBeUndefined();
    expect(r.cut).toEqual([expect.stringMatching(/^the module's test files \(\d+ tokens\)$/)]);
  });

  it("skips the tokenizer when everything fits by byte length, and reports byte bounds then", () => {
    const r = buildContext({ root: makeProject({}), module: api, request: "r", modules, maxTokens: 10_000 });
    expect(r.exact).toBe(false);
    expect(r.tokens.spec).toBe(Buffer.byteLength(api.specText!));
  });
});

describe("the project's instructions to coding agents", () => {
  it("gives CLAUDE.md, .claude/CLAUDE.md and AGENTS.md in the prompt, each under its name, a copy read once", async () => {
    const { renderPrompt } = await import("../../src/run/attempt.js");
    const none = buildContext({ root: makeProject({}), module: api, request: "r", modules, maxTokens: 10_000 });
    expect(none.vars.instructions).toBeUndefined();
    expect(renderPrompt(makeProject({}), { runId: "r", request: "r", module: api, n: 1, kind: "implement", timeoutMs: 0, context: none.vars }, "spec")).not.toContain("project-instructions");

    const one = makeProject({ "CLAUDE.md": "# Conventions\n\nRun tests with `make test`.\n" });
    const alone = buildContext({ root: one, module: api, request: "r", modules, maxTokens: 10_000 });
    expect(alone.vars.instructions).toBe("# Conventions\n\nRun tests with `make test`.");
    expect(alone.vars.instructionsFile).toBe("CLAUDE.md");
    expect(alone.tokens.instructions).toBeGreaterThan(0);
    const prompt = renderPrompt(one, { runId: "r", request: "r", module: api, n: 1, kind: "implement", timeoutMs: 0, context: alone.vars }, "spec");
    expect(prompt).toContain("The project's instructions to coding agents (CLAUDE.md):\n<project-instructions>\n# Conventions\n\nRun tests with `make test`.\n</project-instructions>");
    // Read again once changed.
    writeFiles(one, { "CLAUDE.md": "Run tests with `make check` only.\n" });
    expect(buildContext({ root: one, module: api, request: "r", modules, maxTokens: 10_000 }).vars.instructions).toBe("Run tests with `make check` only.");

    const three = makeProject({ "CLAUDE.md": "Use pnpm.\n", ".claude/CLAUDE.md": "Use pnpm.\n", "AGENTS.md": "No new dependencies.\n" });
    const all = buildContext({ root: three, module: api, request: "r", modules, maxTokens: 10_000 });
    expect(all.vars.instructions).toBe("From `CLAUDE.md`:\nUse pnpm.\n\nFrom `AGENTS.md`:\nNo new dependencies.");
    expect(all.vars.instructionsFile).toBe("CLAUDE.md, AGENTS.md");
  });

  it("leave out the files the agent reads itself (agentReads)", () => {
    const root = makeProject({ "CLAUDE.md": "Use pnpm.\n", ".claude/CLAUDE.md": "Tabs, not spaces.\n", "AGENTS.md": "No new dependencies.\n" });
    const some = buildContext({ root, module: api, request: "r", modules, maxTokens: 10_000, agentReads: ["CLAUDE.md", ".claude/CLAUDE.md"] });
    expect(some.vars.instructions).toBe("No new dependencies.");
    expect(some.vars.instructionsFile).toBe("AGENTS.md");
    const linked = makeProject({ "CLAUDE.md": "Use pnpm.\n", "AGENTS.md": "Use pnpm.\n" });
    expect(buildContext({ root: linked, module: api, request: "r", modules, maxTokens: 10_000, agentReads: ["CLAUDE.md"] }).vars.instructions).toBeUndefined();
  });

  it("are kept after the spec and before the dependencies, and named when the budget leaves them out", () => {
    const root = makeProject({ "CLAUDE.md": `Conventions: ${"be brief. ".repeat(200)}\n` });
    const spec = countTokens(api.specText!);
    const cut = buildContext({ root, module: api, request: "r", modules, maxTokens: spec + 30 });
    expect(cut.vars.instructions).toBeUndefined();
    expect(cut.vars.instructionsFile).toBeUndefined();
    expect(cut.cut[0]).toMatch(/^the project's instructions \(\d+ tokens\)$/);
    expect(cut.vars.dependencies).toContain("Provides:");
    const kept = buildContext({ root, module: api, request: "r", modules, maxTokens: spec + countTokens(`Conventions: ${"be brief. ".repeat(200)}`.trim()) + 1 });
    expect(kept.vars.instructions).toContain("be brief.");
    expect(kept.vars.dependencies).toBe("### `store` (layer core)");
  });
});
