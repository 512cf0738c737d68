import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { bazelDependencies } from "../../src/discover/bazel-deps.js";
import { makeProject } from "../helpers/project.js";

describe("discover: a Bazel workspace", () => {
  it("says its BUILD targets are not the modules and which gates run, once, at the root marker", () => {
    const d = discover(makeProject({
      WORKSPACE: 'workspace(name = "lighthouse")\n',
      "beacon/core/BUILD": 'py_library(name = "core", srcs = glob(["*.py"]))\n',
      "beacon/core/lamp.py": "class Lamp:\n    pass\n",
      "beacon/keeper/main.py": "from beacon.core.lamp import Lamp\n\n\ndef keep():\n    return Lamp()\n",
    }));
    expect(d.modules.map((m) => `${m.id} <- ${m.dependsOn.join(",")}`)).toEqual(["lamp <- ", "main <- lamp"]);
    // Before: nothing said the modules were not Bazel's targets.
    expect(d.notes).toEqual(["WORKSPACE: a Bazel workspace; its BUILD targets are not the modules, which are its folders and imports, with the `deps` between its packages (gates: `bazel test //...`, a module's `bazel test //<package>:all`)"]);
  });

  /** A lighthouse keeper that loads its fog-horn plugin at run time: no import of it, a `runtime_deps` in its BUILD file. */
  const KEEPER = {
    "MODULE.bazel": 'module(name = "lighthouse")\n',
    "beacon/core/BUILD.bazel": 'py_library(\n    name = "core",\n    srcs = ["lamp.py"],\n    visibility = ["//visibility:public"],\n)\n',
    "beacon/core/lamp.py": "class Lamp:\n    pass\n",
    "beacon/horn/BUILD.bazel": 'py_library(name = "horn", srcs = ["horn.py"], deps = ["//beacon/core"])\n',
    "beacon/horn/horn.py": "from beacon.core.lamp import Lamp\n\n\ndef sound(lamp: Lamp):\n    return 'whoo'\n",
    "beacon/keeper/BUILD": [
      "# The horn is found by its entry point, at run time.",
      'py_binary(',
      '    name = "keeper",',
      '    srcs = ["main.py"],',
      '    deps = [":util", "//beacon/core:core", "@pypi//click"],',
      '    runtime_deps = [',
      '        "//beacon/horn",',
      '        # "//beacon/log", once it is a plugin too',
      '    ],',
      ')',
      'py_test(name = "keeper_test", srcs = ["keeper_test.py"], deps = ["//beacon/testing:fakes"])',
      "",
    ].join("\n"),
    "beacon/keeper/main.py": "from beacon.core.lamp import Lamp\n\n\ndef keep():\n    return Lamp()\n",
  };

  it("a package depends on the packages its BUILD file's targets name in `deps` or `runtime_deps`, though no file imports them", () => {
    const d = discover(makeProject(KEEPER));
    // Before: main depended on lamp alone, and the horn it loads could be planned after it.
    expect(d.modules.map((m) => `${m.id} <- ${m.dependsOn.join(",")}`)).toEqual(["lamp <- ", "horn <- lamp", "main <- lamp,horn"]);
  });

  it("a root package's deps are those of its own files, not of a package inside it that declares none", () => {
    const d = discover(makeProject({
      ...KEEPER,
      "BUILD.bazel": 'py_binary(name = "lint", srcs = ["lint.py"], deps = ["//beacon/horn"])\n',
      "lint.py": "def lint():\n    return 0\n",
      "beacon/log/BUILD.bazel": 'py_library(name = "log", srcs = ["log.py"])\n',
      "beacon/log/log.py": "def log(line):\n    return line\n",
    }));
    // Before: `log` also depended on `horn`, its package taken for the root's.
    expect(Object.fromEntries(d.modules.map((m) => [m.id, m.dependsOn]))).toEqual({ lamp: [], horn: ["lamp"], log: [], lint: ["horn"], main: ["lamp", "horn"] });
  });

  it("reads labels of this workspace's other packages; the same package's, another repository's, a test rule's and a comment's are none", () => {
    const builds = Object.entries(KEEPER).filter(([p]) => /BUILD/.test(p)).map(([p, text]) => ({ dir: p.slice(0, p.lastIndexOf("/")), text }));
    expect(bazelDependencies(builds).map((x) => `${x.dir} -> ${x.on}`)).toEqual(["beacon/horn -> beacon/core", "beacon/keeper -> beacon/core", "beacon/keeper -> beacon/horn"]);
  });
});
