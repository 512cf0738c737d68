import { STATUS_CODES, type Server, type ServerOptions } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Connections one local server (`mcp --http`, `dashboard`) keeps open at once; past it a new one is
 * closed at once. A dashboard page holds one or two (its event stream), an agent's MCP client one.
 */
export const MAX_CONNECTIONS = 256;
/** How long a client may take to send a request's head: Node's 60 s let a client sending a header a byte a second hold a connection a minute. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** How long a client may take to send a whole request (head and body; a response streamed back is not counted). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node looks for a client past those times (its own default); a slow client is cut up to this much late. */
export const TIMEOUT_CHECK_MS = 30_000;

/** The times a client gets; tests lower them, the CLI keeps the defaults. */
export interface ClientTimes {
  /** @default 10000 */
  headersTimeoutMs?: number;
  /** @default 30000 */
  requestTimeoutMs?: number;
  /** How often the two are checked (Node's `connectionsCheckingInterval`). @default 30000 */
  checkIntervalMs?: number;
}

/** The options to create a local server with: Node reads the check interval only at creation. */
export function boundedServerOptions(times: ClientTimes = {}): ServerOptions {
  return {
    headersTimeout: times.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
    requestTimeout: times.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: times.checkIntervalMs ?? TIMEOUT_CHECK_MS,
  };
}

/** The body of an answer the server makes itself, in the form of its other error answers. */
export type ErrorBody = (message: string) => string;

/**
 * Bounds what clients of `server` (made with `boundedServerOptions`) can hold, connections at once,
 * and answers what Node refuses before any handler sees it (a request head too large or too slow, a
 * malformed request line, CONNECT) with one status and a body saying what was expected, where Node
 * sends a bare status or just closes.
 */
export function boundClients<T extends Server>(server: T, body: ErrorBody): T {
  server.maxConnections = MAX_CONNECTIONS;
  const times = { headers: server.headersTimeout, request: server.requestTimeout };
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const [status, message] = refusal(error, times);
    // As Node's own answer: only when no response has begun on this socket.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (status !== undefined && socket.writable && !response?.headersSent) socket.end(rawAnswer(status, body(message)));
    socket.destroy();
  });
  server.on("connect", (_request: unknown, socket: Duplex) => {
    socket.on("error", () => socket.destroy());
    socket.end(rawAnswer(405, body("Method not allowed: CONNECT; this server is not a proxy")), () => socket.destroy());
  });
  return server;
}

function refusal(error: NodeJS.ErrnoException, times: { headers: number; request: number }): [number | undefined, string] {
  switch (error.code) {
    case "ECONNRESET":
      return [undefined, ""];
    case "HPE_HEADER_OVERFLOW":
      return [431, "Request head too large: expected the request line and headers in at most 16 KB"];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [408, `Request too slow: expected its head within ${times.headers / 1000} s and the whole request within ${times.request / 1000} s`];
    default: {
      // llhttp's reason names what it found (`Invalid method encountered`); it is the client's own input.
      const reason = (error as { reason?: unknown }).reason;
      return [400, `Malformed HTTP request: ${typeof reason === "string" ? reason : "expected an HTTP/1.1 request"}`];
    }
  }
}

function rawAnswer(status: number, body: string): string {
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
