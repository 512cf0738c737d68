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
