import type { Server } from "node:http";

/**
 * Connections one local server (`mcp --http`, `dashboard`) keeps open at once; past it a new one is
 * closed at once. A dashboard page holds one or two (its event stream), an agent's MCP client one.
 */
export const MAX_CONNECTIONS = 256;
/** How long a client may take to send a request's head: Node's 60 s let a client sending a header a byte a second hold a connection a minute. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** How long a client may take to send a whole request (head and body; a response streamed back is not counted). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Bounds what clients of `server` can hold: connections at once, and the time to send a request. */
export function boundClients<T extends Server>(server: T): T {
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}
