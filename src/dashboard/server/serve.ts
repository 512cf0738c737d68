import { getRequestListener } from "@hono/node-server";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Store } from "../../store/types.js";
import { LiveRuns } from "../../mcp/runs.js";
import { UsageError } from "../../errors.js";
import { LOOPBACK_HOST, checkToken, loopbackHosts, targetProblem } from "../../loopback/guard.js";
import { boundClients, boundedServerOptions, type ClientTimes } from "../../loopback/limits.js";
import { dashboardApp } from "./app.js";
import type { InProcessRuns } from "./holder.js";

export interface DashboardOptions {
  root: string;
  /** The dashboard reads it; the caller closes it after `close()`. */
  store: Store;
  token: string;
  /** On 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Runs this process drives besides those the dashboard resumes (`run --dashboard`). */
  inProcess?: InProcessRuns[];
  /** How often streams read new event rows. @default 200 */
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** How long a client may take to send a request; tests shorten them. @default loopback/limits.ts */
  times?: ClientTimes;
}

export interface Dashboard {
  /** `http://127.0.0.1:<port>/?token=<token>`: the address to open. */
  url: string;
  port: number;
  /** Runs the dashboard resumed; the caller stops them on shutdown. */
  runs: LiveRuns;
  close(): Promise<void>;
}

/** How long closing waits for open streams to send their last rows. */
const FLUSH_MS = 1000;

/** Serves the dashboard on the loopback interface only. */
export async function serveDashboard(options: DashboardOptions): Promise<Dashboard> {
  checkToken(options.token);
  let port = options.port;
  const closing = new AbortController();
  const streams = new Set<Promise<void>>();
  const runs = new LiveRuns(options.root, { onError: (runId, error) => options.onError?.(new Error(`run ${runId} stopped with an error`, { cause: error })) });
  const app = dashboardApp({
    root: options.root,
    store: options.store,
    token: options.token,
    port: () => port,
    runs,
    ...(options.inProcess ? { inProcess: options.inProcess } : {}),
    stream: { closing: closing.signal, open: streams, ...(options.pollMs ? { pollMs: options.pollMs } : {}) },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const listener = getRequestListener(app.fetch, { hostname: LOOPBACK_HOST });
  const server = boundClients(
    createServer(boundedServerOptions(options.times), (req, res) => void (refused(req, res, port) || listener(req, res))),
    errorBody,
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, LOOPBACK_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") throw new UsageError(`Expected port ${options.port} on ${LOOPBACK_HOST} to be free, but something listens there; pick another with \`--port\` (0: any free one)`);
    throw error;
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${encodeURIComponent(options.token)}`,
    port,
    runs,
    async close() {
      closing.abort();
      // Open pages get the last rows (a run's end) before the connections go.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...streams]), new Promise((resolve) => (timer = setTimeout(resolve, FLUSH_MS)))]);
      clearTimeout(timer);
      await shut(server, FLUSH_MS);
    },
  };
}

/**
 * Closes the server once each connection has sent what it holds: an ended stream's last rows
 * are still on their way through the adapter to the socket, and cutting every connection at
 * once lost them (a `run --dashboard` page went on showing its run running). What is still
 * open after `ms` is cut.
 */
function shut(server: Server, ms: number): Promise<void> {
  return new Promise((resolve) => {
    // A connection whose response just ended turns idle only then: close each as it does.
    const idle = setInterval(() => server.closeIdleConnections(), 20);
    const cut = setTimeout(() => server.closeAllConnections(), ms);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
  });
}

const errorBody = (message: string) => JSON.stringify({ error: message });

/**
 * Answers, before the adapter builds a URL from it, a request whose Host is not ours or whose
 * target is not a path: the adapter answers those with a bare 400 (`Host: evil@127.0.0.1`,
 * `OPTIONS *`), and would take an absolute URL's host for ours. The app's guard checks again.
 */
function refused(req: IncomingMessage, res: ServerResponse, port: number): boolean {
  const hosts = loopbackHosts(port);
  const problem = hosts.includes(req.headers.host ?? "") ? targetProblem(req.url ?? "") : `Forbidden: expected Host ${hosts.join(" or ")}`;
  if (problem === undefined) return false;
  res.writeHead(problem.startsWith("Forbidden") ? 403 : 400, { "content-type": "application/json", "x-content-type-options": "nosniff" }).end(errorBody(problem));
  return true;
}
