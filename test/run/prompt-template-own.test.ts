import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadTemplate } from "../../src/run/prompt.js";

describe("loadTemplate, the project's own template", () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it("is looked for on every call: one added or edited during a run is used from the next attempt on", () => {
    const root = mkdtempSync(join(tmpdir(), "orchestrate-template-"));
    roots.push(root);
    const bundled = readFileSync(join("templates", "prompts", "implement.md"), "utf8");
    expect(loadTemplate(root, "implement")).toBe(bundled);
    mkdirSync(join(root, ".orchestrate", "prompts"), { recursive: true });
    writeFileSync(join(root, ".orchestrate", "prompts", "implement.md"), "own {{module}}");
    expect(loadTemplate(root, "implement")).toBe("own {{module}}");
    writeFileSync(join(root, ".orchestrate", "prompts", "implement.md"), "edited {{module}}");
    expect(loadTemplate(root, "implement")).toBe("edited {{module}}");
    // Another kind under the same root, and the same kind under another root, are their own files.
    expect(loadTemplate(root, "fix")).not.toBe("edited {{module}}");
    const other = mkdtempSync(join(tmpdir(), "orchestrate-template-"));
    roots.push(other);
    expect(loadTemplate(other, "implement")).toBe(bundled);
    rmSync(join(root, ".orchestrate", "prompts", "implement.md"));
    expect(loadTemplate(root, "implement")).toBe(bundled);
  });
});
