import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FEATURES_END, FEATURES_START, updateFeatureRegion, type Feature } from "../../src/docs/readme.js";
import { onlyInsertsLines } from "./helpers.js";

const README = readFileSync(new URL("../fixtures/readmes/key-features-license-disclaimer.md", import.meta.url), "utf8");
const features: Feature[] = [
  { module: "tides", layer: "core", summary: "Parses tide tables." },
  { module: "cli", layer: "app", summary: "Prints the week's tides." },
];
const region = `${FEATURES_START}\n\n- **core**\n  - **tides**: Parses tide tables.\n- **app**\n  - **cli**: Prints the week's tides.\n\n${FEATURES_END}`;

describe("the README features region goes where it belongs (issue 12, finding 9)", () => {
  it("at the end of the README's own Key Features section (its subsections included), not after the Disclaimer", () => {
    const result = updateFeatureRegion(README, features);
    expect(onlyInsertsLines(README, result)).toBe(true);
    expect(result).toBe(README.replace("![table](docs/table.png)\n", `![table](docs/table.png)\n\n${region}\n`));
    expect(result.match(/^## .*Features/gm)).toEqual(["## Key Features"]);
    // Idempotent: the second update finds the markers.
    expect(updateFeatureRegion(result, features)).toBe(result);
  });

  it("no features section: a `## Features` section before License", () => {
    const source = README.replace(/## Key Features[\s\S]*?(?=## Install)/, "");
    const result = updateFeatureRegion(source, features);
    expect(result).toBe(source.replace("## License\n", `## Features\n\n${region}\n\n## License\n`));
  });

  it("a `Feature flags` heading is not a features section; with no back matter the section is appended", () => {
    const source = "# x\n\n## Feature flags\n\n- FAST=1\n";
    expect(updateFeatureRegion(source, features)).toBe(`${source}\n## Features\n\n${region}\n`);
  });

  it("a `Disclaimer` alone, CRLF kept", () => {
    const source = "# x\r\n\r\nText.\r\n## Disclaimer\r\n\r\nNone.\r\n";
    const result = updateFeatureRegion(source, features);
    expect(result).toBe(source.replace("Text.\r\n", `Text.\r\n\r\n## Features\r\n\r\n${region.replace(/\n/g, "\r\n")}\r\n\r\n`));
  });
});
