import { execFile } from "node:child_process";

export interface GitOutput {
  /** Exit code; -1 when git was ended by a signal. */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `git` with arguments (no shell), `input` on its stdin when given. Resolves for any
 * exit code; rejects only when git cannot be started (not installed, missing cwd).
 */
export function git(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, input?: string): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      args,
      // Optional locks off: a read-only status must not race an agent's own git commands.
      { cwd, env: { ...env, GIT_OPTIONAL_LOCKS: "0" }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code === "string") {
          reject(error);
          return;
        }
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // A git that exits before reading all of it (a bad option) says why in its exit code and stderr, not in a pipe error.
    if (input !== undefined) child.stdin?.on("error", () => {}).end(input);
  });
}
