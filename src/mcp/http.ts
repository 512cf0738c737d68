import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { boundClients, boundedServerOptions, type ClientTimes } from "../loopback/limits.js";
import type { AddressInfo } from "node:net";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { UsageError } from "../errors.js";
import { LOOPBACK_HOST as HOST, bearerToken, checkToken, digest, localOrigin, loopbackHosts, notBearer, sameSecret, targetProblem } from "../loopback/guard.js";
import { MAX_TIMER_MS } from "../timer.js";

export { MIN_TOKEN_LENGTH, checkToken } from "../loopback/guard.js";

export interface HttpServeOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Every request must carry `Authorization: Bearer <token>`; at least `MIN_TOKEN_LENGTH` characters. */
  token: string;
  /** A session with no request for this long is closed; its id then answers 404. @default 1800000 (30 min) */
  sessionIdleMs?: number;
  /** Sessions open at once; one more initialize is answered 503. @default 100 */
  maxSessions?: number;
  onError?: (error: unknown) => void;
  /** Called when a session ends: closed by its client (DELETE), idle too long, or the server closing. */
  onSessionClosed?: (id: string, reason: "closed" | "idle" | "shutdown") => void;
  /** How long a client may take to send a request; tests shorten them. @default loopback/limits.ts */
  times?: ClientTimes;
}

export interface HttpServing {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  /** Sessions open now. */
  sessions(): number;
  close(): Promise<void>;
}

const PATH = "/mcp";
export const DEFAULT_SESSION_IDLE_MS = 30 * 60 * 1000;
/** About 140 KB each: 100 sessions stay near 14 MB. */
export const DEFAULT_MAX_SESSIONS = 100;

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
  /** Requests in progress, a held-open event stream included: a session in use is never idle. */
  active: number;
}

/**
 * Serves MCP over streamable HTTP on the loopback interface only, one `McpServer` per
 * session (an McpServer holds one transport). Before anything else is read: the Host
 * header must be 127.0.0.1 or localhost with our port (DNS rebinding), a browser's Origin
 * must be a loopback page, and the bearer token is checked in constant time. Sessions
 * idle for `sessionIdleMs` are closed, and at most `maxSessions` are open at once.
 */
export async function serveHttp(createMcpServer: () => McpServer, options: HttpServeOptions): Promise<HttpServing> {
  checkToken(options.token);
  const idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  if (!Number.isInteger(idleMs) || idleMs < 1 || idleMs > MAX_TIMER_MS) throw new UsageError(`Expected the session idle time to be an integer from 1 to ${MAX_TIMER_MS} ms, got ${idleMs}`);
  if (!Number.isInteger(maxSessions) || maxSessions < 1) throw new UsageError(`Expected the session cap to be an integer from 1 up, got ${maxSessions}`);
  const expected = digest(options.token);
  const sessions = new Map<string, Session>();
  /** Initialize requests in flight: they count against the cap before their session exists. */
  let opening = 0;
  let allowedHosts: string[] = [];

  const end = (id: string, reason: "closed" | "idle" | "shutdown") => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    options.onSessionClosed?.(id, reason);
    void session.server.close().catch((error: unknown) => options.onError?.(error));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts.includes(req.headers.host ?? "")) return reply(res, 403, `Forbidden: expected Host ${allowedHosts.join(" or ")}`);
    if (!localOrigin(req.headers.origin)) return reply(res, 403, "Forbidden: requests from web pages are accepted only from this machine (Origin on localhost)");
    const token = bearerToken(req.headers.authorization);
    if (token === undefined || !sameSecret(token, expected)) {
      // Which of the three it is: a client sending `bearer <token>` or no header at all was told the same as one with a stale token.
      const why = token === undefined ? `expected \`Authorization: Bearer <token>\`, got ${notBearer(req.headers.authorization)}` : "the bearer token is not this server's: expected the one `orchestrate mcp --http` printed as it started (or its `--token`, `ORCHESTRATE_MCP_TOKEN`)";
      return reply(res, 401, `Unauthorized: ${why}`, { "www-authenticate": 'Bearer realm="orchestrate"' });
    }
    const target = targetProblem(req.url ?? "");
    if (target) return reply(res, 400, target);
    if (new URL(req.url ?? "/", "http://localhost").pathname !== PATH) return reply(res, 404, `Not found: the MCP endpoint is ${PATH}`);
    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      if (!session) return reply(res, 404, "Session not found; initialize a new one");
      session.active++;
      session.lastSeen = Date.now();
      res.once("close", () => {
        session.active--;
        session.lastSeen = Date.now();
      });
      return session.transport.handleRequest(req, res);
    }
    if (sessions.size + opening >= maxSessions) {
      return reply(res, 503, `Too many sessions (${maxSessions}); close one (DELETE ${PATH}) or retry when an idle one has expired`, { "retry-after": "60" });
    }
    // No session yet: only an initialize request creates one; the transport answers anything else with 400.
    opening++;
    try {
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableDnsRebindingProtection: true,
        allowedHosts,
        onsessioninitialized: (id) => void sessions.set(id, { transport, server, lastSeen: Date.now(), active: 0 }),
      });
      transport.onclose = () => {
        if (transport.sessionId) end(transport.sessionId, "closed");
      };
      const server = createMcpServer();
      await server.connect(transport);
      await transport.handleRequest(req, res);
      if (!transport.sessionId) await server.close();
    } finally {
      opening--;
    }
  };

  // Checked often enough that a session lives at most 1.5 times its idle limit (and at least once a minute).
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, session] of sessions) if (session.active === 0 && now - session.lastSeen >= idleMs) end(id, "idle");
    },
    Math.max(10, Math.min(Math.ceil(idleMs / 2), 60_000)),
  );
  sweep.unref();

  const http = boundClients(
    createServer(boundedServerOptions(options.times), (req, res) => {
      handle(req, res).catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) reply(res, 500, "Internal error");
        else res.end();
      });
    }),
    rpcError,
  );
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, HOST, () => {
      http.off("error", reject);
      resolve();
    });
  }).catch((error: unknown) => {
    clearInterval(sweep);
    throw error;
  });
  const { port } = http.address() as AddressInfo;
  allowedHosts = loopbackHosts(port);

  return {
    url: `http://${HOST}:${port}${PATH}`,
    sessions: () => sessions.size,
    async close() {
      clearInterval(sweep);
      const open = [...sessions.entries()];
      sessions.clear();
      for (const [id] of open) options.onSessionClosed?.(id, "shutdown");
      await Promise.allSettled(open.map(([, s]) => s.server.close()));
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(rpcError(message));
}

/** A JSON-RPC error with no id: what an MCP client reads from an answer to no message of its own. */
function rpcError(message: string): string {
  return JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null });
}
