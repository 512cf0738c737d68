import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RELAY_SCRIPT } from "./relay-script.js";

/**
 * An HTTP proxy on a Unix socket that reaches only the listed `host:port`s: the one way out of
 * a sandbox with no network of its own (a `command` agent's CLI calling its model), as Claude
 * Code's proxy is for its Bash. CONNECT tunnels and absolute-form requests (`GET http://h:p/`)
 * to any other address are refused with 403; the host resolves names, the sandbox has no DNS.
 */
export interface AllowListProxy {
  /** The folder holding the socket and the relay script: made readable in the sandbox. */
  readonly dir: string;
  readonly socket: string;
  /** The relay run inside the sandbox (relay-script.ts). */
  readonly relay: string;
  /** The addresses refused so far, as asked (`host:port`). */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

/** `host:port` as compared: lower case, brackets kept around IPv6. */
export function hostKey(host: string, port: string | number): string {
  const h = host.toLowerCase();
  return `${h.includes(":") && !h.startsWith("[") ? `[${h}]` : h}:${port}`;
}

/** Splits `host:port` (`[::1]:8080` for IPv6); undefined when it is not one. */
export function splitHost(address: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(address);
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port };
}

/** How long opening a tunnel to a listed host may take before the client is answered 502; the system's own wait is minutes. */
const CONNECT_TIMEOUT_MS = 30_000;

export async function startAllowListProxy(allowed: readonly string[]): Promise<AllowListProxy> {
  // Loaded here, not with the module: a run loads this module with the command agent's options,
  // and node:http with node:net cost every run about 5 ms of CPU to compile, proxy or not.
  const [{ createServer, request, maxHeaderSize, STATUS_CODES }, { connect }] = await Promise.all([import("node:http"), import("node:net")]);
  const allow = new Set(allowed.map((a) => splitHost(a)).filter((a) => a !== undefined).map((a) => hostKey(a.host, a.port)));
  // A short path: a Unix socket's name is limited to about 107 bytes.
  const dir = await mkdtemp(join(tmpdir(), "orchestrate-net-"));
  const socket = join(dir, "proxy.sock");
  const relay = join(dir, "relay.cjs");
  await writeFile(relay, RELAY_SCRIPT, { mode: 0o600 });
  const refused: string[] = [];
  const open = new Set<Socket>();
  const permitted = (address: string): boolean => {
    const target = splitHost(address);
    if (target && allow.has(hostKey(target.host, target.port))) return true;
    refused.push(address);
    return false;
  };

  const server = createServer((req, res) => forward(req, res, permitted, request));
  // Node's own refusals (a head too large, a garbled request line) go out as a bare status: the CLI in the sandbox is owed the line why, as for a 502.
  server.on("clientError", (error: NodeJS.ErrnoException, client: Duplex) => {
    const [status, why] = clientRefusal(error, maxHeaderSize);
    const response = (client as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (status !== undefined && client.writable && !response?.headersSent) {
      client.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\norchestrate: ${why}\n`);
    }
    client.destroy();
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    const address = req.url ?? "";
    client.on("error", () => client.destroy());
    if (!permitted(address)) {
      client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\norchestrate: ${address} is not in command.network\n`);
      return;
    }
    const target = splitHost(address)!;
    let established = false;
    const upstream = connect(target.port, target.host, () => {
      established = true;
      upstream.setTimeout(0);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    open.add(upstream).add(client);
    // Before the tunnel stands the client is owed an answer: a reset told it nothing of why.
    const unreached = (why: string) => {
      if (established) return void client.destroy();
      client.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\norchestrate: could not reach ${address} (${why})\n`);
      upstream.destroy();
    };
    upstream.setTimeout(CONNECT_TIMEOUT_MS, () => unreached(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`));
    upstream.on("error", (error: NodeJS.ErrnoException) => unreached(error.code ?? error.message)).on("close", () => open.delete(upstream));
    client.on("close", () => {
      open.delete(client);
      upstream.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socket, resolve));
  return {
    dir,
    socket,
    relay,
    refused,
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The status and line for a request Node refused before the proxy saw it; no status for a client that reset the connection. */
function clientRefusal(error: NodeJS.ErrnoException, maxHeaderBytes: number): [number | undefined, string] {
  if (error.code === "ECONNRESET") return [undefined, ""];
  if (error.code === "HPE_HEADER_OVERFLOW") return [431, `request head too large: expected the request line and headers in at most ${Math.round(maxHeaderBytes / 1024)} KB`];
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, "request too slow: its head or body did not arrive in time"];
  // llhttp's reason names what it found (`Invalid method encountered`): the client's own input.
  const reason = (error as { reason?: unknown }).reason;
  return [400, `malformed HTTP request: ${typeof reason === "string" ? reason : "expected an HTTP/1.1 request"} (expected CONNECT host:port, or an absolute http URL)`];
}

/** An absolute-form request (`POST http://host:port/path`), as a client behind HTTP_PROXY sends for `http:` URLs. */
function forward(req: IncomingMessage, res: ServerResponse, permitted: (address: string) => boolean, send: typeof import("node:http").request): void {
  let url: URL;
  try {
    url = new URL(req.url ?? "");
  } catch {
    res.writeHead(400).end("orchestrate: expected an absolute http URL\n");
    return;
  }
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  if (url.protocol !== "http:" || !permitted(hostKey(url.hostname, port))) {
    res.writeHead(403).end(`orchestrate: ${url.host} is not in command.network\n`);
    return;
  }
  const upstream = send({ host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { "content-type": "text/plain" }).end(`orchestrate: could not reach ${url.host} (${error.code ?? error.message})\n`);
  });
  req.pipe(upstream);
}
