import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { openStore } from "../../src/store/open.js";
import type { SqliteStore } from "../../src/store/sqlite.js";
import { EMPTY_PLAN } from "../store/helpers.js";

const tree = () =>
  makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/MONEY_AGENT.md": moduleSpec({ module: "pkg/money.py" }),
  });

describe("runs", () => {
  it("lists the runs without reading their plans: a run whose plan is no JSON lists as any other, the JSON fields as they were", () => {
    const root = tree();
    const store = openStore(root);
    store.createRun({ id: "r1", request: "fix the ledger\nand more", plan: EMPTY_PLAN, options: '{"agent":"simulate"}', at: Date.UTC(2026, 0, 2, 3, 4, 5), modules: [] });
    store.setRunState("r1", "done", Date.UTC(2026, 0, 2, 3, 4, 7));
    store.flush();
    (store as SqliteStore).db.exec("UPDATE runs SET plan = '{cut short'");
    store.close();
    const text = runCli(["runs", "--project", root]);
    expect(text.stdout).toMatch(/^r1 +done +2026-01-02 03:04:05 UTC +2\.0s +fix the ledger$/m);
    expect(JSON.parse(runCli(["runs", "--project", root, "--json"]).stdout)).toStrictEqual([
      { id: "r1", request: "fix the ledger\nand more", state: "done", createdAt: Date.UTC(2026, 0, 2, 3, 4, 5), updatedAt: Date.UTC(2026, 0, 2, 3, 4, 7), endedAt: Date.UTC(2026, 0, 2, 3, 4, 7), durationMs: 2000 },
    ]);
  });
});

describe("a project without runs", () => {
  it("status, runs, report and memory answer without creating .orchestrate/", async () => {
    const root = tree();
    expect((await cliHere(["runs", "--project", root])).stdout).toMatch(/No runs in this project yet/);
    expect(JSON.parse((await cliHere(["runs", "--project", root, "--json"])).stdout)).toEqual([]);
    const status = await cliHere(["status", "--project", root]);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/No runs in this project yet/);
    expect((await cliHere(["report", "--project", root])).code).toBe(2);
    expect((await cliHere(["memory", "list", "--project", root])).stdout).toMatch(/No memories yet/);
    expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  });

  it("memory show and delete answer a missing key the same way", async () => {
    const root = tree();
    const show = await cliHere(["memory", "show", "nope", "--project", root]);
    const del = await cliHere(["memory", "delete", "nope", "--project", root]);
    expect(show.code).toBe(2);
    expect(del.code).toBe(2);
    expect(show.stderr).toBe(del.stderr);
    expect(show.stderr).toBe("orchestrate: No memory `nope` (see `orchestrate memory list`)\n");
  });

  it("memory takes --project before or after its subcommand", async () => {
    const root = tree();
    expect((await cliHere(["memory", "--project", root, "write", "k", "hello"])).code).toBe(0);
    const list = JSON.parse((await cliHere(["memory", "list", "--json", "-p", root])).stdout) as { key: string }[];
    expect(list.map((m) => m.key)).toEqual(["k"]);
  });

  it("memory search finds by words, best first, with --tag, --module, --limit and --json; a bad --limit exits 2 (issue 14)", async () => {
    const root = tree();
    const write = async (key: string, content: string, ...tags: string[]) => expect((await cliHere(["memory", "write", key, content, "-p", root, ...tags.flatMap((t) => ["--tag", t])])).code).toBe(0);
    await write("decision/amounts", "Ledger amounts are Decimal, rounded half-even.", "module:ledger", "layer:core");
    await write("note/journal", "Journal entries reference ledger accounts.", "module:journal", "layer:core");
    await write("note/weather", "Forecasts are cached.");
    const keys = async (...args: string[]) => (JSON.parse((await cliHere(["memory", "search", ...args, "--json", "-p", root])).stdout) as { key: string }[]).map((m) => m.key);
    expect(await keys("decimal rounding")).toEqual(["decision/amounts"]);
    expect((await keys("ledger")).sort()).toEqual(["decision/amounts", "note/journal"]);
    expect(await keys("ledger", "--module", "journal")).toEqual(["note/journal"]);
    expect(await keys("ledger", "--tag", "module:ledger")).toEqual(["decision/amounts"]);
    expect(await keys("ledger", "--limit", "1")).toHaveLength(1);
    expect(await keys("forecasts", "cached")).toEqual(["note/weather"]);

    const text = await cliHere(["memory", "search", "half-even", "-p", root]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("decision/amounts");
    expect(text.stdout).toContain("Ledger amounts are Decimal, rounded half-even.");
    expect((await cliHere(["memory", "search", "portfolio", "-p", root])).stdout).toBe("No memories match.\n");
    const bad = await cliHere(["memory", "search", "ledger", "--limit", "0", "-p", root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Expected `--limit` to be an integer from 1 to 500, got `0`/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("memory search without a word to search for exits 2 rather than listing every memory as a match; a long line is cut in lists", async () => {
    const root = tree();
    expect((await cliHere(["memory", "write", "note/long", `${"lorem ".repeat(2000)}\nsecond line`, "-p", root])).code).toBe(0);
    for (const query of ["*", "🎉", '"', " "]) {
      const out = await cliHere(["memory", "search", query, "-p", root]);
      expect(out.code).toBe(2);
      expect(out.stderr).toBe(`orchestrate: Expected words to search for (letters or digits), got \`${query}\`; \`orchestrate memory list\` lists them all\n`);
    }
    const listed = (await cliHere(["memory", "list", "-p", root])).stdout.split("\n");
    expect(listed[1]!.length).toBeLessThan(250);
    expect(listed[1]).toMatch(/^  lorem lorem .*…$/);
  });

  it("the state folder ignores itself, so it never shows in the user's git status", async () => {
    const root = tree();
    spawnSync("git", ["init", "-q", root]);
    expect((await cliHere(["memory", "write", "k", "v", "--project", root])).code).toBe(0);
    expect(readFileSync(join(root, ".orchestrate", ".gitignore"), "utf8")).toMatch(/^\*$/m);
    const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root, encoding: "utf8" }).stdout;
    expect(status).not.toMatch(/\.orchestrate/);
    expect(status).toMatch(/\.claude/);
  });
});
