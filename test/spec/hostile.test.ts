import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SpecError } from "../../src/errors.js";
import { MAX_NESTING, SPEC_MAX_BYTES } from "../../src/spec/limits.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";

const L = ".claude/layers";
const A = `${L}/core/A_AGENT.md`;
// A hang check, not a benchmark: before the caps these took 10 s to minutes, or overflowed.
const BOUND_MS = 2_000;

function project(files: Record<string, string>): string {
  return makeProject({ [`${L}/core/B_AGENT.md`]: moduleSpec({ module: "b.py" }), ...files });
}

/** The SpecError `loadSpec` throws, with the time it took. */
function failure(root: string): { error: SpecError; ms: number } {
  const started = cpuMs();
  try {
    loadSpec(root);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { error, ms: cpuMs() - started };
  }
  throw new Error("expected a SpecError");
}

describe("a byte order mark before front matter", () => {
  it("is skipped: the front matter and its dependencies are kept", () => {
    const root = project({ [A]: `\uFEFF${moduleSpec({ module: "a.py", frontMatter: "depends_on: [b]\nowns: [a2.py]" })}` });
    const a = loadSpec(root).modules.find((m) => m.id === "a")!;
    expect(a.dependencies.map((d) => d.id)).toEqual(["b"]);
    expect(a.files).toEqual(["a.py", "a2.py"]);
    expect(a.frontMatter).toEqual({ depends_on: ["b"], owns: ["a2.py"] });
  });
});

describe("nesting and size are capped before the markdown lexer", () => {
  it("100,000 nested `>` is one SPEC_PARSE error with file and line, not a stack overflow", () => {
    const root = project({ [A]: `${moduleSpec({ module: "a.py" })}\n${">".repeat(100_000)} deep\n` });
    const { error, ms } = failure(root);
    expect(error.code).toBe("SPEC_PARSE");
    expect(error.describe()).toBe(`${A}:8: Lists and block quotes nested more than ${10 * MAX_NESTING} deep: expected at most ${MAX_NESTING} levels`);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it("a list nested 200 deep by indentation fails fast at the first line too deep", () => {
    const list = Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
    const root = project({ [A]: `---\nlayer: core\n---\n**Module**: \`a.py\`\n\n${list}\n` });
    const { error, ms } = failure(root);
    // The list starts on line 6; item i opens one list and is indented 2i columns: depth i + 1.
    expect(error.describe()).toBe(`${A}:${6 + MAX_NESTING}: Lists and block quotes nested ${MAX_NESTING + 1} deep: expected at most ${MAX_NESTING} levels`);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  // The nesting check first looks for a line starting with more than MAX_NESTING / 2 marker or indent characters.
  it("a line nested just too deep by the fewest characters (tabs, 4 columns each) is still found, in prose or code", () => {
    const tabs = `${"\t".repeat(MAX_NESTING / 2)}-`;
    for (const body of [`${tabs}\n`, `\`\`\`\n${tabs}\n\`\`\`\n`]) {
      const root = project({ [A]: `---\nlayer: core\n---\n**Module**: \`a.py\`\n\n${body}` });
      expect(failure(root).error.describe()).toMatch(new RegExp(`^${A}:[67]: Lists and block quotes nested ${MAX_NESTING + 1} deep`));
    }
    const shallow = `${"\t".repeat(MAX_NESTING / 2 - 1)}- fine`;
    expect(loadSpec(project({ [A]: `**Module**: \`a.py\`\n\n${shallow}\n` })).modules.map((m) => m.id)).toEqual(["a", "b"]);
  });

  for (const depth of [1_000, 3_000]) {
    it(`${depth}-deep nested lists (10 s and over a minute before) fail fast with a message`, () => {
      const list = Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
      const { error, ms } = failure(project({ [A]: `**Module**: \`a.py\`\n\n${list}\n` }));
      // At two columns a level, these are over the size cap before they are over the nesting cap.
      expect(error.describe()).toMatch(new RegExp(`^${A}: Spec file is larger than 256 KB`));
      expect(ms).toBeLessThan(BOUND_MS);
    });
  }

  it("a list nested inline (`- - - ...`) is counted too", () => {
    const root = project({ [A]: `**Module**: \`a.py\`\n\n${"- ".repeat(5_000)}x\n` });
    expect(failure(root).error.place).toEqual({ file: A, line: 3 });
  });

  it("ordinary nesting passes: a spec nested a few levels deep", () => {
    const root = project({ [A]: `**Module**: \`a.py\`\n\n- one\n  - two\n    1. three\n       > four\n` });
    expect(loadSpec(root).modules.map((m) => m.id)).toEqual(["a", "b"]);
  });

  it("a spec larger than the cap is refused by name", () => {
    const root = project({ [A]: `**Module**: \`a.py\`\n\n${"text ".repeat(SPEC_MAX_BYTES / 5 + 10)}\n` });
    expect(failure(root).error.describe()).toBe(`${A}: Spec file is larger than 256 KB: expected a spec of at most 256 KB (split the module, or move long text to a linked file)`);
  });

  it("/dev/zero as a spec file ends quickly with a message, before it is read: a link out of the project", () => {
    const root = project({});
    symlinkSync("/dev/zero", join(root, A));
    const { error, ms } = failure(root);
    expect(error.describe()).toBe(`${A}: Spec file is a symbolic link to \`/dev/zero\`, outside the project: expected a spec inside the project (copy the file in, or link to one inside)`);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe("module paths outside the project are refused with file and line", () => {
  const cases: [string, string, number, string][] = [
    ["**Module** climbing out", "**Module**: `../../etc/passwd`\n", 1, "**Module** names `../../etc/passwd`, a path outside the project"],
    ["**Module** absolute", "# A\n\n**Module**: `/etc/passwd`\n", 3, "**Module** names `/etc/passwd`, an absolute path"],
    ["Related Files inline", "**Module**: `a.py`\n**Related Files**: `ok.py`, `src/../../x.py`\n", 2, "**Related Files** names `src/../../x.py`, a path outside the project"],
    ["Related Files list item", "**Module**: `a.py`\n\n**Related Files**:\n- `ok.py`\n- `C:\\Windows\\x.ini`\n", 5, "**Related Files** names `C:\\Windows\\x.ini`, an absolute path"],
    ["front matter owns", "---\nlayer: core\nowns:\n  - ok.py\n  - ~/.ssh/id_rsa\n---\n**Module**: `a.py`\n", 3, "front matter `owns` names `~/.ssh/id_rsa`, an absolute path"],
  ];
  for (const [name, text, line, message] of cases) {
    it(name, () => {
      const { error } = failure(project({ [A]: text }));
      expect(error.code).toBe("SPEC_PARSE");
      expect(error.describe()).toBe(`${A}:${line}: ${message}: expected a path relative to the project root, inside it`);
    });
  }

  it("a path that climbs and comes back inside is accepted", () => {
    const root = project({ [A]: "**Module**: `src/../a.py`\n" });
    expect(loadSpec(root).modules.find((m) => m.id === "a")!.files).toEqual(["src/../a.py"]);
  });
});
