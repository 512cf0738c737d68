import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";
import { freePort } from "../helpers/redis.js";

/**
 * Odd input, round 17: each case is one line `orchestrate: [file[:line]: ]message`, exit 2, no
 * stack, nothing written (no .orchestrate/), or, for a spec that is not UTF-8, a warning at its line.
 */
const M = ".claude/layers/core/modules";

function project(files: Record<string, string> = {}): string {
  return makeProject({ [`${M}/A_AGENT.md`]: moduleSpec({ module: "a.py" }), [`${M}/B_AGENT.md`]: moduleSpec({ module: "b.py" }), ...files });
}

function refused(root: string, args: string[]): string {
  const result = runCli([...args, "--project", root], { timeoutMs: 30_000 });
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
  expect(existsSync(join(root, ".orchestrate")), `.orchestrate/ left by ${args.join(" ")}`).toBe(false);
  return result.stderr.trimEnd();
}

describe("a spec file that is not UTF-8", () => {
  it("is read with U+FFFD, and `check`, `plan --json` say so at the file and line of the first such byte", () => {
    // `bé.py` saved as Latin-1, and a euro sign cut after two of its three bytes.
    const latin1 = Buffer.concat([Buffer.from("# C\n\n**Module**: `b"), Buffer.from([0xe9]), Buffer.from(".py`\n\n## Rules\n- never "), Buffer.from([0xe2, 0x82]), Buffer.from(" twice\n")]);
    const root = project();
    writeFileSync(join(root, M, "C_AGENT.md"), latin1);
    const check = runCli(["check", "--project", root]);
    expect(check.stderr).toBe("");
    expect(check.stdout).toContain(
      `${M}/C_AGENT.md:3  SPEC_NOT_UTF8  Spec file is not UTF-8 at this line: a byte of "**Module**: \`b\uFFFD.py\`" is read as \`\uFFFD\` (U+FFFD) (and 1 more in the file), and a name, path or rule holding it is taken so: expected UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)`,
    );
    const plan = runCli(["plan", "implement system", "--json", "--project", root]);
    expect(plan.code).toBe(0);
    const warnings = (JSON.parse(plan.stdout) as { warnings: { code: string; file: string; line: number }[] }).warnings.filter((w) => w.code === "SPEC_NOT_UTF8");
    expect(warnings).toEqual([expect.objectContaining({ file: `${M}/C_AGENT.md`, line: 3 })]);
    // A UTF-8 spec with accents and emoji is no such file.
    const fine = project({ [`${M}/C_AGENT.md`]: moduleSpec({ module: "café.py", body: "## Rules\n- 🚀 never “twice”\n" }) });
    expect(runCli(["check", "--project", fine]).stdout).not.toContain("SPEC_NOT_UTF8");
  }, 60_000);
});

describe("a spec folder that is a symbolic link", () => {
  it("out of the project is refused, naming the folder and where it leads; a link inside the project is read", () => {
    const elsewhere = makeProject({ "modules/SECRET_AGENT.md": moduleSpec({ module: "s.py" }) });
    const linked = makeProject({ ".claude/layers/core/CORE_ORCHESTRATOR.md": "# Core\n" });
    symlinkSync(join(elsewhere, "modules"), join(linked, M));
    expect(refused(linked, ["plan", "implement system"])).toMatch(
      new RegExp(`^orchestrate: ${M}: Spec folder is a symbolic link to \`[^\`]*/modules\`, outside the project: expected spec files inside the project \\(copy the folder in, or link to one inside\\)$`),
    );
    // A whole layer, and a flat tree's `.claude/agents`, likewise.
    const layer = makeProject({ ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n" });
    mkdirSync(join(layer, ".claude/layers"));
    symlinkSync(elsewhere, join(layer, ".claude/layers/core"));
    expect(refused(layer, ["run", "implement system", "--yes"])).toMatch(/^orchestrate: \.claude\/layers\/core: Spec folder is a symbolic link to /);
    const flat = makeProject({ "CLAUDE.md": "# App\n" });
    mkdirSync(join(flat, ".claude"));
    symlinkSync(join(elsewhere, "modules"), join(flat, ".claude/agents"));
    expect(refused(flat, ["check"])).toMatch(/^orchestrate: \.claude\/agents: Spec folder is a symbolic link to /);
    const inside = makeProject({ "specs/core/C_AGENT.md": moduleSpec({ module: "c.py" }) });
    mkdirSync(join(inside, ".claude/layers"), { recursive: true });
    symlinkSync("../../specs/core", join(inside, ".claude/layers/core"));
    const plan = runCli(["plan", "implement system", "--json", "--project", inside]);
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { modules: { id: string }[] }).modules.map((m) => m.id)).toEqual(["c"]);
  }, 60_000);
});

describe("a queued run refused before anything is written", () => {
  it("`--queue` that is not a Redis URL, a queue without a remote, Redis not answering: no .orchestrate/", async () => {
    expect(refused(project(), ["run", "implement system", "--yes", "--queue", "http://x"])).toBe("orchestrate: Expected a Redis URL (redis://HOST:PORT or rediss://...), got `http://x` (scheme http:)");
    expect(refused(project(), ["resume", "--queue", "ftp://x"])).toBe("orchestrate: Expected a Redis URL (redis://HOST:PORT or rediss://...), got `ftp://x` (scheme ftp:)");
    expect(refused(project(), ["run", "implement system", "--yes", "--queue", "redis://127.0.0.1:1"])).toBe(
      "orchestrate: Expected `queue.remote` (or `--queue-remote`): a git URL the run and every worker can reach, got nothing",
    );
    const down = `redis://127.0.0.1:${await freePort()}`;
    expect(refused(project(), ["run", "implement system", "--yes", "--queue", down, "--queue-remote", "/nowhere.git"])).toMatch(/^orchestrate: Expected Redis at redis:\/\/127\.0\.0\.1:\d+\/? to answer, got: connect ECONNREFUSED .*; no run was started/);
  }, 60_000);
});

describe("numbers of the run's flags", () => {
  it("the config's ranges, from the CLI too: 1e9, 0x10, 1.5, -1 and a huge timeout are one line naming the range", () => {
    const root = project();
    const said = (flag: string, value: string) => refused(root, ["run", "implement system", "--yes", flag, value]);
    expect(said("--concurrency", "1e9")).toBe("orchestrate: Expected `--concurrency` to be an integer from 1 to 1000, got `1e9`");
    expect(said("--concurrency", "0x10")).toBe("orchestrate: Expected `--concurrency` to be an integer from 1 to 1000, got `0x10`");
    expect(said("--concurrency", "1001")).toBe("orchestrate: Expected `--concurrency` to be an integer from 1 to 1000, got `1001`");
    expect(said("-c", "1.5")).toBe("orchestrate: Expected `--concurrency` to be an integer from 1 to 1000, got `1.5`");
    expect(said("--retries", "1e9")).toBe("orchestrate: Expected `--retries` to be an integer from 0 to 100, got `1e9`");
    expect(said("--timeout", "99999999999999999999")).toBe("orchestrate: Expected `--timeout` to be an integer from 1 to 2147483647, got `99999999999999999999`");
    expect(said("--timeout", "1e3")).toBe("orchestrate: Expected `--timeout` to be an integer from 1 to 2147483647, got `1e3`");
    expect(refused(root, ["resume", "--concurrency", "-1"])).toBe("orchestrate: Expected `--concurrency` to be an integer from 1 to 1000, got `-1`");
    const worker = runCli(["worker", "--queue", "redis://127.0.0.1:1", "--concurrency", "0x10"], { cwd: root });
    expect({ code: worker.code, stderr: worker.stderr }).toEqual({ code: 2, stderr: "orchestrate: Expected `--concurrency` to be an integer from 1 to 1000, got `0x10`\n" });
    expect(refused(project({ "orchestrate.config.yaml": "retries: 1000000000\n" }), ["check"])).toBe("orchestrate: orchestrate.config.yaml:1: Expected `retries` to be an integer from 0 to 100, got `1000000000` (number)");
    expect(refused(project({ "orchestrate.config.yaml": "concurrency: 1001\n" }), ["run", "implement system", "--yes"])).toBe(
      "orchestrate: orchestrate.config.yaml:1: Expected `concurrency` to be an integer from 1 to 1000, got `1001` (number)",
    );
    // Within the range, written in digits: taken.
    expect(runCli(["plan", "implement system", "--project", root]).code).toBe(0);
    expect(runCli(["run", "implement system", "--yes", "--concurrency", "1000", "--retries", "100", "--project", root]).code).toBe(0);
    // `status --attempt` of that run: attempt 1 in digits, not as JavaScript reads `0x1` or `1e0`.
    expect(runCli(["status", "--prompt", "a", "--attempt", "1", "--project", root]).code).toBe(0);
    for (const odd of ["0x1", "1e0", "1.0"]) {
      const status = runCli(["status", "--prompt", "a", "--attempt", odd, "--project", root]);
      expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 2, stderr: `orchestrate: Expected --attempt to be one of 1..1 for module \`a\`, got ${odd}\n` });
    }
    // `--json` with `--prompt` or `--output` printed the text alone: a script parsing it failed on its first character.
    for (const [flag, what] of [["--prompt", "prompt as it was sent"], ["--output", "outcome as markdown"]] as const) {
      const both = runCli(["status", "--json", flag, "a", "--project", root]);
      expect({ code: both.code, stdout: both.stdout, stderr: both.stderr }).toEqual({
        code: 2,
        stdout: "",
        stderr: `orchestrate: Expected one of --json and ${flag}, got both: ${flag} prints the attempt's ${what}, not JSON; \`--json\` alone prints the run's status, each attempt's prompt file among it\n`,
      });
    }
  }, 120_000);
});

describe("a state.db that is no database", () => {
  it("a file written over, or a folder in its place: one line naming it from every command that opens the store, not a stack trace", () => {
    const root = project({ ".orchestrate/state.db": "not a database, just text\n".repeat(100) });
    const db = join(root, ".orchestrate/state.db");
    for (const args of [["status"], ["runs"], ["memory", "list"], ["run", "implement system", "--yes"], ["resume"]]) {
      const result = runCli([...args, "--project", root]);
      expect({ code: result.code, stderr: result.stderr }, args.join(" ")).toEqual({
        code: 2,
        stderr: `orchestrate: ${db}: Cannot read the state database: file is not a database (SQLITE_NOTADB): expected orchestrate's SQLite file; move it aside and the next command makes a new one (its runs and memories are not in it)\n`,
      });
    }
    const folder = project();
    mkdirSync(join(folder, ".orchestrate/state.db"), { recursive: true });
    for (const args of [["status"], ["run", "implement system", "--yes"]]) {
      const result = runCli([...args, "--project", folder]);
      expect({ code: result.code, stderr: result.stderr }, args.join(" ")).toEqual({ code: 2, stderr: `orchestrate: ${join(folder, ".orchestrate/state.db")}: Cannot open the state database: it is a folder: expected a file\n` });
    }
  }, 120_000);
});

describe("a request with control characters", () => {
  it("is shown with them written out, never sent to the terminal; one of control characters alone is refused", () => {
    const root = project();
    const plan = runCli(["plan", "\u001b[2J\u001b]0;owned\u0007 tidy", "--project", root]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No module matches "\\x1b[2J\\x1b]0;owned\\x07 tidy"');
    expect(plan.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(refused(root, ["plan", "\u0001\u0002\u001b[31m\u0007"])).toBe('orchestrate: Expected a request (what to do, e.g. "fix the crash in the importer"), got only control characters');
    expect(refused(root, ["run", "\u001b[0m", "--yes"])).toBe('orchestrate: Expected a request (what to do, e.g. "fix the crash in the importer"), got only control characters');
  }, 60_000);
});

describe("a config or .mcp.json that is no file", () => {
  it("a named pipe or a device in their place is one line naming what it is (a pipe was read as an empty config); so are --project and a spec file", () => {
    const fifo = project();
    execFileSync("mkfifo", [join(fifo, "orchestrate.config.yaml")]);
    expect(refused(fifo, ["check"])).toBe("orchestrate: orchestrate.config.yaml: Cannot read the config: it is a named pipe (FIFO): expected a file");
    const device = project();
    symlinkSync("/dev/zero", join(device, "orchestrate.config.yaml"));
    expect(refused(device, ["plan", "implement system"])).toBe("orchestrate: orchestrate.config.yaml: Cannot read the config: it is a device: expected a file");
    const mcp = project();
    execFileSync("mkfifo", [join(mcp, ".mcp.json")]);
    expect(refused(mcp, ["run", "implement system", "--yes"])).toBe("orchestrate: .mcp.json: Cannot read .mcp.json: it is a named pipe (FIFO): expected a file");
    const result = runCli(["plan", "implement system", "--project", "/dev/null"]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: "orchestrate: Expected the project (--project) to be a folder, got /dev/null, which is a device\n" });
    // A spec file that is a pipe was read as empty: a module of nothing, `EMPTY_SPEC` "the spec file is empty".
    const spec = project();
    execFileSync("mkfifo", [join(spec, ".claude/layers/core/modules/PIPE_AGENT.md")]);
    for (const args of [["check"], ["plan", "implement system"]]) expect(refused(spec, args)).toBe("orchestrate: .claude/layers/core/modules/PIPE_AGENT.md: Cannot read spec file: it is a named pipe (FIFO): expected a file");
  }, 60_000);
});

describe("a request as long as an argument holds", () => {
  it("120,000 letters of one word are planned at once (a quadratic pattern and fuzzy search over the word took minutes)", () => {
    const root = project();
    const started = performance.now();
    const result = runCli(["plan", "a".repeat(120_000), "--json", "--project", root], { timeoutMs: 60_000 });
    // A hang check for a whole CLI start on a shared machine, not a benchmark (hostile-files.int.test.ts's bound).
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(0);
  }, 90_000);
});
