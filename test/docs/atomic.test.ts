import { describe, it, expect, beforeEach, afterEach } from "vitest";
import * as fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parser } from "keep-a-changelog";
import { writeFileAtomic, type AtomicFs } from "../../src/docs/atomic.js";
import { updateChangelog } from "../../src/docs/changelog.js";
import { FEATURES_START, updateReadme } from "../../src/docs/readme.js";

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), "orchestrate-docs-"));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const OLD = "# Changelog\r\n\r\nold bytes, no trailing newline  ";

describe("writeFileAtomic", () => {
  it("creates and replaces a file, keeping the original mode", async () => {
    const file = path.join(dir, "CHANGELOG.md");
    await writeFileAtomic(file, "one");
    expect(await fsp.readFile(file, "utf8")).toBe("one");
    await fsp.chmod(file, 0o640);
    await writeFileAtomic(file, "two");
    expect(await fsp.readFile(file, "utf8")).toBe("two");
    expect((await fsp.stat(file)).mode & 0o7777).toBe(0o640);
    expect(await fsp.readdir(dir)).toEqual(["CHANGELOG.md"]);
  });

  it("writes through a symlink to its target", async () => {
    const target = path.join(dir, "real.md");
    const link = path.join(dir, "CHANGELOG.md");
    await fsp.writeFile(target, "old");
    await fsp.symlink(target, link);
    await writeFileAtomic(link, "new");
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fsp.readFile(target, "utf8")).toBe("new");
  });

  const failures: [string, (fs: AtomicFs) => AtomicFs][] = [
    ["rename", (fs) => ({ ...fs, rename: () => Promise.reject(new Error("injected rename failure")) })],
    [
      "fsync",
      (fs) => ({
        ...fs,
        open: (async (...args: Parameters<typeof fsp.open>) => {
          const handle = await fs.open(...args);
          handle.sync = () => Promise.reject(new Error("injected fsync failure"));
          return handle;
        }) as typeof fsp.open,
      }),
    ],
  ];

  it.each(failures)("leaves the old file intact and no temp file when %s fails", async (step, inject) => {
    const file = path.join(dir, "CHANGELOG.md");
    await fsp.writeFile(file, OLD);
    const written: string[] = [];
    const recording: AtomicFs = {
      ...fsp,
      open: (async (...args: Parameters<typeof fsp.open>) => {
        written.push(String(args[0]));
        return fsp.open(...args);
      }) as typeof fsp.open,
    };
    await expect(writeFileAtomic(file, "x".repeat(100_000), inject(recording))).rejects.toThrow(`injected ${step} failure`);
    expect(await fsp.readFile(file, "utf8")).toBe(OLD);
    expect(await fsp.readdir(dir)).toEqual(["CHANGELOG.md"]);
    // The temp file really was written in the target's directory before the failure.
    expect(written[0]).toMatch(new RegExp(`^${dir}/\\.CHANGELOG\\.md\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
  });
});

describe("updateChangelog and updateReadme", () => {
  it("creates a missing changelog, then adds to it, never an entry twice", async () => {
    const file = path.join(dir, "CHANGELOG.md");
    expect(await updateChangelog(file, [{ section: "Added", text: "one" }])).toEqual({ created: true, added: 1 });
    // Two updates at once with the same entry (a step run again while it still runs): one writes it.
    const both = await Promise.all([1, 2].map(() => updateChangelog(file, [{ section: "Added", text: "one" }, { section: "Added", text: "two" }])));
    expect(both).toEqual([{ created: false, added: 1, already: new Map([["Added", 1]]) }, { created: false, added: 0, already: new Map([["Added", 2]]) }]);
    const text = await fsp.readFile(file, "utf8");
    expect(parser(text).releases[0]?.changes.get("added")?.map((c) => c.title)).toEqual(["one", "two"]);
  });

  it("loses no entry when many updates to one file run at once", async () => {
    const file = path.join(dir, "CHANGELOG.md");
    const texts = Array.from({ length: 25 }, (_, i) => `module ${i}`);
    await Promise.all(texts.map((text) => updateChangelog(file, [{ section: "Changed", text }])));
    const changed = parser(await fsp.readFile(file, "utf8")).releases[0]?.changes.get("changed") ?? [];
    expect(changed.map((c) => c.title).sort()).toEqual([...texts].sort());
  });

  it("does not write a file when there is nothing to add", async () => {
    const file = path.join(dir, "CHANGELOG.md");
    expect(await updateChangelog(file, [])).toEqual({ created: false, added: 0 });
    await expect(fsp.access(file)).rejects.toThrow();
  });

  it("starts a README it creates with the project's name as its title", async () => {
    const file = path.join(dir, "README.md");
    const features = [{ module: "cli", layer: "ui", summary: "Commands." }];
    expect(await updateReadme(file, features, { title: "weather-station" })).toEqual({ created: true, changed: true });
    expect(await fsp.readFile(file, "utf8")).toBe(`# weather-station\n\n## Features\n\n${FEATURES_START}\n\n- **ui**\n  - **cli**: Commands.\n\n<!-- orchestrate:features:end -->\n`);
    // A README that exists keeps its own first lines.
    await fsp.writeFile(file, "Notes first.\n");
    await updateReadme(file, features, { title: "weather-station" });
    expect(await fsp.readFile(file, "utf8")).toMatch(/^Notes first\.\n\n## Features\n/);
  });

  it("updates a README's feature region and reports whether it changed", async () => {
    const file = path.join(dir, "README.md");
    await fsp.writeFile(file, "# tool\n");
    const features = [{ module: "cli", layer: "ui", summary: "Commands." }];
    expect(await updateReadme(file, features)).toEqual({ created: false, changed: true });
    expect(await updateReadme(file, features)).toEqual({ created: false, changed: false });
    expect(await fsp.readFile(file, "utf8")).toContain(`${FEATURES_START}\n\n- **ui**\n  - **cli**: Commands.\n`);
  });
});
