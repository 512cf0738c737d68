import { describe, expect, it, vi } from "vitest";

/** The headings whose plain text was worked out. */
const { plained } = vi.hoisted(() => ({ plained: [] as string[] }));

vi.mock("../../src/spec/simple-blocks.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/spec/simple-blocks.js")>();
  return {
    ...real,
    plain: (text: string) => {
      plained.push(text);
      return real.plain(text);
    },
  };
});

const { providesSection } = await import("../../src/spec/provides-section.js");

const spec = (headings: string[], provides: string) =>
  `# 📦 ORDERS_AGENT\n\n${headings.map((h) => `## ${h}\nSome text.\n`).join("\n")}\n## ${provides}\n- \`Order\`\n- \`place(order)\`\n\n## Rules\n1. Keep it small.\n`;

describe("a dependency's Provides section", () => {
  it("works out the plain text only of headings that could name it", () => {
    plained.length = 0;
    expect(providesSection(spec(["🎯 Purpose", "Module Ownership", "Depends On", "Performance"], "🔌 Provides"))).toBe("- `Order`\n- `place(order)`");
    expect(plained).toEqual(["🔌 Provides"]);
  });

  it("is found as before under headings that markup, numbers or case dress up", () => {
    for (const heading of ["**Pro**vides", "2.1 PROVIDES", "`Provides`", "_Provide_ (public)", "II. Provides &amp; uses"]) {
      expect(providesSection(spec(["Purpose"], heading)), heading).toBe("- `Order`\n- `place(order)`");
    }
    // Without a Provides heading or field, an Exports-like section, its words cut by markup too.
    for (const heading of ["Public `API`", "**Ex**ports", "Interfaces"]) {
      expect(providesSection(spec(["Purpose"], heading)), heading).toBe("- `Order`\n- `place(order)`");
    }
    expect(providesSection(spec(["Purpose"], "Provisions"))).toBeUndefined();
  });
});
