import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { makeProject } from "../helpers/project.js";

/** Files of a second package that imports nothing: it keeps `kettle/` from holding most of the project's code (which would make it a module per file). */
const GRINDER = ["burr", "blade", "hopper", "motor", "dial", "cup"];

/** A package whose top folder holds both its low-level helpers and its entry point, and a sibling package between them. */
function kettle(extra: Record<string, string> = {}): string {
  const helper = (name: string) => [`kettle/${name}.py`, `def ${name}_value():\n    return 1\n`];
  return makeProject({
    ...Object.fromEntries(GRINDER.map((name) => [`grinder/${name}.py`, `def ${name}():\n    return 2\n`])),
    "kettle/__init__.py": "",
    ...Object.fromEntries(["units", "clock", "colors", "paths", "words"].map(helper)),
    "kettle/errors.py": "from kettle.words import words_value\n\n\nclass BoilError(Exception):\n    pass\n",
    "kettle/console.py": "from kettle.brewers.tea import brew\n\n\ndef main():\n    return brew()\n",
    "kettle/brewers/__init__.py": "",
    "kettle/brewers/tea.py": "from kettle.units import units_value\nfrom kettle.errors import BoilError\n\n\ndef brew():\n    return units_value()\n",
    "kettle/brewers/coffee.py": "from kettle.clock import clock_value\n\n\ndef brew():\n    return clock_value()\n",
    ...extra,
  });
}

describe("discover: a big folder in a cycle its files are not in", () => {
  it("is split into its base and the rest, not merged with the folder between them", () => {
    const d = discover(kettle());
    expect(d.merged).toEqual([]);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    // Before: one module `kettle_tea` of 9 files, from the cycle kettle → tea → kettle.
    expect([...byId.keys()].sort()).toEqual(["coffee", "console", "kettle", "tea", ...GRINDER].sort());
    expect(byId.get("kettle")!.files.sort()).toEqual(["kettle/clock.py", "kettle/colors.py", "kettle/errors.py", "kettle/paths.py", "kettle/units.py", "kettle/words.py"]);
    expect(byId.get("console")!.files).toEqual(["kettle/console.py"]);
    expect(byId.get("tea")!.dependsOn).toEqual(["kettle"]);
    expect(byId.get("console")!.dependsOn).toEqual(["tea"]);
    expect(byId.get("kettle")!.layer).toBe("foundation");
  });

  it("is the same on every run, and an import cycle between files is still merged and reported", () => {
    const root = kettle({
      "kettle/units.py": "from kettle.brewers.coffee import brew\n\n\ndef units_value():\n    return brew\n",
      "kettle/brewers/coffee.py": "from kettle.units import units_value\n\n\ndef brew():\n    return units_value\n",
    });
    const first = discover(root);
    expect(discover(root)).toEqual(first);
    expect(first.merged.map((m) => m.cycle.length)).toEqual([3]);
    expect(first.modules.find((m) => m.files.includes("kettle/units.py"))!.files).toContain("kettle/brewers/coffee.py");
  });

  it("is kept whole when asked for a module per folder", () => {
    const d = discover(kettle(), { granularity: "folder" });
    expect(d.merged.map((m) => m.modules)).toEqual([["kettle/", "kettle/brewers/"]]);
    expect(d.modules.map((m) => m.id).sort()).toEqual(["brewers_kettle", "grinder"]);
    expect(d.modules.find((m) => m.id === "brewers_kettle")!.files).toHaveLength(9);
  });
});
