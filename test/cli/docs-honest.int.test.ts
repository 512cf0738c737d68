import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

/**
 * A project shaped like a real one (issue 12, findings 6 to 9): specs written with persona
 * sentences, a CHANGELOG with dated versions newest first and a stale [Unreleased] far down,
 * a README with its own Key Features, License and Disclaimer.
 */
const CHANGELOG = readFileSync(new URL("../fixtures/changelogs/newest-first-stale-unreleased.md", import.meta.url), "utf8");
const README = readFileSync(new URL("../fixtures/readmes/key-features-license-disclaimer.md", import.meta.url), "utf8");

const SPECS = {
  ".claude/system/SYSTEM_ORCHESTRATOR.md": "# SYSTEM_ORCHESTRATOR\n\nLayers: core, then app.\n",
  ".claude/layers/core/modules/TIDES_AGENT.md": moduleSpec({
    module: "harbour/tides.py",
    body: "## 🎯 Purpose\n\nI am the Tides Module Agent. I own the tide tables. Parses tide tables into hourly heights.\n\n### Relationship to moon\n\nThe moon module computes phases for the tide tables.\n",
  }),
  ".claude/layers/core/modules/MOON_AGENT.md": moduleSpec({ module: "harbour/moon.py", body: "## Purpose\n\nAs the Moon Module Agent, I keep the sky in order. Computes moon phases for each day.\n" }),
  ".claude/layers/app/modules/CLI_AGENT.md": moduleSpec({ module: "harbour/cli.py", body: "## Purpose\n\nYou are the CLI agent.\n\nPrints the week's tides for one harbour.\n\n## Depends On\n\n- tides\n" }),
};

const RECORDED = {
  "recorded/tides/harbour/tides.py": "def heights(): return []\n",
  "recorded/moon/harbour/moon.py": "def phase(day): return 0\n",
  "recorded/cli/harbour/cli.py": "print('tides')\n",
};

function project(files: Record<string, string> = {}): string {
  return makeProject({ ...SPECS, "CHANGELOG.md": CHANGELOG, "README.md": README, "orchestrate.config.yaml": "agent: simulate\nconcurrency: 2\n", ...files });
}

const runId = (stdout: string) => /Docs preview: \.orchestrate\/runs\/([^/]+)\/docs-preview\.md/.exec(stdout)?.[1];

describe("documentation that does not lie (issue 12)", () => {
  it("finding 6: the simulate preview with nothing recorded writes no CHANGELOG or README entry; its would-be docs go to the run's folder, and the CLI says where", () => {
    const root = project();
    const { code, stdout } = runCli(["run", "implement system", "--project", root]);
    expect(code).toBe(0);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(CHANGELOG);
    expect(readFileSync(join(root, "README.md"), "utf8")).toBe(README);
    expect(stdout).toMatch(/^Docs preview: \.orchestrate\/runs\/\S+\/docs-preview\.md \(entries not written to the changelog or README: of modules that changed no file, or for a changelog or README that is not markdown\)$/m);
    expect(stdout).not.toMatch(/^Docs: updated/m);
    const preview = readFileSync(join(root, ".orchestrate/runs", runId(stdout)!, "docs-preview.md"), "utf8");
    expect(preview).toContain("- **tides** (core): Parses tide tables into hourly heights.");
    expect(preview).toContain("- **cli** (app): Prints the week's tides for one harbour.");

    // A debug run with nothing recorded: no "Root cause: simulate: ... nothing recorded" under Fixed.
    const debug = runCli(["run", "fix the tides module, heights are wrong", "--project", root]);
    expect(debug.code).toBe(0);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toBe(CHANGELOG);
    expect(debug.stdout).toMatch(/^Docs preview: /m);
  }, 120_000);

  it("findings 8 and 9: entries at the newest end under a fresh [Unreleased], every other byte kept, a warning in the CLI and the run's events; README region after Key Features, one purpose per module", () => {
    const root = project(RECORDED);
    const { code, stdout, stderr } = runCli(["run", "implement system", "--project", root]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Docs: updated CHANGELOG\.md, README\.md$/m);
    const warning = "CHANGELOG.md: its `## [Unreleased]` on line 21 is stale (below released versions), so the entries went under a new `## [Unreleased]` above `## [2.3.0] - 2025-11-20` (line 5), where its newest entries are";
    expect(stderr).toBe(`orchestrate: warning: ${warning}\n`);
    const db = new Database(join(root, ".orchestrate/state.db"), { readonly: true });
    const warnings = db.prepare("SELECT data FROM events WHERE type = 'warning'").all() as { data: string }[];
    db.close();
    expect(warnings.map((w) => (JSON.parse(w.data) as { message: string }).message)).toEqual([warning]);

    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    const top = changelog.slice(0, changelog.indexOf("## [2.3.0]"));
    expect(top).toBe(
      [
        "# Changelog",
        "",
        "Notes for the harbour tide tables, newest first.",
        "",
        "## [Unreleased]",
        "",
        "### Added",
        "",
        "- **moon** (core): Computes moon phases for each day. Files: `harbour/moon.py`.",
        "- **tides** (core): Parses tide tables into hourly heights. Files: `harbour/tides.py`.",
        "- **cli** (app): Prints the week's tides for one harbour. Files: `harbour/cli.py`.",
        "",
        "",
      ].join("\n"),
    );
    expect(changelog.slice(top.length)).toBe(CHANGELOG.slice(CHANGELOG.indexOf("## [2.3.0]")));
    expect(changelog).not.toMatch(/I am the|You are the|As the Moon/);

    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme.match(/^## .*Features/gm)).toEqual(["## Key Features"]);
    const region = readme.slice(readme.indexOf("<!-- orchestrate:features:start -->"), readme.indexOf("## Install"));
    expect(readme.indexOf("<!-- orchestrate:features:start -->")).toBeGreaterThan(readme.indexOf("## Key Features"));
    // What each module is for, then what its agent said it changed (the offline agent's own words here).
    expect(region).toContain("  - **moon**: Computes moon phases for each day. Last change: simulate: implemented moon (1 files replayed).\n  - **tides**: Parses tide tables into hourly heights. Last change: simulate: implemented tides (1 files replayed).\n- **app**\n  - **cli**: Prints the week's tides for one harbour. Last change: simulate: implemented cli (1 files replayed).");
    expect(readme.replace(/\n<!-- orchestrate:features:start -->[\s\S]*<!-- orchestrate:features:end -->\n/, "")).toBe(README);
  }, 120_000);

  it("finding 7: two modules diffing one git tree at once are not credited each other's files; without git the files are unknown, never the spec's list", () => {
    // The command agent finds its changes by diffing the working tree. Each writes its own note and
    // waits until the other has written too, so both diffs hold both notes.
    const agent = "node -e \"const fs=require('fs');fs.mkdirSync('notes',{recursive:true});fs.writeFileSync('notes/'+process.argv[1]+'.txt','x');const t=Date.now();while(fs.readdirSync('notes').length<2&&Date.now()-t<20000){}\"";
    // One shared tree is the point here: isolated runs (issue 13) give each attempt its own.
    const config = `agent: command\nconcurrency: 2\nisolation: shared\ncommand:\n  run: ${JSON.stringify(`${agent} {module}`)}\n`;
    const root = project({ "orchestrate.config.yaml": config });
    execFileSync("git", ["init", "-q"], { cwd: root });
    execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "start", "--allow-empty"], { cwd: root });
    // One shared working tree is the point here: isolated (the default in a repository), each attempt has its own.
    const { code, stdout, stderr } = runCli(["run", "implement tides and moon", "--project", root, "--yes"]);
    expect(stderr).toBe(`orchestrate: warning: CHANGELOG.md: its \`## [Unreleased]\` on line 21 is stale (below released versions), so the entries went under a new \`## [Unreleased]\` above \`## [2.3.0] - 2025-11-20\` (line 5), where its newest entries are\n`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Docs: updated CHANGELOG\.md$/m);
    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    for (const m of ["tides", "moon"]) {
      expect(changelog).toMatch(new RegExp(`^- \\*\\*${m}\\*\\* \\(core\\): .* Files: unknown \\(1 other attempt changed the same working tree meanwhile\\)\\.$`, "m"));
    }
    expect(changelog).not.toMatch(/notes\/(tides|moon)\.txt|harbour\/(tides|moon)\.py/);
    const report = runCli(["report", "--project", root]).stdout;
    expect(report).not.toMatch(/notes\/moon\.txt[\s\S]*notes\/tides\.txt|Files changed \(2\)/);

    // One module alone: its tree diff is its own.
    const alone = runCli(["run", "implement cli", "--project", root, "--yes"]);
    expect(alone.code).toBe(0);
    expect(readFileSync(join(root, "CHANGELOG.md"), "utf8")).toContain("- **cli** (app): Prints the week's tides for one harbour. Files: `notes/cli.txt`.");

    // Without git the agent cannot tell: unknown, not the spec's `harbour/cli.py`.
    const writeOnly = "node -e \"require('fs').mkdirSync('notes',{recursive:true});require('fs').writeFileSync('notes/'+process.argv[1]+'.txt','x')\" {module}";
    const plain = project({ "orchestrate.config.yaml": `agent: command\ncommand:\n  run: ${JSON.stringify(writeOnly)}\n` });
    const nogit = runCli(["run", "implement cli", "--project", plain, "--yes"]);
    expect(nogit.code).toBe(0);
    const text = readFileSync(join(plain, "CHANGELOG.md"), "utf8");
    expect(text).toContain("- **cli** (app): Prints the week's tides for one harbour. Files: unknown (the agent cannot tell without git).");
    expect(existsSync(join(plain, "notes/cli.txt"))).toBe(true);
  }, 120_000);
});
