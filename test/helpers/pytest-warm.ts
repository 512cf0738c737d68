import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest's global setup (after python-direct.ts): pytest rewrites the asserts of its plugins'
 * modules each time it starts (hypothesis's and pytest-benchmark's on the test machine: 88
 * modules, ~0.8 s of CPU) unless it may keep the result in their __pycache__. It may not here:
 * the machine sets PYTHONDONTWRITEBYTECODE, and a gate's pytest runs in a sandbox that cannot
 * write there. One pytest start allowed to write keeps them, as any pytest run without that
 * variable would: a gate's pytest then starts in ~0.5 s of CPU rather than ~1.3 s. Where pytest
 * is missing, or the rewritten modules are kept already, it changes nothing.
 */
export function warmPytest(python = "python3"): void {
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-pytest-"));
  const env = { ...process.env };
  delete env.PYTHONDONTWRITEBYTECODE;
  try {
    // Collects nothing (exit 5) in an empty folder, and loads every plugin doing so.
    execFileSync(python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", dir], { cwd: dir, env, stdio: "ignore", timeout: 60_000 });
  } catch {
    // exit 5, or no pytest: nothing to keep
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default function setup(): void {
  warmPytest();
}
