import { connect, type Socket } from "node:net";

/** `n` idle connections to 127.0.0.1:`port`, each open (connected) when this answers. */
export async function heldConnections(port: number, n: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i++) {
    sockets.push(
      await new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: "127.0.0.1", port }, () => resolve(socket));
        socket.once("error", reject);
      }),
    );
  }
  return sockets;
}

/**
 * Whether a new connection to `port` is closed by the server before any answer to a request sent on
 * it (true), or answered (false). A server past its maxConnections closes it at once.
 */
export function closedUnanswered(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
    socket.on("data", () => {
      answered = true;
      socket.destroy();
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(!answered));
  });
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** From the first byte sent to the server's close. */
  ms: number;
}

/**
 * Sends `request` as it stands (a request line of our choosing, any Host, CONNECT, garbage) to
 * 127.0.0.1:`port` and reads until the server closes; `status` is 0 when it closed without a word.
 * With `everyMs`, the bytes go one at a time that far apart, as a slow client sends them.
 */
export function rawExchange(port: number, request: string, options: { everyMs?: number; giveUpMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = "";
    let drip: NodeJS.Timeout | undefined;
    const socket = connect({ host: "127.0.0.1", port }, () => {
      if (options.everyMs === undefined) return void socket.write(request);
      let sent = 0;
      drip = setInterval(() => {
        if (sent < request.length && socket.writable) socket.write(request[sent++]!);
      }, options.everyMs);
    });
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${options.giveUpMs ?? 15_000} ms; got ${JSON.stringify(text.slice(0, 200))}`));
    }, options.giveUpMs ?? 15_000);
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      const body = rest.join("\r\n\r\n");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: headers["transfer-encoding"] === "chunked" ? unchunked(body) : body, ms: Date.now() - started });
    });
  });
}

function unchunked(body: string): string {
  let out = "";
  for (let at = 0; ; ) {
    const end = body.indexOf("\r\n", at);
    const size = parseInt(body.slice(at, end), 16);
    if (!(size > 0)) return out;
    out += body.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}
