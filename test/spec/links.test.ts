import { describe, expect, it } from "vitest";
import { linesUnderHeading, MODULES_HEADING } from "../../src/spec/links.js";

describe("linesUnderHeading (the listing's Modules section, read without the Markdown parser)", () => {
  it("gives the lines under a matching heading up to the next heading as deep or shallower", () => {
    const body = "# Atlas\nintro [x](a.md)\n## **Modules**\n- [tiles](t.md)\n### Tiles notes\n- [cache](c.md)\n## Setup\n- [guide](g.md)\n";
    expect(linesUnderHeading(body, MODULES_HEADING)).toEqual(["- [tiles](t.md)", "- [cache](c.md)"]);
  });

  it("takes no heading inside fenced code, and no line of it", () => {
    const body = "```md\n## Modules\n- [fake](f.md)\n```\n## Modules\n~~~\n## Setup\n~~~\n- [real](r.md)\n";
    expect(linesUnderHeading(body, MODULES_HEADING)).toEqual(["- [real](r.md)"]);
  });

  it("reads a heading that says what the modules are not as no Modules heading", () => {
    expect(linesUnderHeading("## Module rules\n- [x](x.md)\n", MODULES_HEADING)).toEqual([]);
  });
});
