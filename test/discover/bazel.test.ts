import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

describe("discover: a Bazel workspace", () => {
  it("says its BUILD targets are not read and which gates run, once, at the root marker", () => {
    const d = discover(makeProject({
      WORKSPACE: 'workspace(name = "lighthouse")\n',
      "beacon/core/BUILD": 'py_library(name = "core", srcs = glob(["*.py"]))\n',
      "beacon/core/lamp.py": "class Lamp:\n    pass\n",
      "beacon/keeper/main.py": "from beacon.core.lamp import Lamp\n\n\ndef keep():\n    return Lamp()\n",
    }));
    expect(d.modules.map((m) => `${m.id} <- ${m.dependsOn.join(",")}`)).toEqual(["lamp <- ", "main <- lamp"]);
    // Before: nothing said the modules were not Bazel's targets.
    expect(d.notes).toEqual(["WORKSPACE: a Bazel workspace; its BUILD targets are not read, the modules are its folders and imports (gates: `bazel test //...`, a module's `bazel test //<package>:all`)"]);
  });
});
