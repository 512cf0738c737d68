import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject } from "../helpers/project.js";

/** A module's files written in the shapes people write them in, beside `**Module**` and `**Related Files**`. */

const M = ".claude/layers/core/modules";

describe("owned files in other spellings", () => {
  it("`**File**`, `**Files**`, `**Primary File**`, `**Module Path**` fields, and Files / Owned Files headings", () => {
    const spec = loadSpec(
      makeProject({
        ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
        [`${M}/A_AGENT.md`]: "# A\n**File**: `pkg/a.py`\n",
        [`${M}/B_AGENT.md`]: "# B\n**Files**: `pkg/b.py`, `pkg/b_util.py`\n",
        [`${M}/C_AGENT.md`]: "# C\n**Primary File**: `pkg/c.py`\n**Module Path**: `pkg/c_more.py`\n",
        [`${M}/D_AGENT.md`]: "# D\n\n## Files\n- `pkg/d.py`\n- `tests/test_d.py`\n",
        [`${M}/E_AGENT.md`]: "# E\n\n## 📁 Owned Files\n- pkg/e/ (the package)\n- Owns the schema too\n",
        [`${M}/F_AGENT.md`]: "# F\n**Module**: `pkg/f.py`\n\n## Files\n- `pkg/f_io.py`\n",
      }),
    );
    const files = Object.fromEntries(spec.modules.map((m) => [m.id, [m.primaryFile, m.files]]));
    expect(files).toEqual({
      a: ["pkg/a.py", ["pkg/a.py"]],
      b: [undefined, ["pkg/b.py", "pkg/b_util.py"]],
      c: ["pkg/c.py", ["pkg/c.py", "pkg/c_more.py"]],
      d: [undefined, ["pkg/d.py", "tests/test_d.py"]],
      e: [undefined, ["pkg/e/"]],
      f: ["pkg/f.py", ["pkg/f.py", "pkg/f_io.py"]],
    });
    expect(spec.warnings.filter((w) => w.code === "NO_FILES")).toEqual([]);
  });

  it("a module's tests in a `**Tests**` or `**Test Files**` field, or a fields table's Tests row, are its files; a Tests line naming no path is not", () => {
    const spec = loadSpec(
      makeProject({
        [`${M}/A_AGENT.md`]: "# A\n**Module**: `pkg/a.py`\n**Tests**: `tests/test_a.py`\n",
        [`${M}/B_AGENT.md`]: "# B\n\n| Field | Value |\n| --- | --- |\n| Module | `pkg/b.py` |\n| Tests | `tests/test_b.py`, `tests/test_b_io.py` |\n",
        [`${M}/C_AGENT.md`]: "# C\n**Module**: `pkg/c.py`\n**Test Files**:\n- `tests/test_c.py`\n",
        [`${M}/D_AGENT.md`]: "# D\n**Module**: `pkg/d.py`\n\nTests: 12 cases, run with `python3 -m unittest`\n**Tests**: `python3 -m pytest -q`\n",
      }),
    );
    expect(Object.fromEntries(spec.modules.map((m) => [m.id, m.files]))).toEqual({
      a: ["pkg/a.py", "tests/test_a.py"],
      b: ["pkg/b.py", "tests/test_b.py", "tests/test_b_io.py"],
      c: ["pkg/c.py", "tests/test_c.py"],
      d: ["pkg/d.py"],
    });
  });

  it("a path outside the project under a Files heading or field is not owned: a warning with file and line, not an error", () => {
    const spec = loadSpec(makeProject({ [`${M}/A_AGENT.md`]: "# A\n**File**: `pkg/a.py`\n\n## Files\n- `/var/log/a.log` (written at run time)\n- `../shared/x.py`\n" }));
    expect(spec.modules[0]!.files).toEqual(["pkg/a.py"]);
    expect(spec.warnings.filter((w) => w.code === "FILE_OUTSIDE_PROJECT").map((w) => [w.file, w.line, w.message])).toEqual([
      [`${M}/A_AGENT.md`, 5, "a: `/var/log/a.log` under \"Files\" is outside the project, so the module does not own it"],
      [`${M}/A_AGENT.md`, 6, "a: `../shared/x.py` under \"Files\" is outside the project, so the module does not own it"],
    ]);
  });
});
