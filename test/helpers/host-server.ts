import { createServer, type Server } from "node:net";
import { beforeAll } from "vitest";

/**
 * A TCP server on the host's 127.0.0.1 for the tests of the `describe` it is called in, answering
 * every connection with `reply` and closing it: what a sandboxed command without the network must
 * not reach. Its port is known once the tests run.
 */
export function hostServer(reply: string): { readonly port: number } {
  let server: Server | undefined;
  let port = 0;
  beforeAll(async () => {
    const started = createServer((socket) => socket.end(reply));
    server = started;
    await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
    port = (started.address() as { port: number }).port;
    return () => new Promise<void>((resolve) => started.close(() => resolve()));
  });
  return {
    get port() {
      if (!server) throw new Error("hostServer(): call it inside a describe, and read its port in a test");
      return port;
    },
  };
}
