import { describe, expect, it } from "vitest";
import { claudeEnv, startClaudeFake, type FakeRequest } from "../helpers/claude-fake.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { commitAll, git } from "../workspace/git-fixture.js";
import { closeAfterTest, runCliAsync, scratchDir, status } from "./helpers.js";

// A C++ project built with CMake and tested with ctest (real19): its tests declared in a foreach
// loop, as CMake projects often do, and a first attempt that does not compile.

const GAUGE_HPP = "#pragma once\nnamespace gauge {\ndouble hpa_to_inhg(double hpa);\n}\n";
const STUB = '#include "gauge.hpp"\nnamespace gauge {\ndouble hpa_to_inhg(double) { return 0; }\n}\n';
const TYPO = '#include "gauge.hpp"\nnamespace gauge {\ndouble hpa_to_inhg(double hpa) { return hpa * factr; }\n}\n';
const FIXED = '#include "gauge.hpp"\nnamespace gauge {\ndouble hpa_to_inhg(double hpa) { return hpa * 0.02953; }\n}\n';
const TEST = '#include "gauge.hpp"\nint main() { double x = gauge::hpa_to_inhg(1000); return x > 29.52 && x < 29.54 ? 0 : 1; }\n';

function cmakeProject(): string {
  const root = makeProject({
    "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(gauge CXX)\nenable_testing()\nadd_library(gauge src/gauge.cpp)\ntarget_include_directories(gauge PUBLIC include)\nadd_subdirectory(tests)\n",
    "tests/CMakeLists.txt": "foreach(name gauge)\n  add_executable(test_${name} test_${name}.cpp)\n  target_link_libraries(test_${name} PRIVATE ${name})\n  add_test(NAME test_${name} COMMAND test_${name})\nendforeach()\n",
    "include/gauge.hpp": GAUGE_HPP,
    "src/gauge.cpp": STUB,
    "tests/test_gauge.cpp": TEST,
    ".gitignore": "build/\n.orchestrate/\n",
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
    ".claude/layers/core/modules/GAUGE_AGENT.md": moduleSpec({ module: "src/gauge.cpp", related: ["include/gauge.hpp", "tests/test_gauge.cpp"], body: "## Purpose\n\nPressure unit conversions.\n" }),
    "orchestrate.config.yaml": "agent: claude-code\nretries: 1\nclaudeCode: { model: claude-sonnet-4-5, permissionMode: bypassPermissions, maxTurns: 6 }\n",
  });
  git(root, "init", "-q", "-b", "main");
  commitAll(root, "initial");
  return root;
}

/** The text of the request's first user message: orchestrate's prompt. */
const promptOf = (req: FakeRequest) => JSON.stringify(req.body.messages[0]);

describe("the real Claude Code on a CMake project", () => {
  it("a module gate from the tests' foreach fails to compile; the retry's prompt names the error by the project's path, not the gone worktree's", async () => {
    const fake = closeAfterTest(
      await startClaudeFake((req) => {
        const file = `${req.cwd}/src/gauge.cpp`;
        const retry = promptOf(req).includes("<previous-error>");
        if (req.turn === 0) return { tools: [{ name: "Read", input: { file_path: file } }] };
        if (req.turn === 1) return { tools: [{ name: "Write", input: { file_path: file, content: retry ? FIXED : TYPO } }] };
        return { text: retry ? "Declared the factor; the test passes." : "Implemented hpa_to_inhg." };
      }),
    );
    const root = cmakeProject();

    const run = await runCliAsync(["run", "implement gauge", "--project", root], { env: claudeEnv(fake.url, scratchDir()), timeoutMs: 60_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // Before: the foreach's test was left out, so gauge had no module gate and attempt 1 passed without compiling.
    expect(run.stdout).toContain("module gates discovered: gauge (tests/test_gauge.cpp)");
    const attempts = status(root).modules[0]!.attempts;
    expect(attempts.map((a) => a.state)).toEqual(["failed", "done"]);
    expect(attempts[0]!.error).toMatch(/does not compile: gauge\.cpp:3: error: .factr. was not declared/);
    expect(attempts[1]!.gates).toBe("tests 1/1");

    const retried = fake.requests.filter((r) => r.turn === 0).map(promptOf)[1]!;
    const carried = /<previous-error>([\s\S]*?)<\/previous-error>/.exec(retried)?.[1] ?? "";
    // Before: `/tmp/.../.orchestrate/worktrees/<run>/gauge-1/src/gauge.cpp:3:...`, a worktree removed once attempt 1 ended.
    expect(carried).toMatch(/\\nsrc\/gauge\.cpp:3:\d+: error: .factr. was not declared/);
    expect(carried).not.toContain(".orchestrate/worktrees");
  }, 60_000);
});
