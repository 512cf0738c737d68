import { connect, createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startAllowListProxy, type AllowListProxy } from "../../src/sandbox/allow-proxy.js";

/** A port on 127.0.0.1 with nothing listening: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Sends `request` to the proxy's socket; what came back before the proxy closed. */
function through(proxy: AllowListProxy, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(proxy.socket, () => socket.write(request));
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(text));
  });
}

const proxies: AllowListProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

describe("the command agent's allow-list proxy", () => {
  it("answers a listed host it cannot reach 502 with the reason, tunnel or plain request, where it reset the connection", async () => {
    const port = await closedPort();
    const proxy = await startAllowListProxy([`127.0.0.1:${port}`]);
    proxies.push(proxy);
    const tunnel = await through(proxy, `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(tunnel).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    expect(tunnel).toContain(`\r\n\r\norchestrate: could not reach 127.0.0.1:${port} (ECONNREFUSED)\n`);
    const plain = await through(proxy, `GET http://127.0.0.1:${port}/v1/models HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(plain).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    expect(plain).toContain(`orchestrate: could not reach 127.0.0.1:${port} (ECONNREFUSED)\n`);
  });

  it("refuses, in a line, a tunnel to a host or port not listed and targets that are no host:port", async () => {
    const port = await closedPort();
    const proxy = await startAllowListProxy([`127.0.0.1:${port}`]);
    proxies.push(proxy);
    for (const target of [`127.0.0.1:${port + 1}`, "localhost", "127.0.0.1:99999", `evil.example@127.0.0.1:${port}`, "[::1:80"]) {
      const answer = await through(proxy, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      expect({ target, answer }).toEqual({ target, answer: `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\norchestrate: ${target} is not in command.network\n` });
    }
    expect(proxy.refused).toHaveLength(5);
  });

  it("answers what Node refuses before the proxy sees it (a head too large, a garbled request line) with a line saying why, where it sent a bare status", async () => {
    const proxy = await startAllowListProxy(["127.0.0.1:9"]);
    proxies.push(proxy);
    const large = await through(proxy, `GET http://127.0.0.1:9/ HTTP/1.1\r\nHost: 127.0.0.1:9\r\nX-Pad: ${"p".repeat(20_000)}\r\n\r\n`);
    expect(large).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(large).toContain("\r\n\r\norchestrate: request head too large: expected the request line and headers in at most 16 KB\n");
    const garbled = await through(proxy, "\x01\x02 nonsense\r\n\r\n");
    expect(garbled).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbled).toMatch(/\r\n\r\norchestrate: malformed HTTP request: .+ \(expected CONNECT host:port, or an absolute http URL\)\n$/);
  });
});
