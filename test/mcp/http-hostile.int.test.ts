import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHttp, type HttpServing } from "../../src/mcp/http.js";
import { rawExchange } from "../helpers/connections.js";

const TOKEN = "0123456789abcdef0123456789abcdef-hostile";

function tinyServer(): McpServer {
  return new McpServer({ name: "tiny", version: "0.0.0" });
}

// What Node answers before our handler runs, and targets the handler never expected: each gets
// one status and a JSON-RPC error saying what was expected.
describe("MCP over HTTP, given odd and hostile requests", () => {
  let serving: HttpServing;
  let port: number;
  const head = (line: string, headers = `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\n`) => `${line}\r\n${headers}Connection: close\r\n\r\n`;
  const messageOf = (body: string) => (JSON.parse(body) as { error: { message: string } }).error.message;

  beforeAll(async () => {
    serving = await serveHttp(tinyServer, { token: TOKEN, times: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, checkIntervalMs: 100 } });
    port = Number(new URL(serving.url).port);
  });
  afterAll(() => serving?.close());

  it("answers CONNECT 405, a 1 MB request line 431 and garbage 400, each with a JSON-RPC error", async () => {
    const connect = await rawExchange(port, head("CONNECT evil.example:443 HTTP/1.1", "Host: evil.example:443\r\n"));
    expect([connect.status, messageOf(connect.body)]).toEqual([405, "Method not allowed: CONNECT; this server is not a proxy"]);
    const long = await rawExchange(port, head(`POST /mcp?x=${"a".repeat(1 << 20)} HTTP/1.1`));
    expect([long.status, messageOf(long.body)]).toEqual([431, "Request head too large: expected the request line and headers in at most 16 KB"]);
    const garbage = await rawExchange(port, "HELLO\r\n\r\n");
    expect([garbage.status, messageOf(garbage.body)]).toEqual([400, "Malformed HTTP request: Invalid method encountered"]);
  });

  it("refuses an absolute URL as the target with 400, where it served it as /mcp", async () => {
    const answer = await rawExchange(port, head("DELETE http://evil.example/mcp HTTP/1.1"));
    expect(answer.status).toBe(400);
    expect(messageOf(answer.body)).toBe("Bad request: expected a request target that is a path starting with `/`, got `http://evil.example/mcp`");
  });

  it("cuts a client that sends its request head a byte at a time, with 408, once the head time is up", async () => {
    const answer = await rawExchange(port, head("POST /mcp HTTP/1.1"), { everyMs: 200, giveUpMs: 10_000 });
    expect([answer.status, messageOf(answer.body)]).toEqual([408, "Request too slow: expected its head within 1 s and the whole request within 2 s"]);
    expect(answer.ms).toBeGreaterThanOrEqual(900);
  });
});
