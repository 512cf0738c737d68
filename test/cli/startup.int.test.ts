import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unbundled } from "../helpers/bundle.js";
import { BIN } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/ledger", import.meta.url));
const HOOK = fileURLToPath(new URL("../helpers/resolve-log.mjs", import.meta.url));
const STDIN_LOG = fileURLToPath(new URL("../helpers/stdin-log.cjs", import.meta.url));

/** The modules `orchestrate <args>` loads, from a resolve hook: those of dist/ a file of the bundle holds, for each such file. */
function loaded(args: string[]): string[] {
  const r = load(args);
  expect(r.status, r.stderr).toBe(0);
  return r.urls;
}

function load(args: string[]): { status: number | null; urls: string[]; stderr: string } {
  const r = loadFiles(args);
  return { ...r, urls: unbundled(r.urls) };
}

/** The URLs `orchestrate <args>` loads, as loaded: a file of a bundle stands for itself. */
function loadFiles(args: string[]): { status: number | null; urls: string[]; stderr: string } {
  const r = spawnSync(process.execPath, ["--no-warnings", "--loader", HOOK, BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "true" } });
  const lines = r.stderr.split("\n");
  return { status: r.status, urls: lines.filter((l) => l.startsWith("loaded ")).map((l) => l.slice("loaded ".length)), stderr: lines.filter((l) => !l.startsWith("loaded ")).join("\n") };
}

/** What a run loads only to parse and validate its config, or to build an agent it does not use. */
const CONFIG_OR_OTHER_AGENTS = /node_modules\/zod\/|\/dist\/config\/(?:load|schema)\.js|\/dist\/agents\/(?:anthropic|openai|claude-code|command|tools|registry)\.js/;

describe("CLI start-up", () => {
  it("--version and --help load no SQLite, config schema, YAML, redaction, MCP SDK or agent SDK", () => {
    for (const args of [["--version"], ["--help"], ["run", "--help"], ["memory", "--help"]]) {
      const heavy = loaded(args).filter((url) => /node_modules\/(?:better-sqlite3|zod|js-yaml|@modelcontextprotocol|@anthropic-ai|openai|minisearch|hono)\/|\/dist\/(?:store|redact|config\/schema)\//.test(url));
      expect(heavy, args.join(" ")).toEqual([]);
    }
  });

  it("`plan` without a planner loads no SQLite, MCP SDK or agent SDK: only a planner needs them", () => {
    const heavy = loaded(["plan", "implement system", "--project", EXAMPLE]).filter((url) => /node_modules\/(?:better-sqlite3|@modelcontextprotocol|@anthropic-ai|openai|ajv)\/|\/dist\/store\//.test(url));
    expect(heavy).toEqual([]);
  });

  it("a first `plan` of a tree with no config file and no front matter a run validates loads no zod; one with either does, to validate it", () => {
    const files = {
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "pkg/a.py" }),
      ".claude/layers/core/modules/B_AGENT.md": moduleSpec({ module: "pkg/b.py", body: "## Depends On\n- a\n" }),
    };
    const zod = (root: string) => loaded(["plan", "implement system", "--project", root]).filter((url) => /node_modules\/zod\//.test(url));
    expect(zod(makeProject(files))).toEqual([]);
    expect(zod(makeProject({ ...files, "orchestrate.config.yaml": "concurrency: 2\n" })).length).toBeGreaterThan(0);
    const checked = { ...files, ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "pkg/a.py", frontMatter: "validation:\n  - name: unit\n    kind: command\n    run: echo ok" }) };
    expect(zod(makeProject(checked)).length).toBeGreaterThan(0);
  });

  it("a second `plan` of an unchanged tree loads no other command, no spec parser, planner, zod or js-yaml: it prints the plan it kept", () => {
    const root = makeProject({});
    cpSync(EXAMPLE, root, { recursive: true });
    mkdirSync(join(root, ".orchestrate"), { recursive: true });
    const first = loaded(["plan", "implement system", "--project", root]);
    expect(first.some((url) => url.endsWith("/dist/spec/load.js"))).toBe(true);
    const heavy = loaded(["plan", "implement system", "--project", root]).filter((url) =>
      /node_modules\/(?:zod|js-yaml)\/|\/dist\/cli\/commands\/(?!plan\.js)|\/dist\/spec\/(?:load|module|resolve|markdown|frontmatter|derived)\.js|\/dist\/(?:plan|planner|store)\//.test(url),
    );
    expect(heavy).toEqual([]);
  });

  it("a `run` loads the run's own bundle, its modules in a few dozen files rather than ~100, and none of the CLI's bundle; `run --help` loads the CLI's", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "pkg/a.py" }),
      ".claude/layers/core/modules/B_AGENT.md": moduleSpec({ module: "pkg/b.py", body: "## Depends On\n- a\n" }),
      "recorded/.keep": "",
      "orchestrate.config.yaml": "agent: simulate\ngates:\n  module:\n    - name: architecture\n      kind: architecture\n",
    });
    mkdirSync(join(root, ".orchestrate"));
    const bundle = new URL("../../dist/bundle/", import.meta.url).href;
    const files = (args: string[]) => [...new Set(loadFiles(args).urls)].filter((url) => url.startsWith(bundle)).map((url) => url.slice(bundle.length));
    const run = loadFiles(["run", "implement system", "--yes", "--project", root]);
    expect(run.status, run.stderr).toBe(0);
    const runFiles = files(["run", "implement system", "--yes", "--project", root]);
    expect(runFiles.filter((f) => !f.startsWith("run/"))).toEqual([]);
    expect(runFiles.length).toBeLessThan(40);
    // Nothing to resume (exit 2), said from the same bundle.
    expect(files(["resume", "--project", root]).filter((f) => !f.startsWith("run/"))).toEqual([]);
    expect(files(["run", "--help"]).filter((f) => f.startsWith("run/"))).toEqual([]);
    // What only asking needs is not made for a run that does not ask: Node's readline, the process's stdin.
    expect(run.urls).not.toContain("node:readline");
    // Nor node:http, which only the command agent's network proxy needs (src/sandbox/allow-proxy.ts).
    expect(run.urls).not.toContain("node:http");
    const stdin = spawnSync(process.execPath, ["--require", STDIN_LOG, BIN, "run", "implement system", "--yes", "--project", root], { encoding: "utf8", input: "" });
    expect(stdin.status, stdin.stderr).toBe(0);
    expect(stdin.stderr).not.toContain("stdin made");
  }, 60_000);

  it("a `run` whose plan was kept (by an earlier run or `plan`) loads no request analysis; one that plans anew does", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "pkg/a.py" }),
      ".claude/layers/core/modules/B_AGENT.md": moduleSpec({ module: "pkg/b.py", body: "## Depends On\n- a\n" }),
      "recorded/.keep": "",
      "orchestrate.config.yaml": "agent: simulate\n",
    });
    mkdirSync(join(root, ".orchestrate"));
    const run = ["run", "implement system", "--yes", "--project", root];
    // analyze/types.js is the task types' names, which the command's options list; logs/compiler.js (and its
    // lines.js) reads a failed gate check's compiler errors (validate/compile-error.ts), loaded when a check fails.
    const analysis = (urls: string[]) => urls.filter((url) => /\/dist\/(?:analyze\/(?!types\.js)|logs\/(?!compiler\.js|lines\.js)|plan\/request\.js)/.test(url));
    expect(analysis(loaded(run)).length).toBeGreaterThan(0);
    expect(analysis(loaded(run))).toEqual([]);
    // Another request is planned anew, from the chunk left lazy.
    const other = loaded(["run", "implement a", "--yes", "--project", root]);
    expect(analysis(other).length).toBeGreaterThan(0);
  }, 60_000);

  it("a `run` whose config was validated before loads no zod, config parser or other agent; a changed config is validated again, failing the same way", () => {
    const root = makeProject({
      ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
      ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "pkg/a.py" }),
      ".claude/layers/core/modules/B_AGENT.md": moduleSpec({ module: "pkg/b.py" }),
      "recorded/.keep": "",
      "orchestrate.config.yaml": "agent: simulate\nconcurrency: 2\n",
    });
    mkdirSync(join(root, ".orchestrate"));
    const run = ["run", "implement system", "--yes", "--project", root];
    expect(loaded(run).filter((url) => /node_modules\/zod\//.test(url)).length).toBeGreaterThan(0);
    expect(loaded(run).filter((url) => CONFIG_OR_OTHER_AGENTS.test(url))).toEqual([]);
    writeFileSync(join(root, "orchestrate.config.yaml"), "agent: simulate\nconcurrency: 0\n");
    const bad = load(run);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("orchestrate: orchestrate.config.yaml:2: Expected `concurrency` to be an integer from 1 to 1000, got `0` (number)\n");
    writeFileSync(join(root, "orchestrate.config.yaml"), "agent: simulate\nconcurrency: 3\n");
    expect(loaded(run).filter((url) => /\/dist\/config\/schema\.js/.test(url)).length).toBe(1);
  }, 60_000);
});
