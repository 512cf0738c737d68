import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInstructions } from "../../src/prompt/instructions.js";
import { moduleSignatures } from "../../src/prompt/signatures.js";
import { makeProject } from "../helpers/project.js";

// What a command in the sandbox can leave in the project (and git commits): links to files outside it.
describe("a prompt quotes nothing from outside the project through a symbolic link", () => {
  it("instructions: CLAUDE.md linked to a credentials file is not read; AGENTS.md inside is", () => {
    const outside = makeProject({ "credentials": "aws_secret_access_key = LEAKED\n" });
    const root = makeProject({ "AGENTS.md": "Run the tests with make test.\n" });
    symlinkSync(join(outside, "credentials"), join(root, "CLAUDE.md"));
    expect(readInstructions(root)).toEqual({ text: "Run the tests with make test.", files: ["AGENTS.md"] });
  });

  it("signatures: a module file linked outside gives none; a link inside the project does", () => {
    const outside = makeProject({ "secret.py": "def leaked_helper(token):\n    pass\n" });
    const root = makeProject({ "pkg/real.py": "def shared(x):\n    pass\n" });
    symlinkSync(join(outside, "secret.py"), join(root, "pkg", "store.py"));
    symlinkSync(join(root, "pkg", "real.py"), join(root, "pkg", "alias.py"));
    const found = moduleSignatures(root, ["pkg/store.py", "pkg/alias.py"]);
    expect(found.map((f) => f.file)).toEqual(["pkg/alias.py"]);
    expect(JSON.stringify(found)).not.toContain("leaked_helper");
  });
});
