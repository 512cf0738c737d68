import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { notFoundMessage } from "../../src/validate/not-found.js";

const dir = mkdtempSync(join(tmpdir(), "orchestrate-not-found-"));
const bin = join(dir, "bin");
mkdirSync(bin);
writeFileSync(join(bin, "mytool"), "#!/bin/sh\n", { mode: 0o755 });
writeFileSync(join(bin, "plain"), "not executable\n", { mode: 0o644 });

describe("the line of a check that exited 127", () => {
  it("a command missing everywhere: not on PATH in the sandbox or outside it, install it", () => {
    expect(notFoundMessage("/bin/sh: 2: nosuchtool: not found\n", true, `/usr/bin:${bin}`)).toBe(
      "exit 127, command not found: `nosuchtool` is not on PATH, in the sandbox or outside it: install it (a tool under a home folder, off PATH, needs its folder in sandbox.readable)",
    );
    // A file on PATH that is not executable is not the command.
    expect(notFoundMessage("bash: plain: command not found", true, bin)).toMatch(/^exit 127, command not found: `plain` is not on PATH, in the sandbox or outside it: install it/);
  });

  it("a command on the user's PATH that the sandbox hides: where it is, and the folder to add to sandbox.readable", () => {
    expect(notFoundMessage("sh: 1: mytool: not found", true, `/nonexistent:${bin}`)).toBe(
      `exit 127, command not found: \`mytool\` is on your PATH (${join(bin, "mytool")}) but hidden in the sandbox: add \`${bin}\` to sandbox.readable, or set gates.sandbox: false`,
    );
    // Run by its path, as a script kept under a home folder is.
    expect(notFoundMessage(`/bin/sh: 1: ${join(bin, "mytool")}: not found`, true, "/usr/bin")).toBe(
      `exit 127, command not found: \`${join(bin, "mytool")}\` is there outside the sandbox but hidden in the sandbox: add \`${bin}\` to sandbox.readable, or set gates.sandbox: false`,
    );
    // A script's `#!/usr/bin/env mytool` whose interpreter is hidden.
    expect(notFoundMessage("/usr/bin/env: 'mytool': No such file or directory", true, bin)).toMatch(/^exit 127, command not found: `mytool` is on your PATH/);
  });

  it("unconfined: not on PATH, install it; nothing about the sandbox", () => {
    expect(notFoundMessage("/bin/sh: 2: pytest: not found", false, "/usr/bin")).toBe("exit 127, command not found: `pytest` is not on PATH: install it");
  });

  it("without a command it can name (a relative path, no shell line) it quotes the shell's line, as before", () => {
    expect(notFoundMessage("sh: 1: ./scripts/test: not found", false, bin)).toBe("exit 127, command not found (sh: 1: ./scripts/test: not found)");
    expect(notFoundMessage("", true, bin)).toMatch(/^exit 127, command not found; in the sandbox every home folder is hidden/);
  });
});
