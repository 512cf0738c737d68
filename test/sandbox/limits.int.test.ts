import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBwrapSandbox } from "../../src/sandbox/bwrap.js";
import { limitHit } from "../../src/sandbox/limits.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/options.js";
import { runGate, type GateContext } from "../../src/validate/gates.js";
import { openGateConfinement } from "../../src/validate/confine.js";
import { cleanup, exec, tempDir } from "./helpers.js";

afterEach(cleanup);

const MB = 1024 * 1024;
const allocate = (mb: number) => `node -e 'const a = []; for (let i = 0; i < ${mb / 16}; i++) a.push(Buffer.alloc(16 * 1024 * 1024, 1)); console.log("allocated ${mb} MB")'`;

describe("sandbox limits (prlimit)", () => {
  it("end a process that allocates beyond sandbox.limits.memoryMb, and say which limit", { timeout: 200_000 }, async () => {
    const cwd = await tempDir();
    const sandbox = createBwrapSandbox({ ...SANDBOX_DEFAULTS, limits: { memoryMb: 256, fileMb: 0 } });
    const over = await exec(sandbox, { cwd }, allocate(512), 60_000);
    expect(over).toMatchObject({ timedOut: false });
    expect(over.exitCode).not.toBe(0);
    expect(over.stdout).not.toContain("allocated");
    expect(limitHit(sandbox.limits, over, over.stdout + over.stderr)).toBe("a process reached the sandbox's memory limit of 256 MB (sandbox.limits.memoryMb)");
    // Under the cap, and with the default cap, the same program runs: the limit is on memory used, not address space reserved.
    // (Generous time limits: filling memory is slow on a loaded machine, and a timeout would pass for the limit.)
    expect((await exec(sandbox, { cwd }, allocate(128), 60_000)).stdout).toBe("allocated 128 MB\n");
    const underDefault = await exec(createBwrapSandbox(SANDBOX_DEFAULTS), { cwd }, allocate(384), 60_000);
    expect(underDefault).toMatchObject({ timedOut: false, stdout: "allocated 384 MB\n" });
  });

  it("leave Node's reserved address space alone: WebAssembly runs under a low memory limit", async () => {
    const cwd = await tempDir();
    const sandbox = createBwrapSandbox({ ...SANDBOX_DEFAULTS, limits: { memoryMb: 256, fileMb: 0 } });
    const wasm = await exec(sandbox, { cwd }, `node -e 'new WebAssembly.Memory({ initial: 1 }); console.log("wasm ok")'`);
    expect(wasm.stdout).toBe("wasm ok\n");
  });

  it("stop a file at sandbox.limits.fileMb: the writer is killed (SIGXFSZ), the file ends at the cap", async () => {
    const cwd = await tempDir();
    const sandbox = createBwrapSandbox({ ...SANDBOX_DEFAULTS, limits: { memoryMb: 0, fileMb: 2 } });
    const out = await exec(sandbox, { cwd }, "head -c 5000000 /dev/zero > big.bin; echo writer ended $?");
    expect(out.stdout).toBe("writer ended 153\n"); // 128 + SIGXFSZ (25)
    expect(statSync(join(cwd, "big.bin")).size).toBe(2 * MB);
    expect(limitHit(sandbox.limits, { exitCode: 153, signal: null }, "")).toBe("a file reached the sandbox's size limit of 2 MB (sandbox.limits.fileMb)");
    const unlimited = createBwrapSandbox({ ...SANDBOX_DEFAULTS, limits: { memoryMb: 0, fileMb: 0 } });
    expect((await exec(unlimited, { cwd }, "head -c 5000000 /dev/zero > big2.bin; echo $?")).stdout).toBe("0\n");
    expect(statSync(join(cwd, "big2.bin")).size).toBe(5000000);
  });

  it("say that a sanitizer's shadow memory is what the memory limit refused (a C project built with -fsanitize=address)", { timeout: 120_000 }, async () => {
    const cwd = await tempDir();
    writeFileSync(join(cwd, "t.c"), "int main(void) { return 0; }\n");
    const sandbox = createBwrapSandbox(SANDBOX_DEFAULTS);
    const asan = await exec(sandbox, { cwd }, "cc -fsanitize=address -o t t.c && ./t", 60_000);
    expect(asan.exitCode).not.toBe(0);
    expect(limitHit(sandbox.limits, asan, asan.stdout + asan.stderr)).toBe(`a sanitizer's shadow memory does not fit the sandbox's memory limit of ${SANDBOX_DEFAULTS.limits.memoryMb} MB (sandbox.limits.memoryMb: 0 lifts it)`);
    // Without the limit it runs.
    expect((await exec(createBwrapSandbox({ ...SANDBOX_DEFAULTS, limits: { memoryMb: 0, fileMb: 0 } }), { cwd }, "./t && echo ran", 60_000)).stdout).toBe("ran\n");
  });

  it("a gate's check over a limit fails with the limit named", { timeout: 150_000 }, async () => {
    const root = await tempDir();
    const confine = await openGateConfinement({ ...SANDBOX_DEFAULTS, limits: { memoryMb: 256, fileMb: 1 } }, undefined);
    const spec = { root, modules: [], layers: [] } as unknown as GateContext["spec"];
    const ctx = { root, spec, layerOrder: [], modules: ["m"], vars: { module: "m", files: [] }, timeoutMs: 60_000, confine };
    const result = await runGate("module", "m", [
      { name: "memory", kind: "command", run: allocate(512) },
      { name: "file", kind: "command", run: "head -c 3000000 /dev/zero > out.bin" },
    ], ctx);
    expect(result.checks[0]!.message).toMatch(/^(exit \d+|killed by SIG\w+), a process reached the sandbox's memory limit of 256 MB \(sandbox\.limits\.memoryMb\)$/);
    expect(result.checks[1]!.message).toBe("exit 153, a file reached the sandbox's size limit of 1 MB (sandbox.limits.fileMb)");
    expect(existsSync(join(root, "out.bin"))).toBe(true);
  });
});
