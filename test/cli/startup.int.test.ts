import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/ledger", import.meta.url));
const HOOK = fileURLToPath(new URL("../helpers/resolve-log.mjs", import.meta.url));

/** The modules `orchestrate <args>` loads, from a resolve hook. */
function loaded(args: string[]): string[] {
  const r = spawnSync(process.execPath, ["--no-warnings", "--loader", HOOK, BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr.split("\n").filter((l) => l.startsWith("loaded ")).map((l) => l.slice("loaded ".length));
}

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
});
