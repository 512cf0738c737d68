import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// What an agent and a gate print: the value of ANTHROPIC_API_KEY as the test's environment
// sets it (no token shape: found only because of the variable's name), a GitHub token and an
// AWS access key id (found by their shapes).
const API_KEY = "gateway-key-7f3a9c1e5b2d";
const GITHUB = `ghp_${"Zq8Wm4Rt".repeat(5).slice(0, 36)}`;
const AWS = "AKIAQ2W3E4R5T6Y7U2W3";
const SECRETS = { API_KEY, GITHUB, AWS };
const MARKERS = ["[REDACTED:ANTHROPIC_API_KEY]", "[REDACTED:github-token]", "[REDACTED:aws-access-key]"];

const print = `const leak = "key " + process.env.ANTHROPIC_API_KEY + " token ${GITHUB} aws ${AWS}";`;
// Attempt 1 fails with the secrets on stderr (so the retry prompt carries them); attempt 2
// writes the module and prints them as its summary.
const AGENT = `import { mkdirSync, writeFileSync } from "node:fs";
${print}
if (process.env.ORCHESTRATE_ATTEMPT === "1") {
  console.log("trying");
  console.error("failed calling the API with " + leak);
  process.exit(1);
}
console.log("refactored add, using " + leak);
mkdirSync("src", { recursive: true });
writeFileSync("src/add.js", "export const add = (a, b) => a + b;\\n");
`;
const GATE = `${print}\nconsole.log("gate ok; " + leak);\n`;

function project(): string {
  return makeProject({
    "package.json": '{ "type": "module" }\n',
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nOne layer: core.\n",
    ".claude/layers/core/modules/ADD_AGENT.md": moduleSpec({ module: "src/add.js", related: ["src/add.js"], body: "## Purpose\n\nAdds two numbers.\n" }),
    "agent.mjs": AGENT,
    "gate.mjs": GATE,
    "orchestrate.config.yaml": [
      "agent: command",
      'command: { run: "node agent.mjs", prompt: stdin }',
      "retries: 2",
      "gates:",
      "  module:",
      '    - { name: tests, kind: command, run: "node gate.mjs" }',
      "",
    ].join("\n"),
  });
}

/** Every file under `dir`, recursively, with its mode; folders too. */
function walk(dir: string): { path: string; dir: boolean; mode: number }[] {
  const found: { path: string; dir: boolean; mode: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    found.push({ path, dir: stat.isDirectory(), mode: stat.mode & 0o777 });
    if (stat.isDirectory()) found.push(...walk(path));
  }
  return found;
}

/** Every text the store holds, table by table. */
function storeText(root: string): Record<string, string> {
  const db = new Database(join(root, ".orchestrate", "state.db"), { readonly: true });
  try {
    const dump = (sql: string) => JSON.stringify(db.prepare(sql).all());
    return {
      runs: dump("SELECT * FROM runs"),
      modules: dump("SELECT * FROM modules"),
      attempts: dump("SELECT * FROM attempts"),
      events: dump("SELECT * FROM events"),
      memories: dump("SELECT * FROM memories"),
      attempt_texts: dump("SELECT * FROM attempt_texts"),
    };
  } finally {
    db.close();
  }
}

function expectNoSecret(where: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) expect(text.includes(secret), `${name} found in ${where}`).toBe(false);
}

describe("secrets an agent or a gate prints are redacted everywhere (issue 9, finding 8)", () => {
  it("a real `orchestrate run` with the command agent: files, store, retry prompt, CHANGELOG, status and report hold markers, not secrets", () => {
    const root = project();
    const env = { ANTHROPIC_API_KEY: API_KEY };
    const run = runCli(["run", "refactor system", "--project", root], { env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expectNoSecret("run output", run.stdout + run.stderr);

    const files = walk(join(root, ".orchestrate")).filter((f) => !f.dir && !f.path.endsWith("state.db") && !/state\.db-(wal|shm)$/.test(f.path));
    const byName = (end: string) => files.find((f) => f.path.endsWith(end))!.path;
    for (const f of files) expectNoSecret(f.path, readFileSync(f.path, "utf8"));
    // The agent's own logs and the retry prompt (the command agent's file), each with markers where the secrets were.
    const retryPrompt = readFileSync(byName("attempt-2.prompt.md"), "utf8");
    expect(retryPrompt).toContain(MARKERS[0]);
    for (const file of ["attempt-1/stderr.log", "attempt-2/stdout.log"]) {
      const text = readFileSync(byName(file), "utf8");
      for (const marker of MARKERS) expect(text, file).toContain(marker);
    }
    for (const marker of MARKERS) expect(retryPrompt).toContain(marker);

    const store = storeText(root);
    for (const [table, text] of Object.entries(store)) expectNoSecret(`table ${table}`, text);
    for (const table of ["attempts", "events", "memories", "attempt_texts"]) for (const marker of MARKERS) expect(store[table], table).toContain(marker);

    const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");
    expectNoSecret("CHANGELOG.md", changelog);
    expect(changelog).toContain("[REDACTED:ANTHROPIC_API_KEY]");

    for (const args of [["status"], ["status", "--json"], ["report"], ["report", "--format", "json"], ["memory", "list"]]) {
      const out = runCli([...args, "--project", root], { env });
      expect(out.code, out.stderr).toBe(0);
      expectNoSecret(args.join(" "), out.stdout + out.stderr);
    }
    const report = runCli(["report", "--format", "json", "--project", root], { env }).stdout;
    expect(report).toContain(MARKERS[0]);
  });

  it("everything under .orchestrate/ is the user's alone after a real run: files 0600, folders 0700", () => {
    const root = project();
    expect(runCli(["run", "refactor system", "--project", root], { env: { ANTHROPIC_API_KEY: API_KEY } }).code).toBe(0);
    const entries = [{ path: join(root, ".orchestrate"), dir: true, mode: lstatSync(join(root, ".orchestrate")).mode & 0o777 }, ...walk(join(root, ".orchestrate"))];
    const names = entries.map((e) => e.path.slice(root.length + 1));
    expect(names).toEqual(expect.arrayContaining([".orchestrate/state.db", ".orchestrate/runs"]));
    expect(names.some((n) => n.endsWith("attempt-1.prompt.md")) && names.some((n) => n.endsWith("stdout.log"))).toBe(true);
    const wrong = entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)).map((e) => `${e.path.slice(root.length + 1)} ${e.mode.toString(8)}`);
    expect(wrong).toEqual([]);
    // The umask was left alone: what the agent wrote in the project has the usual mode.
    expect(lstatSync(join(root, "src", "add.js")).mode & 0o077).not.toBe(0);
  });
});
