import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connectMcpServers } from "../../src/agents/mcp-client.js";
import type { McpServerConfig } from "../../src/agents/types.js";
import { cleanup, tempDir } from "./helpers.js";
import { setEnv } from "../sandbox/helpers.js";

afterEach(cleanup);

/** A stdio "server" that writes down its environment and exits: enough to see what it was given. */
function envDumper(file: string, env?: Record<string, string>): McpServerConfig {
  const script = `require("fs").writeFileSync(${JSON.stringify(file)}, JSON.stringify(process.env)); process.exit(1)`;
  return { command: process.execPath, args: ["-e", script], ...(env ? { env } : {}) };
}

async function envOf(server: string, config: McpServerConfig, cwd: string, file: string): Promise<Record<string, string>> {
  await connectMcpServers({ [server]: config }, { cwd, signal: new AbortController().signal, connectTimeoutMs: 10_000 }).catch(() => undefined);
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}

describe("a stdio MCP server's environment", () => {
  it("holds ours without the secrets, and the secrets its own `env` names", async () => {
    const restore = setEnv({ ANTHROPIC_API_KEY: "sk-ant-not-for-servers-1234", GITHUB_TOKEN: "ghp_not-for-servers-5678", NODE_ENV: "test" });
    try {
      const dir = await tempDir();
      const env = await envOf("search", envDumper(join(dir, "env.json"), { SEARCH_API_KEY: "given-on-purpose-123" }), dir, join(dir, "env.json"));
      expect(env).toMatchObject({ NODE_ENV: "test", PATH: process.env.PATH, SEARCH_API_KEY: "given-on-purpose-123" });
      expect(env).not.toHaveProperty("ANTHROPIC_API_KEY");
      expect(env).not.toHaveProperty("GITHUB_TOKEN");
    } finally {
      restore();
    }
  });

  it("keeps them for orchestrate's own server, which redacts stored text by their values", async () => {
    const restore = setEnv({ ANTHROPIC_API_KEY: "sk-ant-for-redaction-1234" });
    try {
      const dir = await tempDir();
      const env = await envOf("orchestrate", envDumper(join(dir, "env.json")), dir, join(dir, "env.json"));
      expect(env).toMatchObject({ ANTHROPIC_API_KEY: "sk-ant-for-redaction-1234" });
    } finally {
      restore();
    }
  });
});
