import { OrchestrateError } from "../errors.js";
import { openStore } from "../store/open.js";
import { createAgentMcpServer } from "./agent-server.js";
import { agentContextFrom } from "./server-config.js";
import { BoundedStdioTransport } from "./stdio.js";

/**
 * Entry of the agents' MCP server (`agentServerConfig` starts it): serves one
 * attempt over stdio until the agent closes its end, then closes the store.
 * Its own process, so it opens the store beside the run's (WAL allows both).
 */
async function main(): Promise<void> {
  const ctx = agentContextFrom(process.argv.slice(2), process.env);
  const store = openStore(ctx.root);
  const server = createAgentMcpServer(store, ctx);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void server.close().finally(() => store.close());
  };
  process.stdin.once("end", close);
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
  await server.connect(new BoundedStdioTransport());
}

main().catch((error: unknown) => {
  const text = error instanceof OrchestrateError ? error.describe() : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`orchestrate agent MCP server: ${text}\n`);
  process.exitCode = 2;
});
