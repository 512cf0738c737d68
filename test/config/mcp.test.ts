import { describe, expect, it } from "vitest";
import { expandEnv } from "../../src/config/env-expand.js";
import { loadConfig } from "../../src/config/load.js";
import { moduleMcpServers, projectMcpServers } from "../../src/config/mcp.js";
import { ConfigError } from "../../src/errors.js";
import { makeProject } from "../helpers/project.js";

const ENV = { GITHUB_TOKEN: "ghp_test", EMPTY: "" };

function servers(mcpJson: string, env: NodeJS.ProcessEnv = ENV) {
  return projectMcpServers(makeProject({ ".mcp.json": mcpJson }), {}, env);
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.describe();
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

describe(".mcp.json in the shapes Claude Code accepts", () => {
  it("reads stdio servers (type optional) and http/sse servers with headers", () => {
    const file = {
      mcpServers: {
        fs: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "."], env: { A: "b" } },
        typed: { type: "stdio", command: "node", args: [] },
        gh: { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer x" } },
        events: { type: "sse", url: "http://127.0.0.1:3000/sse" },
      },
      otherTopLevelKey: true,
    };
    expect(servers(pretty(file))).toEqual(file.mcpServers);
    expect(servers("{}")).toEqual({});
  });

  it("expands ${VAR} and ${VAR:-default} in every string, as Claude Code does", () => {
    const file = {
      mcpServers: {
        gh: { type: "http", url: "${GH_URL:-https://api.githubcopilot.com/mcp/}", headers: { Authorization: "Bearer ${GITHUB_TOKEN}" } },
        local: { command: "${EMPTY:-node}", args: ["--token=${GITHUB_TOKEN}"], env: { TOKEN: "${GITHUB_TOKEN}", KEEP: "$HOME" } },
      },
    };
    expect(servers(pretty(file))).toEqual({
      gh: { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer ghp_test" } },
      local: { command: "node", args: ["--token=ghp_test"], env: { TOKEN: "ghp_test", KEEP: "$HOME" } },
    });
  });

  it("an unset variable without a default is an error naming the key, its line and the variable", () => {
    const text = pretty({ mcpServers: { gh: { type: "http", url: "https://x.test/mcp", headers: { Authorization: "Bearer ${NOPE_TOKEN}" } } } });
    expect(errorOf(() => servers(text))).toBe(
      ".mcp.json:7: `mcpServers.gh.headers.Authorization` refers to the environment variable `NOPE_TOKEN`, which is not set (export it, or write `${NOPE_TOKEN:-default}`)",
    );
  });

  it("each wrong shape says what was expected, with the line", () => {
    const cases: Array<[unknown, string]> = [
      [{ s: { type: "http" } }, ".mcp.json:3: Expected `mcpServers.s.url` to be a URL (an http server's address), got nothing"],
      [{ s: { url: "http://x.test/mcp" } }, ".mcp.json:3: Expected `mcpServers.s.type` to be `http` or `sse` for a server with a `url`, got nothing"],
      [{ s: { type: "ws", url: "ws://x" } }, ".mcp.json:4: Expected `mcpServers.s.type` to be one of `stdio`, `http`, `sse`, got `ws` (string)"],
      [{ s: { command: "x", env: { PORT: 3000 } } }, ".mcp.json:6: Expected `mcpServers.s.env.PORT` to be a string, got `3000` (number)"],
      [{ s: { command: "x", args: "--port 1" } }, ".mcp.json:5: Expected `mcpServers.s.args` to be a list of strings, got `--port 1` (string)"],
      [{ s: { command: "" } }, ".mcp.json:4: Expected `mcpServers.s.command` to be a command (a non-empty string), got `` (string)"],
      [{ s: { args: ["x"] } }, ".mcp.json:3: Expected `mcpServers.s` to be a server: `command` (stdio) or `type: http`/`sse` with `url`, got `{\"args\":[\"x\"]}` (object)"],
      [{ s: { command: "x", disabled: true } }, ".mcp.json:3: Unknown key `disabled` in `mcpServers.s`: a stdio server takes `type`, `command`, `args`, `env`"],
      [{ "my server": { command: "x" } }, ".mcp.json:2: Expected the server names in `mcpServers` to be letters, digits, `_` and `-`, got `my server`"],
      [[], ".mcp.json:2: Expected `mcpServers` to be a mapping of server names to servers, got `[]` (array)"],
    ];
    for (const [mcpServers, message] of cases) expect(errorOf(() => servers(pretty({ mcpServers })))).toBe(message);
  });

  it("JSON it cannot parse: the parser's reason and the line", () => {
    expect(errorOf(() => servers('{\n  "mcpServers": {\n    "s": { "command": "x", }\n  }\n}'))).toMatch(/^\.mcp\.json:3: Cannot parse \.mcp\.json: /);
    expect(errorOf(() => servers(""))).toMatch(/^\.mcp\.json: Cannot parse \.mcp\.json: Unexpected end of JSON input/);
    expect(errorOf(() => servers("[]"))).toBe(".mcp.json:1: Expected .mcp.json to hold an object with `mcpServers`, got `[]` (array)");
  });

  it("a value a variable makes wrong is checked after expansion", () => {
    const text = pretty({ mcpServers: { s: { type: "sse", url: "${SSE_URL}" } } });
    expect(errorOf(() => servers(text, { SSE_URL: "localhost:3000" }))).toBe(
      ".mcp.json:5: Expected `mcpServers.s.url` to be a URL (an sse server's address), got `localhost:3000` (string) (after expanding environment variables)",
    );
  });
});

describe("mcpServers in the config and in front matter", () => {
  it("the config's mcpServers: the same checks, with the config's file and line", () => {
    const root = makeProject({ "orchestrate.config.yaml": "mcpServers:\n  docs:\n    type: http\n" });
    expect(errorOf(() => loadConfig(root))).toBe("orchestrate.config.yaml:2: Expected `mcpServers.docs.url` to be a URL (an http server's address), got nothing");
    const ok = makeProject({ "orchestrate.config.yaml": "mcpServers:\n  docs: { type: http, url: 'http://127.0.0.1:9000/mcp' }\n" });
    expect(loadConfig(ok).config.mcpServers).toEqual({ docs: { type: "http", url: "http://127.0.0.1:9000/mcp" } });
  });

  it("front matter mcp_servers: the same checks, naming the key", () => {
    expect(() => moduleMcpServers({ mcp_servers: { s: { command: 5 } } }, "spec.md")).toThrow("Front matter: Expected `mcp_servers.s.command` to be a command (a non-empty string), got `5` (number)");
    expect(moduleMcpServers({ mcp_servers: { s: { command: "x" } } }, "spec.md")).toEqual({ s: { command: "x" } });
  });
});

describe("expandEnv", () => {
  it("keeps keys, expands values, and reports the first unset variable with its path", () => {
    expect(expandEnv({ "${A}": ["${A}", 1, true] }, { A: "a" })).toEqual({ value: { "${A}": ["a", 1, true] } });
    expect(expandEnv({ x: ["ok", "${B}"] }, {})).toEqual({ unset: { path: ["x", "1"], variable: "B" } });
    expect(expandEnv("${A:-}", {})).toEqual({ value: "" });
    expect(expandEnv("${A}", { A: "" })).toEqual({ value: "" });
  });
});

describe("environment references in orchestrate.config.yaml", () => {
  it("a value that is only a reference is an error saying the config does not expand them", () => {
    const root = makeProject({ "orchestrate.config.yaml": "agent: anthropic\nanthropic:\n  model: claude-sonnet-4-5\n  apiKey: ${ANTHROPIC_API_KEY}\n" });
    expect(errorOf(() => loadConfig(root))).toBe(
      "orchestrate.config.yaml:4: Expected `anthropic.apiKey` to be a value, got `${ANTHROPIC_API_KEY}` (string): orchestrate.config.yaml does not expand environment variables (the model agents read ANTHROPIC_API_KEY and OPENAI_API_KEY themselves; .mcp.json expands ${VAR})",
    );
    expect(errorOf(() => loadConfig(makeProject({ "orchestrate.config.yaml": "concurrency: $CONC\n" })))).toMatch(/^orchestrate\.config\.yaml:1: Expected `concurrency` to be a value, got `\$CONC` \(string\): /);
  });

  it("shell commands keep theirs: a shell expands them when the command runs", () => {
    const yaml = "gates:\n  module:\n    - { name: t, kind: command, run: $TEST_CMD }\nworkspace:\n  setup: ${SETUP}\noptimize:\n  run: $BENCH\n";
    expect(loadConfig(makeProject({ "orchestrate.config.yaml": yaml })).config.workspace?.setup).toBe("${SETUP}");
  });
});
