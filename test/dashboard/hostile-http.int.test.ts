import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDashboard, type Dashboard } from "../../src/dashboard/server/serve.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { rawExchange } from "../helpers/connections.js";
import { makeProject } from "../helpers/project.js";

const TOKEN = "a-token-for-the-hostile-http-test-0123456789";

// Requests no browser sends, from a client on this machine: each is answered with one status and
// a JSON body saying what was expected, never a bare status, a silent close or a held connection.
describe("the dashboard's server, given odd and hostile requests", () => {
  let store: Store;
  let dashboard: Dashboard;
  let port: number;
  const ask = (request: string) => rawExchange(port, request);
  const head = (line: string, headers = `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\n`) => `${line}\r\n${headers}Connection: close\r\n\r\n`;
  const errorOf = (body: string) => (JSON.parse(body) as { error: string }).error;

  beforeAll(async () => {
    const root = makeProject({});
    store = openStore(root);
    dashboard = await serveDashboard({ root, store, token: TOKEN, port: 0, times: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, checkIntervalMs: 100 } });
    port = dashboard.port;
  });
  afterAll(async () => {
    await dashboard?.close();
    store?.close();
  });

  it("answers a method a path does not take 405 with the ones it does, where it answered 404", async () => {
    const wrong = await ask(head("DELETE /api/runs HTTP/1.1"));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("GET, HEAD");
    expect(errorOf(wrong.body)).toBe("Method not allowed: DELETE /api/runs; expected GET, HEAD");
    const action = await ask(head("GET /api/runs/r1/cancel HTTP/1.1"));
    expect([action.status, action.headers.allow]).toEqual([405, "POST"]);
    // Still refused without the token: the guard comes first.
    expect((await ask(head("DELETE /api/runs HTTP/1.1", `Host: 127.0.0.1:${port}\r\n`))).status).toBe(401);
  });

  it("answers CONNECT 405 in a line, where Node closed the connection without a word", async () => {
    const answer = await ask(head("CONNECT evil.example:443 HTTP/1.1", "Host: evil.example:443\r\n"));
    expect(answer.status).toBe(405);
    expect(errorOf(answer.body)).toBe("Method not allowed: CONNECT; this server is not a proxy");
  });

  it("answers what Node's parser refuses with a body saying what was wrong, where it sent a bare status", async () => {
    const line = await ask(head(`GET /api/runs?x=${"a".repeat(1 << 20)} HTTP/1.1`));
    expect(line.status).toBe(431);
    expect(errorOf(line.body)).toBe("Request head too large: expected the request line and headers in at most 16 KB");
    const method = await ask(head("FOO /api/runs HTTP/1.1"));
    expect([method.status, errorOf(method.body)]).toEqual([400, "Malformed HTTP request: Invalid method encountered"]);
    const length = await ask(`POST /api/runs/r1/cancel HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: abc\r\n\r\n{}`);
    expect([length.status, errorOf(length.body)]).toEqual([400, "Malformed HTTP request: Invalid character in Content-Length"]);
  });

  it("serves only a path: an absolute URL naming another host, or `*`, is 400; a Host the adapter cannot read is 403", async () => {
    const absolute = await ask(head("GET http://evil.example/api/runs HTTP/1.1"));
    expect(absolute.status).toBe(400);
    expect(errorOf(absolute.body)).toBe("Bad request: expected a request target that is a path starting with `/`, got `http://evil.example/api/runs`");
    const star = await ask(head("OPTIONS * HTTP/1.1"));
    expect([star.status, errorOf(star.body)]).toEqual([400, "Bad request: expected a request target that is a path starting with `/`, got `*`"]);
    const userinfo = await ask(head("GET /api/runs HTTP/1.1", `Host: evil@127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\n`));
    expect([userinfo.status, errorOf(userinfo.body)]).toEqual([403, `Forbidden: expected Host 127.0.0.1:${port} or localhost:${port}`]);
  });

  it("cuts a client that sends its request head a byte at a time, with 408 and a line, once the head time is up", async () => {
    const answer = await rawExchange(port, head("GET /api/runs HTTP/1.1"), { everyMs: 200, giveUpMs: 10_000 });
    expect(answer.status).toBe(408);
    expect(errorOf(answer.body)).toBe("Request too slow: expected its head within 1 s and the whole request within 2 s");
    expect(answer.ms).toBeGreaterThanOrEqual(900);
    // The paths still answer a client that sends its head at once.
    expect((await ask(head("GET /api/runs HTTP/1.1"))).status).toBe(200);
  });
});
