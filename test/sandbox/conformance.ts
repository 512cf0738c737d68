import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import type { CompiledSandboxOptions, Sandbox } from "../../src/sandbox/types.js";
import { cleanup, exec, setEnv, tempDir } from "./helpers.js";

/** What every sandbox mode does alike; wired in a line for each mode. */
export function sandboxConformance(name: string, make: (options: CompiledSandboxOptions) => Sandbox): void {
  describe(`sandbox conformance: ${name}`, () => {
    afterEach(cleanup);

    it("runs the command in the workspace with its exit code and output, and may write there", async () => {
      const cwd = await tempDir();
      const out = await exec(make(SANDBOX_DEFAULTS), { cwd }, "pwd; echo made > made.txt; echo err >&2; exit 3");
      expect(out).toMatchObject({ exitCode: 3, stdout: `${cwd}\n`, stderr: "err\n", timedOut: false });
      expect(await readFile(join(cwd, "made.txt"), "utf8")).toBe("made\n");
    });

    it("builds the environment from the allow-list: configured names yes, secret names and the rest no", async () => {
      const restore = setEnv({ ANTHROPIC_API_KEY: "sk-ant-LEAK", GITHUB_TOKEN: "ghp_LEAK", NODE_ENV: "test", SOME_OTHER: "other", DB_PASSWORD: "LEAK" });
      try {
        const cwd = await tempDir();
        const sandbox = make({ ...SANDBOX_DEFAULTS, env: ["NODE_ENV", "DB_PASSWORD"] });
        const out = await exec(sandbox, { cwd, set: { CI: "1" } }, "env");
        const env = Object.fromEntries(out.stdout.trim().split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
        expect(env).toMatchObject({ PATH: process.env.PATH, NODE_ENV: "test", CI: "1" });
        expect(env).not.toHaveProperty("SOME_OTHER");
        expect(out.stdout).not.toContain("LEAK");
      } finally {
        restore();
      }
    });

    it("passes the names a caller asks for (a coding CLI's key) and the values it sets", async () => {
      const restore = setEnv({ ANTHROPIC_API_KEY: "sk-ant-for-the-cli" });
      try {
        const cwd = await tempDir();
        const out = await exec(make(SANDBOX_DEFAULTS), { cwd, pass: ["ANTHROPIC_API_KEY"], set: { ORCHESTRATE_MODULE: "m" } }, 'echo "$ANTHROPIC_API_KEY $ORCHESTRATE_MODULE"');
        expect(out.stdout).toBe("sk-ant-for-the-cli m\n");
      } finally {
        restore();
      }
    });

    it("a timeout ends the command", async () => {
      const cwd = await tempDir();
      const out = await exec(make(SANDBOX_DEFAULTS), { cwd }, "sleep 30", 200);
      expect(out.timedOut).toBe(true);
      expect(out.durationMs).toBeLessThan(10_000);
    });
  });
}
