import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCliAsync } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const RIGHT = "#include \"checksum.h\"\n\nunsigned checksum(const unsigned char *data, unsigned n) {\n    unsigned sum = 0;\n    for (unsigned i = 0; i < n; i++) sum += data[i];\n    return sum & 0xff;\n}\n";
const WRONG = RIGHT.replace("i < n", "i + 1 < n");

/**
 * The agent: attempt 1 writes a checksum that skips the last byte; attempt 2 writes it right,
 * but only when its prompt holds what the gate's test printed (exit 9 otherwise).
 */
const AGENT = [
  'if [ "$1" = 1 ]; then',
  `  printf '%s' '${WRONG}' > src/checksum.c`,
  "  echo 'Wrote the checksum.'",
  "else",
  "  prompt=$(cat)",
  '  echo "$prompt" | grep -q "test_checksum.c:6: checksum of 1 2 3 is 3, expected 6" || exit 9',
  '  echo "$prompt" | grep -q "The following tests FAILED:" || exit 9',
  `  printf '%s' '${RIGHT}' > src/checksum.c`,
  "  echo 'Counted the last byte.'",
  "fi",
  "",
].join("\n");

/** A C project of one module and its ctest test, in git, with no gates configured and no `.gitignore`. */
function project(): string {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/CHECKSUM_AGENT.md": moduleSpec({ module: "src/checksum.c", related: ["src/checksum.h", "tests/test_checksum.c"] }),
    "CMakeLists.txt": "cmake_minimum_required(VERSION 3.13)\nproject(sum C)\nenable_testing()\nadd_library(checksum src/checksum.c)\ntarget_include_directories(checksum PUBLIC src)\nadd_executable(test_checksum tests/test_checksum.c)\ntarget_link_libraries(test_checksum checksum)\nadd_test(NAME test_checksum COMMAND test_checksum)\n",
    "src/checksum.h": "unsigned checksum(const unsigned char *data, unsigned n);\n",
    "src/checksum.c": "#include \"checksum.h\"\n\nunsigned checksum(const unsigned char *data, unsigned n) { (void)data; (void)n; return 0; }\n",
    "tests/test_checksum.c": '#include <stdio.h>\n#include "checksum.h"\n\nint main(void) {\n    const unsigned char data[] = {1, 2, 3};\n    if (checksum(data, 3) != 6) { fprintf(stderr, "tests/test_checksum.c:6: checksum of 1 2 3 is %u, expected 6\\n", checksum(data, 3)); return 1; }\n    return 0;\n}\n',
    "agent.sh": AGENT,
    "orchestrate.config.yaml": "agent: command\ncommand:\n  run: sh agent.sh {attempt}\n",
  });
  execFileSync("git", ["init", "-q"], { cwd: root });
  execFileSync("git", ["config", "user.name", "t"], { cwd: root });
  execFileSync("git", ["config", "user.email", "t@t"], { cwd: root });
  execFileSync("git", ["add", "-A"], { cwd: root });
  execFileSync("git", ["commit", "-qm", "start"], { cwd: root });
  return root;
}

describe("a C project's ctest as its gates, discovered (real cmake, gcc and ctest)", () => {
  it("a failing test sends its module back with ctest's failure in the prompt; the fix passes; the build never lands in a commit", async () => {
    const root = project();
    const run = await runCliAsync(["run", "implement system", "--project", root], { timeoutMs: 170_000 });
    expect(run.stdout).toContain("module gates discovered: checksum (tests/test_checksum.c)");
    expect(run.code, run.stdout).toBe(0);
    const status = JSON.parse((await runCliAsync(["status", "--json", "--project", root])).stdout) as {
      state: string;
      workspace: { branch: string };
      modules: { id: string; state: string; attempts: { state: string; error?: string }[] }[];
      gates: { level: string; ok: boolean; summary: string }[];
    };
    expect(status.state).toBe("done");
    const module = status.modules.find((m) => m.id === "checksum")!;
    expect(module.attempts.map((a) => a.state)).toEqual(["failed", "done"]);
    expect(module.attempts[0]!.error).toContain("tests 0/1 (1 failed)");
    expect(status.gates.find((g) => g.level === "system")).toMatchObject({ ok: true, summary: "tests 1/1" });
    // The gates built in each attempt's worktree: build/ made there kept itself out of git.
    const landed = execFileSync("git", ["ls-tree", "-r", "--name-only", status.workspace.branch], { cwd: root, encoding: "utf8" }).split("\n");
    expect(landed).toContain("src/checksum.c");
    expect(landed.filter((f) => f.startsWith("build/"))).toEqual([]);
    expect(execFileSync("git", ["show", `${status.workspace.branch}:src/checksum.c`], { cwd: root, encoding: "utf8" })).toBe(RIGHT);
  }, 180_000);
});
