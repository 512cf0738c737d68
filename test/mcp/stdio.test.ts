import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { BoundedStdioTransport } from "../../src/agent-mcp/stdio.js";

/** A transport over two pipes, its messages and its output lines collected. */
async function pair(maxBytes?: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  const transport = new BoundedStdioTransport(input, output, maxBytes);
  const messages: unknown[] = [];
  const lines: unknown[] = [];
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString();
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n")) {
      lines.push(JSON.parse(text.slice(0, nl)));
      text = text.slice(nl + 1);
    }
  });
  transport.onmessage = (m) => messages.push(m);
  await transport.start();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { input, transport, messages, lines, settle };
}

const request = (id: number, extra = "") => `{"method":"tools/list","params":{${extra}},"jsonrpc":"2.0","id":${id}}`;

describe("BoundedStdioTransport", () => {
  it("reads one message a line, across chunks and with CRLF", async () => {
    const t = await pair();
    const line = request(1);
    t.input.write(line.slice(0, 10));
    t.input.write(`${line.slice(10)}\r\n${request(2)}\n`);
    await t.settle();
    expect(t.messages).toEqual([JSON.parse(request(1)), JSON.parse(request(2))]);
    expect(t.lines).toEqual([]);
  });

  it("answers a line over the limit with an error for its id and reads the next line, where the SDK's transport closed for good", async () => {
    const t = await pair(1000);
    const big = request(7, `"pad":"${"x".repeat(5000)}"`);
    // In pieces, as a pipe delivers 64 KB at a time: the id comes in the last one.
    for (let at = 0; at < big.length; at += 300) t.input.write(big.slice(at, at + 300));
    t.input.write(`\n${request(8)}\n`);
    await t.settle();
    expect(t.lines).toEqual([{ jsonrpc: "2.0", id: 7, error: { code: -32600, message: "Request too large: expected a message of at most 1,000 bytes, got 5,066 bytes; nothing of it was read" } }]);
    expect(t.messages).toEqual([JSON.parse(request(8))]);
  });

  it("says how large, in MB, at the real limit; an id it cannot see is null", async () => {
    const t = await pair();
    t.input.write(`{"jsonrpc":"2.0","id":"a","params":{"x":"${"y".repeat(11 * 1024 * 1024)}"}}trailing\n`);
    await t.settle();
    expect(t.lines).toEqual([{ jsonrpc: "2.0", id: null, error: { code: -32600, message: "Request too large: expected a message of at most 10 MB, got 11 MB; nothing of it was read" } }]);
  });

  it("answers a line that is no JSON -32700 and JSON that is no message -32600, and goes on", async () => {
    const t = await pair();
    t.input.write(`{"method":\n[1,2]\n{"id":3,"jsonrpc":"1.0"}\n\n${request(4)}\n`);
    await t.settle();
    expect(t.lines).toMatchObject([
      { jsonrpc: "2.0", id: null, error: { code: -32700, message: expect.stringMatching(/^Parse error: expected one JSON-RPC message a line, got no JSON/) } },
      { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid request: expected a JSON-RPC 2.0 request, notification or response" } },
      { jsonrpc: "2.0", id: 3, error: { code: -32600 } },
    ]);
    expect(t.messages).toEqual([JSON.parse(request(4))]);
  });
});
