import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

/**
 * A stateless Streamable HTTP MCP server on 127.0.0.1 with one tool, `note`; answers its URL.
 * It is pushed on `servers`, for the test file's afterEach to close; `onRequest` sees each request.
 */
export async function notesMcpServer(servers: Server[], onRequest?: (req: IncomingMessage) => void): Promise<string> {
  const http = createServer((req, res) => {
    onRequest?.(req);
    const mcp = new McpServer({ name: "notes", version: "1.0.0" });
    mcp.registerTool("note", { description: "Take a note", inputSchema: { text: z.string() } }, ({ text }) => ({ content: [{ type: "text", text: `noted: ${text}` }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => void mcp.close());
    void mcp.connect(transport).then(() => transport.handleRequest(req, res));
  });
  servers.push(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
}
