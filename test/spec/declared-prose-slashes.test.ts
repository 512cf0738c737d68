import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { makeProject } from "../helpers/project.js";

/** Modules only the system spec's list declares: a word of its prose with a slash is not a file the module owns. */
describe("modules declared in the system spec's list", () => {
  const files = (claude: string) =>
    Object.fromEntries(loadSpec(makeProject({ ".claude/CLAUDE.md": claude, "lib/charts/a.py": "", "lib/feeds/b.py": "" })).modules.map((m) => [m.id, m.files]));

  it("own the paths written as paths, not `read/write` or `open/high/low/close` of their prose", () => {
    const claude = "# Quotes\n\n## Modules\n\n### Core layer\n- `charts` (`lib/charts/`): draws open/high/low/close candles\n- `feeds` (lib/feeds/): read/write access to the vendor's ticks\n";
    expect(files(claude)).toEqual({ charts: ["lib/charts/"], feeds: ["lib/feeds/"] });
  });

  it("still own a bare folder when the item names no other path", () => {
    expect(files("# Quotes\n\n## Modules\n\n### Core layer\n- charts (lib/charts): draws candles\n- feeds (lib/feeds/b.py): ticks\n")).toEqual({ charts: ["lib/charts"], feeds: ["lib/feeds/b.py"] });
  });
});
