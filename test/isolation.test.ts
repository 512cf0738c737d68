import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ISOLATED } from "./isolated.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TEST = join(ROOT, "test");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : files(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What a fast test may not do in a worker it shares: mocks and spies, fake timers, process.env or cwd changed. */
const LEAVES_STATE = /\bvi\.(mock|doMock|spyOn|stubEnv|stubGlobal|useFakeTimers)\b|process\.chdir\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env|Object\.assign\(process\.env/;
/** A helper that registers hooks or changes process.env when loaded: a statement at the top level of its module. */
const AT_LOAD = /^(afterEach|afterAll|beforeEach|beforeAll)\(|^(process\.env|Object\.assign\(process\.env)/m;
/** The setup files (vitest.config.ts): loaded again for every file, so their hooks are. */
const SETUP = new Set(["test/helpers/loop-turn.ts", "test/helpers/project-cleanup.ts"]);

/** The test helpers `file` imports, directly or through other helpers. */
function helpers(file: string, seen = new Set<string>()): Set<string> {
  for (const m of readFileSync(file, "utf8").matchAll(/(?:import|export)\b[^"';]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g)) {
    const path = resolve(dirname(file), (m[1] ?? m[2])!).replace(/\.js$/, ".ts");
    if (!path.startsWith(TEST) || seen.has(path)) continue;
    seen.add(path);
    try {
      helpers(path, seen);
    } catch {
      // not a TypeScript helper (a fixture, a .mjs): nothing it loads is ours
    }
  }
  return seen;
}

function atLoad(path: string): boolean {
  try {
    return AT_LOAD.test(readFileSync(path, "utf8"));
  } catch {
    return false;
  }
}

describe("the fast tests that share a worker (vitest.config.ts)", () => {
  // This file names the patterns it looks for, and does none of it.
  const fast = files(TEST).filter((f) => f.endsWith(".test.ts") && !f.endsWith(".int.test.ts") && f !== fileURLToPath(import.meta.url));

  it("are those that leave nothing behind: every other fast test is in test/isolated.ts, and nothing more", () => {
    const needs = fast
      .filter((f) => LEAVES_STATE.test(readFileSync(f, "utf8")) || [...helpers(f)].some((h) => !SETUP.has(relative(ROOT, h)) && atLoad(h)))
      .map((f) => relative(ROOT, f))
      .sort();
    expect(needs).toEqual([...ISOLATED].sort());
  });

  it("catches a helper's hook at load and a spy, the two ways a file comes to need a process of its own", () => {
    expect(AT_LOAD.test("import x from 'y';\nafterAll(() => undefined);\n")).toBe(true);
    expect(AT_LOAD.test("describe('x', () => {\n  afterAll(() => undefined);\n});\n")).toBe(false);
    expect(LEAVES_STATE.test("vi.spyOn(fs, 'readFileSync')")).toBe(true);
    expect(LEAVES_STATE.test("process.env.PATH = dir")).toBe(true);
    expect(LEAVES_STATE.test("expect(process.env.PATH).toBe(dir)")).toBe(false);
  });
});
