import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

/**
 * Hostile and careless files through the CLI, a test per kind of input: each gives one line
 * `orchestrate: file[:line]: message`, exit 2, no stack, nothing written (no .orchestrate/),
 * and ends within the bound. Each case here ended otherwise before: a hang, a stack trace,
 * a line of 30 MB, or exit 0 with the file silently ignored or read from outside the project.
 */
const M = ".claude/layers/core/modules";
const A = `${M}/A_AGENT.md`;
const CONFIG = "orchestrate.config.yaml";
const BOUND_MS = 20_000; // a hang check for a whole CLI start on a shared machine, not a benchmark

/** Nine lines of YAML that parse at once into a value of 9^8 lists: a walk over it never ends. */
const BOMB = ["a: &a [1, 2]", ...["b", "c", "d", "e", "f", "g", "h"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`)].join("\n");

function project(files: Record<string, string> = {}): string {
  return makeProject({ [A]: moduleSpec({ module: "a.py" }), [`${M}/B_AGENT.md`]: moduleSpec({ module: "b.py" }), ...files });
}

function refused(root: string, args: string[]): string {
  const started = performance.now();
  const result = runCli([...args, "--project", root], { timeoutMs: 30_000 });
  expect(performance.now() - started, `${args.join(" ")}: ${result.stderr.slice(0, 200)}`).toBeLessThan(BOUND_MS);
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr.length).toBeLessThan(1_000);
  expect(result.code).toBe(2);
  expect(existsSync(join(root, ".orchestrate"))).toBe(false);
  return result.stderr.trimEnd();
}

describe("orchestrate.config.yaml", () => {
  it("an alias bomb, 50,000 unknown keys, a link to nowhere or to itself: one line each", () => {
    expect(refused(project({ [CONFIG]: `${BOMB}\n` }), ["check"])).toBe(
      `orchestrate: ${CONFIG}:2: Expected the config to hold at most 100,000 values, got more once its YAML aliases are expanded (\`*a\` is the first): write the values out instead`,
    );
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: 1`).join("\n");
    expect(refused(project({ [CONFIG]: keys }), ["check"])).toBe(`orchestrate: ${CONFIG}:1: Unknown keys \`k0\`, \`k1\`, \`k2\`, \`k3\`, \`k4\` and 49995 more`);
    const dangling = project();
    symlinkSync("orchestrate.config.yml", join(dangling, CONFIG));
    expect(refused(dangling, ["run", "implement system"])).toBe(`orchestrate: ${CONFIG}: Cannot read the config: a symbolic link to \`orchestrate.config.yml\`, which does not exist`);
    const loop = project();
    symlinkSync(CONFIG, join(loop, CONFIG));
    expect(refused(loop, ["check"])).toBe(`orchestrate: ${CONFIG}: Cannot read the config: a symbolic link loop (ELOOP): expected a file`);
    const folder = project();
    mkdirSync(join(folder, CONFIG));
    expect(refused(folder, ["plan", "implement system"])).toBe(`orchestrate: ${CONFIG}: Cannot read the config: it is a folder (EISDIR): expected a file`);
  }, 120_000);
});

describe(".mcp.json", () => {
  it("200,000 nested lists, a misspelt `mcpServers`, a relative command that is not there, a NUL in a command, a dangling link: one line each", () => {
    const deep = `{"mcpServers": {"a": {"command": "x", "args": ${"[".repeat(200_000)}${"]".repeat(200_000)}}}}`;
    expect(refused(project({ ".mcp.json": deep }), ["check"])).toBe("orchestrate: .mcp.json: Expected .mcp.json to nest lists and mappings at most 64 deep, got deeper");
    expect(refused(project({ ".mcp.json": '{\n  "mcpSevers": {}\n}\n' }), ["check"])).toBe("orchestrate: .mcp.json:2: Unknown key `mcpSevers`: did you mean `mcpServers`?");
    const relative = '{\n  "mcpServers": {\n    "docs": {\n      "command": "./tools/docs-server"\n    }\n  }\n}\n';
    expect(refused(project({ ".mcp.json": relative }), ["run", "implement system"])).toBe(
      "orchestrate: .mcp.json:4: Expected `mcpServers.docs.command` to be a command that exists, got `./tools/docs-server`: a relative command is taken from the project's folder (as Claude Code does), and there is no such file",
    );
    expect(refused(project({ ".mcp.json": '{"mcpServers": {"a": {"command": "x\\u0000y"}}}' }), ["check"])).toMatch(/^orchestrate: \.mcp\.json: Expected `mcpServers\.a\.command` to be a command without NUL bytes/);
    const dangling = project();
    symlinkSync("shared/mcp.json", join(dangling, ".mcp.json"));
    expect(refused(dangling, ["check"])).toBe("orchestrate: .mcp.json: Cannot read .mcp.json: a symbolic link to `shared/mcp.json`, which does not exist");
  }, 120_000);
});

describe("spec files", () => {
  it("a binary file, a NUL byte, a link out of the project, a front matter alias bomb: one line each, with the line where there is one", () => {
    const binary = project({ [`${M}/C_AGENT.md`]: "\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000" });
    expect(refused(binary, ["plan", "implement system"])).toBe(`orchestrate: ${M}/C_AGENT.md:1: Spec file holds a NUL byte: expected markdown text (is it a binary file?)`);
    const nul = project({ [A]: "# A\n\n**Module**: `a\u0000.py`\n" });
    expect(refused(nul, ["run", "implement system"])).toBe(`orchestrate: ${A}:3: Spec file holds a NUL byte: expected markdown text (is it a binary file?)`);
    const outside = makeProject({ "secret.md": "# not a spec\n" });
    const linked = project();
    symlinkSync(join(outside, "secret.md"), join(linked, M, "NOTES_AGENT.md"));
    expect(refused(linked, ["plan", "implement system"])).toMatch(new RegExp(`^orchestrate: ${M}/NOTES_AGENT.md: Spec file is a symbolic link to \`[^\`]*secret.md\`, outside the project: expected a spec inside the project`));
    const bomb = project({ [A]: `---\n${BOMB}\ndepends_on: *h\n---\n# A\n` });
    expect(refused(bomb, ["plan", "implement system"])).toBe(
      `orchestrate: ${A}:3: Expected front matter to hold at most 100,000 values, got more once its YAML aliases are expanded (\`*a\` is the first): write the values out instead`,
    );
  }, 120_000);

  it("a link that stays in the project is read", () => {
    const root = project({ "docs/c.md": moduleSpec({ module: "c.py" }) });
    symlinkSync("../../../../docs/c.md", join(root, M, "C_AGENT.md"));
    const { code, stdout } = runCli(["plan", "implement system", "--json", "--project", root]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).modules.map((m: { id: string }) => m.id)).toContain("c");
  });
});

describe("logs a request names", () => {
  it("one outside the project, by its path or a link, needs --log; a folder is said to be one", () => {
    const outside = makeProject({ "error.log": "Traceback (most recent call last):\n" });
    const linked = project();
    mkdirSync(join(linked, "logs"));
    symlinkSync(join(outside, "error.log"), join(linked, "logs/error.log"));
    expect(refused(linked, ["plan", "fix the crash, see logs/error.log"])).toBe(
      "orchestrate: logs/error.log: Cannot read log `logs/error.log`: expected a file inside the project; pass it with --log to read it anyway",
    );
    expect(runCli(["plan", "fix the crash", "--log", "logs/error.log", "--project", linked]).code).toBe(0);
    expect(refused(project(), ["plan", "fix the crash, see ../../../tmp/error.log"])).toBe(
      "orchestrate: ../../../tmp/error.log: Cannot read log `../../../tmp/error.log`: expected a file inside the project; pass it with --log to read it anyway",
    );
    const folder = project();
    mkdirSync(join(folder, "logs/error.log"), { recursive: true });
    expect(refused(folder, ["plan", "fix the crash, see logs/error.log"])).toBe("orchestrate: logs/error.log: Cannot read log `logs/error.log`: it is a folder (EISDIR): expected a file");
  }, 120_000);
});

describe("CLI flags", () => {
  it("an option missing its value, followed by another option: says so, instead of taking the option as its value", () => {
    const root = project();
    expect(refused(root, ["run", "fix it", "--log"])).toBe("orchestrate: Expected a value after `--log` (-l, --log <path>), got the option `--project`");
    expect(refused(root, ["run", "implement system", "-c", "--yes"])).toBe("orchestrate: Expected a value after `-c` (-c, --concurrency <n>), got the option `--yes`");
    expect(refused(root, ["plan", "implement system", "--scope"])).toBe("orchestrate: Expected a value after `--scope` (--scope <scope>), got the option `--project`");
    // A negative number is a value, judged as one.
    expect(refused(root, ["run", "implement system", "--retries", "-1"])).toBe("orchestrate: Expected `--retries` to be an integer from 0 to 100, got `-1`");
  }, 120_000);

  it("an option given an empty value: says so, instead of dropping it (`--log \"\"` read the log the request names)", () => {
    const root = project();
    expect(refused(root, ["run", "fix it, see logs/error.log", "--log", ""])).toBe("orchestrate: Expected a value after `--log` (-l, --log <path>), got an empty one");
    expect(refused(root, ["plan", "implement system", "--scope="])).toBe("orchestrate: Expected a value after `--scope` (--scope <scope>), got an empty one");
    expect(refused(root, ["run", "implement system", "-c", ""])).toBe("orchestrate: Expected a value after `-c` (-c, --concurrency <n>), got an empty one");
  }, 120_000);

  it("`resume` in a project with no runs says so and leaves no .orchestrate/ behind", () => {
    const root = project();
    expect(refused(root, ["resume", "nope"])).toBe("orchestrate: No run `nope` in this project (see `orchestrate runs`)");
    expect(refused(root, ["resume"])).toBe("orchestrate: No unfinished run to resume in this project");
  }, 120_000);
});
