import { describe, it, expect } from "vitest";
import { FEATURES_END, FEATURES_START, ReadmeMarkerError, updateFeatureRegion } from "../../src/docs/readme.js";

const features = [
  { module: "journal", layer: "core", summary: "Balanced posting validation." },
  { module: "http", layer: "api", summary: "REST endpoints." },
  { module: "ledger", layer: "core", summary: "Account balances." },
];

const README = [
  "# ledgerline",
  "",
  "Plain-text accounting.  ",
  "",
  "## Features",
  "",
  FEATURES_START,
  FEATURES_END,
  "",
  "## Install",
  "",
  "```sh",
  FEATURES_START,
  "```",
  "",
].join("\n");

describe("updateFeatureRegion", () => {
  it("writes a list grouped by layer between the markers and nothing else", () => {
    const result = updateFeatureRegion(README, features);
    const region = [
      "",
      "- **core**",
      "  - **journal**: Balanced posting validation.",
      "  - **ledger**: Account balances.",
      "- **api**",
      "  - **http**: REST endpoints.",
      "",
      "",
    ].join("\n");
    const at = README.indexOf(FEATURES_END);
    expect(result).toBe(README.slice(0, at) + region + README.slice(at));
  });

  it("is idempotent and merges by module id", () => {
    const once = updateFeatureRegion(README, features);
    expect(updateFeatureRegion(once, features)).toBe(once);
    expect(updateFeatureRegion(once, [])).toBe(once);

    const next = updateFeatureRegion(once, [
      { module: "ledger", layer: "core", summary: "Account balances and assertions." },
      { module: "http", layer: "core", summary: "Moved." },
      { module: "cli", layer: "ui", summary: "Commands." },
    ]);
    expect(next).toContain(
      ["- **core**", "  - **journal**: Balanced posting validation.", "  - **ledger**: Account balances and assertions.", "  - **http**: Moved.", "- **ui**", "  - **cli**: Commands."].join("\n"),
    );
    expect(next).not.toContain("**api**");
    expect(updateFeatureRegion(next, features.slice(0, 1))).toBe(next);
  });

  it("preserves CRLF and the bytes around the region", () => {
    const crlf = README.replaceAll("\n", "\r\n");
    const result = updateFeatureRegion(crlf, features);
    expect(result.replaceAll("\r\n", "")).not.toContain("\n");
    const start = crlf.indexOf(FEATURES_START) + FEATURES_START.length + 2;
    const end = crlf.indexOf(FEATURES_END);
    expect(result.startsWith(crlf.slice(0, start))).toBe(true);
    expect(result.endsWith(crlf.slice(end))).toBe(true);
    expect(updateFeatureRegion(result, features)).toBe(result);
  });

  it("appends a Features section when the markers are missing", () => {
    const body = "# tool\n\nDoes things.";
    const result = updateFeatureRegion(body, features.slice(1, 2));
    expect(result).toBe(
      `# tool\n\nDoes things.\n\n## Features\n\n${FEATURES_START}\n\n- **api**\n  - **http**: REST endpoints.\n\n${FEATURES_END}\n`,
    );
    expect(updateFeatureRegion(result, features.slice(1, 2))).toBe(result);
    expect(updateFeatureRegion("# tool\n\n", [])).toBe(`# tool\n\n## Features\n\n${FEATURES_START}\n\n${FEATURES_END}\n`);
  });

  it("ignores markers inside code blocks", () => {
    const onlyFenced = "# tool\n\n```\n" + FEATURES_START + "\n" + FEATURES_END + "\n```\n";
    expect(updateFeatureRegion(onlyFenced, [])).toBe(`${onlyFenced}\n## Features\n\n${FEATURES_START}\n\n${FEATURES_END}\n`);
  });

  it("refuses a start marker without an end marker", () => {
    const broken = `# tool\n\n${FEATURES_START}\n- stray\n`;
    expect(() => updateFeatureRegion(broken, features)).toThrow(ReadmeMarkerError);
    expect(() => updateFeatureRegion(broken, features)).toThrow(/Expected "<!-- orchestrate:features:end -->" after the features marker on line 3/);
  });
});
