import { accessSync, constants } from "node:fs";
import { delimiter, dirname, isAbsolute, join } from "node:path";

/**
 * What a check that exited 127 says, in one line: the command the shell could not find,
 * whether it is there outside the sandbox (on the user's PATH, or at the path it was run by)
 * and what to do. `text` is the check's output, where the shell named the command
 * (`/bin/sh: 2: pytest: not found`); `path` the PATH the check was given.
 */
export function notFoundMessage(text: string, sandboxed: boolean, path: string | undefined): string {
  const line = text.split("\n").find((l) => /not found|No such file/.test(l))?.trim();
  const name = line && commandOf(line);
  // A relative path (`./scripts/test`) is the workspace's own, the same inside and out: the shell's line says it all.
  if (!name || (name.includes("/") && !isAbsolute(name))) {
    const said = line ? ` (${line.length > 160 ? `${line.slice(0, 160)}…` : line})` : "";
    return `exit 127, command not found${said}${sandboxed ? HIDDEN_TOOLCHAIN : ""}`;
  }
  const byPath = name.includes("/");
  const found = byPath ? (executable(name) ? name : undefined) : onPathAt(name, path);
  const what = `exit 127, command not found: \`${name}\``;
  if (!sandboxed) return byPath ? `${what} is not an executable file: install it` : `${what} is not on PATH: install it`;
  if (found) return `${what} ${byPath ? "is there outside the sandbox" : `is on your PATH (${found})`} but hidden in the sandbox: add \`${dirname(found)}\` to sandbox.readable, or set gates.sandbox: false`;
  return `${what} ${byPath ? "is not an executable file" : "is not on PATH"}, in the sandbox or outside it: install it (a tool under a home folder, off PATH, needs its folder in sandbox.readable)`;
}

/** A toolchain under a home folder (~/.nvm, ~/.cargo, pyenv) is hidden in the sandbox with the home. */
const HIDDEN_TOOLCHAIN = "; in the sandbox every home folder is hidden but for the toolchains on PATH: a tool kept elsewhere under one (a script's folder, ~/go, ~/.local/lib) needs its folder in sandbox.readable, or set gates.sandbox: false";

/**
 * The command in a shell's line: dash's `sh: 1: NAME: not found`, bash's `bash: NAME: command
 * not found` and `bash: line 1: NAME: No such file or directory`, env's `env: 'NAME': No such
 * file or directory` (a script's `#!/usr/bin/env NAME`).
 */
const SHELL_SAYS = /^(?:.*?: )?(?:line \d+: |\d+: )?['‘]?([^\s:'’]+)['’]?: (?:(?:command )?not found|No such file or directory)$/;

function commandOf(line: string): string | undefined {
  return SHELL_SAYS.exec(line)?.[1];
}

/** The executable of this name in a folder of `path`, or undefined. */
function onPathAt(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir && isAbsolute(dir) && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
