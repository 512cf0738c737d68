import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keepListing, listedBefore, listNow } from "../../src/spec/listing-snapshot.js";
import { filesOf, listTree } from "../../src/spec/listing.js";
import { RACY_MS } from "../../src/spec/stat-index.js";
import { parserStamp, shapeKey } from "../../src/spec/cache-files.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const L = ".claude/layers";
const FILE = ".orchestrate/cache/listing.v8";

function project(): string {
  return makeProject({
    ".orchestrate/cache/.keep": "",
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    [`${L}/core/CORE_ORCHESTRATOR.md`]: "# Core\n",
    [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({ module: "pkg/money.py" }),
    [`${L}/core/modules/auth/LOGIN_AGENT.md`]: moduleSpec({ module: "pkg/login.py" }),
    [`${L}/app/CLI_AGENT.md`]: moduleSpec({ module: "pkg/cli.py" }),
  });
}

/** Runs `fn` as if long after every write so far: nothing is racy to a scan made then. */
function later<T>(fn: () => T): T {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 10 * RACY_MS);
  try {
    return fn();
  } finally {
    vi.useRealTimers();
  }
}

const keep = (root: string, stamp = "S") => later(() => listNow(root, join(root, FILE), stamp).keep());
const before = (root: string, stamp = "S") => later(() => listedBefore(root, join(root, FILE), stamp));
const listingOf = (root: string) => {
  const listing = listTree(root);
  return { files: Buffer.from(filesOf(listing).join("\0")), shape: shapeKey(listing.shape) };
};

afterEach(() => vi.useRealTimers());

describe("the listing snapshot", () => {
  it("gives the listing kept while no folder it read has changed, and lists as listTree does", () => {
    const root = project();
    const now = listNow(root, join(root, FILE), "S");
    expect({ files: now.files, shape: now.shape }).toEqual(listingOf(root));
    keep(root);
    expect(before(root)).toEqual(listingOf(root));
    expect(before(root, "other stamp")).toBeUndefined();
  });

  it("is not kept when a folder changed within the racy margin of the scan", () => {
    const root = project();
    listNow(root, join(root, FILE), "S").keep();
    expect(existsSync(join(root, FILE))).toBe(false);
  });

  const changes: [string, (root: string) => void][] = [
    ["a module added", (root) => writeFileSync(join(root, `${L}/core/modules/REPORT_AGENT.md`), moduleSpec({}))],
    ["a module removed", (root) => rmSync(join(root, `${L}/core/modules/MONEY_AGENT.md`))],
    ["a module renamed", (root) => renameSync(join(root, `${L}/core/modules/MONEY_AGENT.md`), join(root, `${L}/core/modules/CASH_AGENT.md`))],
    ["a module beside a layer's orchestrator", (root) => writeFileSync(join(root, `${L}/app/REPORT_AGENT.md`), moduleSpec({}))],
    ["a modules folder where there was none", (root) => mkdirSync(join(root, `${L}/app/modules`))],
    ["a module added in a folder under modules/", (root) => writeFileSync(join(root, `${L}/core/modules/auth/TOKEN_AGENT.md`), moduleSpec({}))],
    ["a layer added", (root) => mkdirSync(join(root, `${L}/web`))],
    ["the system folder removed", (root) => rmSync(join(root, ".claude/system"), { recursive: true })],
    ["a cross-cutting spec added", (root) => writeFileSync(join(root, ".claude/system/SECURITY_ORCHESTRATOR.md"), "# Security\n")],
    ["a layer's folder swapped for another", (root) => {
      renameSync(join(root, `${L}/core`), join(root, "core-old"));
      renameSync(join(root, "core-old"), join(root, `${L}/core`));
    }],
    ["a folder made unreadable", (root) => chmodSync(join(root, `${L}/core/modules`), 0o000)],
  ];
  for (const [what, change] of changes) {
    it(`is not believed after ${what}`, () => {
      const root = project();
      keep(root);
      expect(before(root)).toBeDefined();
      change(root);
      expect(before(root)).toBeUndefined();
      if (existsSync(join(root, `${L}/core/modules`))) chmodSync(join(root, `${L}/core/modules`), 0o755);
    });
  }

  it("notes a folder that did not exist, and sees it made", () => {
    const root = makeProject({ ".orchestrate/cache/.keep": "", [`${L}/core/modules/MONEY_AGENT.md`]: moduleSpec({}) });
    keep(root);
    expect(before(root)).toEqual(listingOf(root));
    mkdirSync(join(root, ".claude/system"));
    writeFileSync(join(root, ".claude/system/SYSTEM_ORCHESTRATOR.md"), "# System\n");
    expect(before(root)).toBeUndefined();
  });

  it("notes .claude/ in a tree without module specs, and sees a folder of module specs made in it", () => {
    const root = makeProject({ ".orchestrate/cache/.keep": "", ".claude/layers/core/.keep": "" });
    keep(root);
    expect(before(root)).toBeDefined();
    mkdirSync(join(root, ".claude/agents"));
    writeFileSync(join(root, ".claude/agents/MONEY_AGENT.md"), moduleSpec({}));
    expect(before(root)).toBeUndefined();
  });

  it("sees a subagent named for a module become a module spec when it is written to own files (no folder changes)", () => {
    const agent = ".claude/agents/ledger-agent.md";
    const root = makeProject({ ".orchestrate/cache/.keep": "", ".claude/layers/core/.keep": "", [agent]: "---\nname: ledger-agent\n---\nYou keep the books.\n" });
    keep(root);
    expect(before(root)).toEqual(listingOf(root));
    expect(listTree(root).layers.flatMap((l) => l.modules)).toEqual([]);
    writeFileSync(join(root, agent), "---\nname: ledger-agent\nfiles: [src/ledger/]\n---\nYou keep the books.\n");
    expect(before(root)).toBeUndefined();
    expect(listTree(root).layers.flatMap((l) => l.modules)).toEqual([{ file: agent, id: "ledger" }]);
  });

  it("is kept by keepListing only where the spec cache is written (its index exists)", () => {
    const root = project();
    later(() => keepListing(root));
    expect(existsSync(join(root, FILE))).toBe(false);
    writeFileSync(join(root, ".orchestrate/cache/index.v8"), "");
    later(() => keepListing(root));
    expect(existsSync(join(root, FILE))).toBe(true);
    expect(later(() => listedBefore(root, join(root, FILE), parserStamp()))).toEqual(listingOf(root));
  });
});
