import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

export interface HttpServeOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Every request must carry `Authorization: Bearer <token>`. */
  token: string;
  onError?: (error: unknown) => void;
}

export interface HttpServing {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  close(): Promise<void>;
}

const PATH = "/mcp";
const HOST = "127.0.0.1";

/**
 * Serves MCP over streamable HTTP on the loopback interface only, one
 * `McpServer` per session (an McpServer holds one transport), behind a
 * bearer token checked in constant time before anything else is read.
 */
export async function serveHttp(createMcpServer: () => McpServer, options: HttpServeOptions): Promise<HttpServing> {
  const expected = digest(`Bearer ${options.token}`);
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();
  let allowedHosts: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!timingSafeEqual(digest(req.headers.authorization ?? ""), expected)) {
      return reply(res, 401, "Unauthorized: expected `Authorization: Bearer <token>`", { "www-authenticate": 'Bearer realm="orchestrate"' });
    }
    if (new URL(req.url ?? "/", "http://localhost").pathname !== PATH) return reply(res, 404, `Not found: the MCP endpoint is ${PATH}`);
    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      if (!session) return reply(res, 404, "Session not found; initialize a new one");
      return session.transport.handleRequest(req, res);
    }
    // No session yet: only an initialize request creates one; the transport answers anything else with 400.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableDnsRebindingProtection: true,
      allowedHosts,
      onsessioninitialized: (id) => void sessions.set(id, { transport, server }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    const server = createMcpServer();
    await server.connect(transport);
    await transport.handleRequest(req, res);
    if (!transport.sessionId) await server.close();
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) reply(res, 500, "Internal error");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, HOST, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  allowedHosts = [`${HOST}:${port}`, `localhost:${port}`];

  return {
    url: `http://${HOST}:${port}${PATH}`,
    async close() {
      await Promise.allSettled([...sessions.values()].map((s) => s.server.close()));
      sessions.clear();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}
