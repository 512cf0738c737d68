import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, runCliAsync } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec, removeProjects } from "../helpers/project.js";

// What a new user meets in the first hour, through the built CLI: a long or pasted request,
// a misspelt value, a bad flag value, a missing project.
const M = ".claude/layers/core";

afterAll(removeProjects);

function project(files: Record<string, string> = {}): string {
  return makeProject({ [`${M}/A_AGENT.md`]: moduleSpec({ module: "a.py" }), [`${M}/B_AGENT.md`]: moduleSpec({ module: "b.py" }), ...files });
}

describe("a long or pasted request", () => {
  // A request with a pasted traceback, then 50 KB of words.
  const request = `implement system\nTraceback (most recent call last):\n  File "a.py", line 1\n${"lorem ipsum dolor ".repeat(2_900)}`;

  it("is one cut line in the run's progress, `status` and the report's heading; the JSON and the report keep it", async () => {
    const root = project();
    const run = await runCliAsync(["run", request, "--yes", "--project", root]);
    expect(run.code).toBe(0);
    const started = run.stdout.split("\n").find((l) => l.includes(" started: "))!;
    expect(started).toMatch(/started: implement system Traceback \(most recent call last\): File "a\.py", line 1 lorem ipsum .*… \(\d+ modules?, agent simulate/);
    expect(started.length).toBeLessThan(400);

    const status = runCli(["status", "--project", root]);
    expect(status.code).toBe(0);
    const line = status.stdout.split("\n").find((l) => l.trimStart().startsWith("request"))!;
    expect(line.length).toBeLessThan(300);
    expect(line).toMatch(/…$/);
    expect(status.stdout).not.toContain("Traceback (most recent call last):\n");
    expect(status.stdout.length).toBeLessThan(3_000);
    expect(JSON.parse(runCli(["status", "--json", "--project", root]).stdout).request).toBe(request);

    const report = runCli(["report", "--output", join(root, "report.md"), "--project", root]);
    expect(report.code).toBe(0);
    const md = readFileSync(join(root, "report.md"), "utf8");
    const heading = md.split("\n")[0]!;
    expect(heading.length).toBeLessThan(300);
    expect(heading).toMatch(/^# Run `[^`]+`: implement system Traceback .*…$/);
    expect(md).toContain(`<summary>Request</summary>`);
    expect(md).toContain(`  File "a.py", line 1\n`);
  }, 120_000);
});

/** Exit 2 and one line on stderr, no stack, nothing on stdout: the line. */
function refused(args: string[]): string {
  const result = runCli(args);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.code).toBe(2);
  return result.stderr.trimEnd();
}

describe("bad flag values are said first, with the nearest valid one", () => {
  it("`run --agent simulte`: the agents and `simulate`", () => {
    expect(refused(["run", "implement system", "--agent", "simulte", "--project", project()])).toBe(
      "orchestrate: Expected `--agent` to be one of `simulate`, `command`, `anthropic`, `openai`, `claude-code`, got `simulte`; did you mean `simulate`?",
    );
  });

  it("`init --from-code --agent simulate --dry-run`: only the model agents describe code", () => {
    const root = makeProject({ "a.py": "import b\n", "b.py": "X = 1\n" });
    expect(refused(["init", "--from-code", root, "--agent", "simulate", "--dry-run"])).toBe(
      "orchestrate: Expected `--agent` to be one of `claude-code`, `anthropic`, `openai`, got `simulate`",
    );
  });

  it("`worker --agent antropic`: said before it connects to Redis", () => {
    expect(refused(["worker", "--queue", "redis://127.0.0.1:1", "--agent", "antropic"])).toBe(
      "orchestrate: Expected `--agent` to be one of `simulate`, `command`, `anthropic`, `openai`, `claude-code`, got `antropic`; did you mean `anthropic`?",
    );
  });

  it("`run --dashboard abc`: before the gates' and validation's lines", () => {
    expect(refused(["run", "implement system", "--dashboard", "abc", "--project", project()])).toBe("orchestrate: Expected `--dashboard` to be an integer from 0 to 65535, got `abc`");
  });
});

describe("check: a misspelt front matter key", () => {
  it("is a warning at its line with the key it may mean; a subagent's own keys are not", async () => {
    const root = project({
      [`${M}/A_AGENT.md`]: moduleSpec({ module: "a.py", frontMatter: "name: a\ndescription: the a module\ntools: Read, Edit\nmodel: sonnet\nvalidaton: []\ndepend_on: [b]" }),
      "a.py": "",
      "b.py": "",
    });
    const result = await cliHere(["check", "--json", "--project", root]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { warnings: { code: string }[] }).warnings.filter((w) => w.code === "FRONT_MATTER_KEY")).toEqual([
      { code: "FRONT_MATTER_KEY", message: "a: front matter key `validaton` is not read: did you mean `validation`?", file: `${M}/A_AGENT.md`, line: 6 },
      { code: "FRONT_MATTER_KEY", message: "a: front matter key `depend_on` is not read: did you mean `depends_on`?", file: `${M}/A_AGENT.md`, line: 7 },
    ]);
  });
});

describe("a request typed without quotes", () => {
  it("`plan implement system`: says to quote it", () => {
    expect(refused(["plan", "implement", "system", "--project", project()])).toBe(
      "orchestrate: too many arguments for 'plan'. Expected 1 argument but got 2: a request of several words goes in quotes, e.g. orchestrate plan \"implement system\"",
    );
  });

  it("`run fix the bug`: the same from run's own bundle", () => {
    expect(refused(["run", "fix", "the", "bug", "--project", project()])).toMatch(/got 3: a request of several words goes in quotes, e\.g\. orchestrate run "implement system"$/);
  });
});
