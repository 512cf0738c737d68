import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunContext } from "../../src/run/context.js";
import type { PlanModule } from "../../src/plan/types.js";
import { benchConfinement } from "../../src/run/confinement.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import { probeBwrap } from "../../src/sandbox/probe.js";
import { openGateConfinement } from "../../src/validate/confine.js";
import { measure } from "../../src/workflows/bench.js";
import { cleanup, setEnv, tempDir } from "../sandbox/helpers.js";
import { makeProject } from "../helpers/project.js";

// An optimize run's benchmark comes from the config or a spec's "Performance" block, which anyone
// who edits the spec tree writes (an agent of an earlier attempt too): it runs as gates' command checks do.

const SECRET = "sk-test-0123456789abcdefghij";
const MODULE = { id: "parser", layer: "core" } as PlanModule;

/** What `measure` reads of a run: its root, time limit, sandbox options and signal. */
function contextOf(root: string): RunContext {
  return { paths: { root }, options: { timeoutMs: 20_000, sandbox: SANDBOX_DEFAULTS }, signal: new AbortController().signal } as unknown as RunContext;
}

afterEach(cleanup);

describe("an optimize run's benchmark", () => {
  beforeAll(async () => {
    // CI installs bubblewrap; without it these tests would test nothing.
    expect(await probeBwrap()).toBeUndefined();
  });

  it("runs in the sandbox: no secret variable, nothing written outside its workspace", async () => {
    const outside = await tempDir("/var/tmp");
    const restore = setEnv({ ANTHROPIC_API_KEY: SECRET });
    try {
      const root = makeProject({});
      const ctx = contextOf(root);
      const confine = () => benchConfinement(root, {});
      // Written into the workspace, not printed: printed output is redacted either way.
      expect(await measure(ctx, MODULE, `echo "key=\${ANTHROPIC_API_KEY:-none}" > seen.txt; echo "{module} took 12 ms"`, {}, root, confine)).toBe(12);
      expect(readFileSync(join(root, "seen.txt"), "utf8")).toBe("key=none\n");
      await expect(measure(ctx, MODULE, `echo pwned > ${outside}/x.txt && echo 1 ms`, {}, root, confine)).rejects.toThrow(/^benchmark `echo pwned > \S+ && echo 1 ms` exited with \d+:\n.*Read-only file system/s);
      expect(existsSync(join(outside, "x.txt"))).toBe(false);
      // A run assembled without a confinement: the run's `sandbox` options decide, confined.
      await expect(measure(ctx, MODULE, `echo pwned > ${outside}/y.txt && echo 1 ms`, {}, root)).rejects.toThrow(/Read-only file system/);
      expect(existsSync(join(outside, "y.txt"))).toBe(false);
    } finally {
      restore();
    }
  });

  it("runs unconfined only where gates would (`gates.sandbox: false`), still with the allow-listed environment", async () => {
    const outside = await tempDir("/var/tmp");
    const restore = setEnv({ ANTHROPIC_API_KEY: SECRET });
    try {
      const root = makeProject({});
      const command = `echo "key=\${ANTHROPIC_API_KEY:-none}" > ${outside}/seen.txt; echo 3 ms`;
      expect(await measure(contextOf(root), MODULE, command, {}, root, () => benchConfinement(root, { gates: { sandbox: false } }))).toBe(3);
      expect(readFileSync(join(outside, "seen.txt"), "utf8")).toBe("key=none\n");
    } finally {
      restore();
    }
  });

  it("is refused with one line where the config requires the sandbox and bubblewrap cannot run", async () => {
    const outside = await tempDir("/var/tmp");
    const root = makeProject({});
    const required = () => openGateConfinement(SANDBOX_DEFAULTS, true, [], "/nonexistent/bwrap");
    await expect(measure(contextOf(root), MODULE, `echo x > ${outside}/x.txt; echo 1 ms`, {}, root, required)).rejects.toThrow(
      /^benchmark `echo x > \S+; echo 1 ms` could not start: the sandbox cannot run here \(\/nonexistent\/bwrap is not installed\): install bubblewrap, or set gates\.sandbox: false$/,
    );
    expect(existsSync(join(outside, "x.txt"))).toBe(false);
  });
});
