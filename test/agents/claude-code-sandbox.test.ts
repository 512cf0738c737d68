import type { SDKResultMessage } from "@anthropic-ai/claude-agent-sdk";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compileClaudeCodeOptions, queryOptions, type ClaudeCodeOptions } from "../../src/agents/claude-code-options.js";
import { claudeSandboxProblem, mayRunBash, sandboxRefusal, secretVariables } from "../../src/agents/claude-code-sandbox.js";
import { makeTask } from "./helpers.js";

const extras = { abortController: new AbortController(), stderr: () => undefined, tmpDir: "/tmp/orchestrate-claude-x" };

const dirs: string[] = [];
const dir = () => {
  const made = mkdtempSync(join(tmpdir(), "orchestrate-ccsandbox-"));
  dirs.push(made);
  return made;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("claude-code: whether Claude Code may run Bash", () => {
  it.each<[string, ClaudeCodeOptions, boolean, boolean]>([
    ["the default (acceptEdits, no rule)", {}, false, false],
    ["a Bash rule", { allowedTools: ["Bash(npm test:*)"] }, false, true],
    ["Bash itself", { allowedTools: ["Read", "Bash"] }, false, true],
    ["a tool whose name only starts with Bash", { allowedTools: ["BashOutput"] }, false, false],
    ["bypassPermissions", { permissionMode: "bypassPermissions" }, false, true],
    ["auto", { permissionMode: "auto" }, false, true],
    ["dontAsk without a rule", { permissionMode: "dontAsk" }, false, false],
    ["settings files loaded (their rules are Claude Code's to read)", { settingSources: ["project"] }, false, true],
    ["a read-only task, even with bypassPermissions", { permissionMode: "bypassPermissions" }, true, false],
    ["Bash disallowed", { permissionMode: "bypassPermissions", disallowedTools: ["Bash"] }, false, false],
  ])("%s", (_what, options, readOnly, expected) => {
    expect(mayRunBash(compileClaudeCodeOptions(options), readOnly)).toBe(expected);
  });
});

describe("claude-code: Claude Code's sandbox settings", () => {
  it("sandboxes an allowed Bash as run_command is: workspace writable but .git and .orchestrate, homes hidden, toolchains readable, no network, secrets unset", () => {
    const work = dir();
    const home = dir();
    const env = { HOME: home, PATH: `${home}/.pyenv/shims:/usr/bin`, GITHUB_TOKEN: "t-1", "npm_config_//registry.npmjs.org/:_authToken": "n-1" };
    const sandbox = { writable: ["~/.cache/pip", "out"], readable: ["~/.cargo"] };
    const mapped = queryOptions(compileClaudeCodeOptions({ allowedTools: ["Bash(npm test:*)"], env, sandbox }), makeTask(work), extras);

    expect(mapped.sandbox).toEqual({
      enabled: true,
      failIfUnavailable: true,
      allowUnsandboxedCommands: false,
      autoAllowBashIfSandboxed: false,
      network: { allowedDomains: [], strictAllowlist: true },
      filesystem: {
        allowWrite: [join(home, ".cache/pip"), join(work, "out")],
        denyWrite: [join(work, ".git"), join(work, ".orchestrate")],
        denyRead: expect.arrayContaining([home, ...(existsSync("/root") ? ["/root"] : [])]),
        allowRead: [work, join(home, ".cache/pip"), join(work, "out"), join(home, ".pyenv"), join(home, ".cargo")],
      },
      credentials: { envVars: expect.arrayContaining([{ name: "GITHUB_TOKEN", mode: "deny" }]) },
    });
    // Claude Code keeps what it needs; its Bash does not get it.
    expect(mapped.env).toMatchObject({ GITHUB_TOKEN: "t-1", CLAUDE_CODE_TMPDIR: "/tmp/orchestrate-claude-x" });
    // A name Claude Code's settings cannot hold is left out of its environment instead.
    expect(mapped.env).not.toHaveProperty("npm_config_//registry.npmjs.org/:_authToken");
    expect(JSON.stringify(mapped.sandbox)).not.toContain("npm_config_");
  });

  it("lets hosts through Claude Code's proxy with sandbox.network: true", () => {
    const mapped = queryOptions(compileClaudeCodeOptions({ permissionMode: "bypassPermissions", sandbox: { network: true } }), makeTask(dir()), extras);
    expect(mapped.sandbox).toMatchObject({ enabled: true, allowUnsandboxedCommands: false, network: { allowedDomains: ["*"] } });
  });

  it("keeps a user's CLAUDE_CODE_TMPDIR", () => {
    const mapped = queryOptions(compileClaudeCodeOptions({ allowedTools: ["Bash"], env: { CLAUDE_CODE_TMPDIR: "/scratch" } }), makeTask(dir()), extras);
    expect(mapped.env?.CLAUDE_CODE_TMPDIR).toBe("/scratch");
  });

  it.each<[string, ClaudeCodeOptions, boolean]>([
    ["Bash not allowed", {}, false],
    ["sandbox.mode: none", { allowedTools: ["Bash"], sandbox: { mode: "none" } }, false],
    ["a read-only task", { permissionMode: "bypassPermissions" }, true],
  ])("leaves the sandbox off, and the environment as it was: %s", (_what, options, readOnly) => {
    const env = { "npm_config_//registry.npmjs.org/:_authToken": "n-1" };
    const mapped = queryOptions(compileClaudeCodeOptions({ ...options, env }), makeTask(dir(), { readOnly }), extras);
    expect(mapped.sandbox).toBeUndefined();
    expect(mapped.env).toMatchObject(env);
    expect(mapped.env).not.toHaveProperty("CLAUDE_CODE_TMPDIR");
  });

  it("splits secret-named variables into those Claude Code can unset and those it cannot be told about", () => {
    expect(secretVariables({ PATH: "/bin", API_KEY: "a", db_password: "b", "npm_config_//r/:_authToken": "c", EMPTY_TOKEN: undefined })).toEqual({
      deny: ["API_KEY", "db_password"],
      drop: ["npm_config_//r/:_authToken"],
    });
  });
});

describe("claude-code: when Claude Code's sandbox cannot start", () => {
  const bin = (...names: string[]) => {
    const d = dir();
    for (const name of names) writeFileSync(join(d, name), "#!/bin/sh\n", { mode: 0o755 });
    return d;
  };
  const probed = () => Promise.resolve(undefined);

  it("names what is missing from the PATH Claude Code gets, then asks bubblewrap", async () => {
    expect(await claudeSandboxProblem(bin(), probed)).toBe("bwrap and socat are not installed");
    expect(await claudeSandboxProblem(bin("bwrap"), probed)).toBe("socat is not installed");
    expect(await claudeSandboxProblem(bin("socat"), probed)).toBe("bwrap is not installed");
    expect(await claudeSandboxProblem(bin("bwrap", "socat"), probed)).toBeUndefined();
    expect(await claudeSandboxProblem(bin("bwrap", "socat"), () => Promise.resolve("bwrap cannot create namespaces here: x"))).toBe("bwrap cannot create namespaces here: x");
  });

  // Claude Code 2.1.332's own refusals, captured from `query()` with the sandbox required.
  const refusal = (error: string) =>
    ({ type: "result", subtype: "error_during_execution", is_error: true, num_turns: 0, errors: [error], startup_failure_reason: "sandbox_required_unavailable" }) as unknown as SDKResultMessage;

  it("turns Claude Code's own refusal into the same one line", () => {
    const missing = refusal(
      "Sandbox required but unavailable: sandbox is enabled but dependencies are missing: socat not installed · install missing tools (e.g. apt install bubblewrap socat) or see https://code.claude.com/docs/en/sandboxing. Set sandbox.failIfUnavailable=false to allow unsandboxed execution.",
    );
    expect(sandboxRefusal(missing)).toBe(
      "claude-code: its Bash runs in Claude Code's sandbox, which cannot start here (dependencies are missing: socat not installed): install bubblewrap and socat (apt-get install bubblewrap socat), or set `sandbox: { mode: none }` in orchestrate.config.yaml to run it unconfined",
    );
    const invalid = refusal(
      "Sandbox required but unavailable: the settings passed with --settings or the SDK's settings option configure the sandbox but failed validation, so none of them apply (sandbox.credentials.envVars.0.name: Environment variable name must start with a letter or underscore and contain only letters, digits, and underscores). Fix them and start again. Set sandbox.failIfUnavailable=false to allow unsandboxed execution.",
    );
    expect(sandboxRefusal(invalid)).toMatch(/^claude-code: its Bash runs in Claude Code's sandbox, which cannot start here \(the settings passed .* failed validation, .*Fix them and start again\): install/);
    expect(sandboxRefusal({ ...missing, startup_failure_reason: "cwd_unavailable" } as SDKResultMessage)).toBeUndefined();
    expect(sandboxRefusal({ type: "result", subtype: "success", is_error: false } as unknown as SDKResultMessage)).toBeUndefined();
  });
});
