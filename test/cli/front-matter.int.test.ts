import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliHere } from "../helpers/cli-here.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

const SPEC = ".claude/layers/domain/modules/MONEY_AGENT.md";

function project(frontMatter: string, extra: Record<string, string> = {}): string {
  return makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/domain/DOMAIN_ORCHESTRATOR.md": "# Domain\n",
    [SPEC]: moduleSpec({ module: "shop/money.py", frontMatter }),
    "recorded/.keep": "",
    ...extra,
  });
}

/** Front matter that the run reads only at the module's gate or its agent's start. */
const BAD: { name: string; frontMatter: string; line: number; message: RegExp }[] = [
  {
    name: "a validation check of an unknown kind",
    frontMatter: "layer: domain\nvalidation:\n  - name: tests\n    kind: command\n    run: echo ok\n  - name: lint\n    kind: bogus",
    line: 8,
    message: /`validation\.1\.kind`/,
  },
  {
    name: "a validation check without its command",
    frontMatter: "validation:\n  module:\n    - name: tests\n      kind: command",
    line: 4,
    message: /Expected `run` \(a command line\) in a command check/,
  },
  {
    name: "validation that is not a list",
    frontMatter: "validation: 3",
    line: 2,
    message: /Expected `validation` to be a list of checks/,
  },
  {
    name: "an MCP server without a command or url",
    frontMatter: "mcp_servers:\n  docs:\n    command: 3",
    // The line of `command: 3` itself: the message names that key.
    line: 4,
    message: /Expected `mcp_servers\.docs\.command` to be a command \(a non-empty string\), got `3` \(number\)/,
  },
];

describe("front matter the run would reject is rejected up front, the same way, by check, plan and run", () => {
  for (const bad of BAD) {
    it(bad.name, () => {
      const root = project(bad.frontMatter);
      for (const args of [["check"], ["plan", "implement system"], ["run", "implement system"]]) {
        const { code, stdout, stderr } = runCli([...args, "--project", root]);
        expect({ args, code }).toEqual({ args, code: 2 });
        expect(stderr).toMatch(new RegExp(`^orchestrate: ${SPEC.replace(/\./g, "\\.")}:${bad.line}: `));
        expect(stderr).toMatch(bad.message);
        expect(stderr.trim().split("\n")).toHaveLength(1);
        expect(stderr).not.toMatch(/\n\s+at /);
        if (args[0] !== "check") expect(stdout).toBe("");
      }
      // `run` recorded nothing: no store, no run, no module left running.
      expect(existsSync(join(root, ".orchestrate"))).toBe(false);
      expect(runCli(["resume", "--project", root]).code).toBe(2);
    });
  }

  it("valid front matter still passes check", () => {
    const root = project("validation:\n  - name: tests\n    kind: command\n    run: echo ok\nmcp_servers:\n  docs:\n    command: docs-server");
    expect(runCli(["check", "--project", root]).code).toBe(0);
  });
});

describe("check validates orchestrate.config.yaml as run does", () => {
  it("an unknown key (a typo) exits 2 naming the config file", async () => {
    const root = project("layer: domain", { "orchestrate.config.yaml": "agnet: command\n" });
    const { code, stderr } = await cliHere(["check", "--project", root]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^orchestrate: orchestrate\.config\.yaml(:\d+)?: .*`agnet`/);
  });

  it("the configured agent's missing options exit 2 naming the key, as run does", async () => {
    const root = project("layer: domain", { "orchestrate.config.yaml": "agent: command\n" });
    const check = await cliHere(["check", "--project", root]);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^orchestrate: orchestrate\.config\.yaml.*`command\.run`/);
    const run = runCli(["run", "implement system", "--project", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(check.stderr);
  });

  it("--json reports the config error as an error", async () => {
    const root = project("layer: domain", { "orchestrate.config.yaml": "agnet: command\n" });
    const { code, stdout } = await cliHere(["check", "--project", root, "--json"]);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, errors: [{ code: "CONFIG_INVALID", file: "orchestrate.config.yaml" }] });
  });
});
