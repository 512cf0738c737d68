import type { Warning } from "../spec/types.js";
import { lineOf } from "./line-of.js";
import type { Config } from "./schema.js";

/**
 * Folders a build tool or test runner writes while a gate runs, by name, with who writes them.
 * Linked by `workspace.share`, they are the checkout's, which the gates' sandbox mounts
 * read-only: `cargo test` then fails every gate on `target/debug/.cargo-lock`.
 */
const BUILD_OUTPUTS: ReadonlyMap<string, string> = new Map([
  ["target", "cargo (or maven) writes"],
  ["build", "gradle, cmake or setuptools writes"],
  [".gradle", "gradle writes"],
  ["obj", "dotnet writes"],
  ["__pycache__", "python writes"],
  [".pytest_cache", "pytest writes"],
  [".mypy_cache", "mypy writes"],
  [".ruff_cache", "ruff writes"],
  [".tox", "tox writes"],
  [".next", "next writes"],
  [".turbo", "turbo writes"],
  [".zig-cache", "zig writes"],
]);

/**
 * A warning for each `workspace.share` path that is a build tool's output folder, unless gates
 * run unconfined (`gates.sandbox: false`, `sandbox.mode: none`), where a shared folder is writable.
 */
export function sharedBuildOutputs(config: Config, file?: string, text = ""): Warning[] {
  if (config.gates?.sandbox === false || config.sandbox?.mode === "none") return [];
  const line = lineOf(text, ["workspace", "share"]);
  return (config.workspace?.share ?? []).flatMap((path) => {
    const writer = BUILD_OUTPUTS.get(path.replace(/\/+$/, "").split("/").pop()!);
    if (!writer) return [];
    const message = `workspace.share lists \`${path}\`, which ${writer} while a gate builds or tests: a shared path is read-only to gates in the sandbox, so every gate fails (Read-only file system); leave it out of workspace.share (each worktree then builds its own), or set gates.sandbox: false`;
    return [{ code: "SHARED_BUILD_OUTPUT", message, ...(file ? { file } : {}), ...(line ? { line } : {}) }];
  });
}
