import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { exampleProject } from "../mcp/process.js";
import { dashboardUrl, parts, raw, start, stopAll, type Child } from "./process.js";

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("orchestrate dashboard: the checks of mcp --http", () => {
  let project: ReturnType<typeof exampleProject>;
  let server: Child;
  let url: string;
  let base: string;
  let port: number;
  let token: string;

  beforeAll(async () => {
    project = exampleProject();
    server = start(project.root, ["dashboard", "--port", "0"]);
    url = await dashboardUrl(server, "stdout");
    ({ base, port, token } = parts(url));
  });
  afterAll(async () => {
    server?.child.kill("SIGTERM");
    expect(await server?.exited).toBe(0);
    stopAll();
    project?.remove();
  });

  it("prints a loopback URL with a token of 32 characters or more", () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it("answers 401 without the token, or with a wrong one", async () => {
    for (const path of ["/", "/api/runs", "/assets/app.js", "/api/runs/x/events"]) expect((await raw(`${base}${path}`)).status).toBe(401);
    expect((await raw(`${base}/api/runs`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    // The scheme's name in any case (RFC 9110): a `bearer` client was refused.
    expect((await raw(`${base}/api/runs`, { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    expect((await raw(`${base}/api/runs?token=${token.slice(1)}`)).status).toBe(401);
  });

  it("trades the URL's token for an HttpOnly SameSite=Strict cookie and drops it from the address", async () => {
    const first = await raw(url);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe("/");
    const cookie = String(first.headers["set-cookie"]);
    expect(cookie).toContain(`orchestrate_dashboard_${port}=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw(`${base}/`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/assets/app.js">');
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    const runs = await raw(`${base}/api/runs`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(runs.status).toBe(200);
    expect(JSON.parse(runs.body)).toEqual([]);
  });

  it("redirects only to a path of its own: a `//host` or `/\\host` address with the token does not send the browser to another site", async () => {
    for (const path of ["//evil.example/", "/\\evil.example/", "///evil.example/x"]) {
      const answer = await raw(`${base}${path}?token=${token}&run=1`);
      expect(answer.status).toBe(303);
      const location = String(answer.headers.location);
      expect(location).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, base).origin).toBe(new URL(base).origin);
      expect(location).not.toContain("token");
      expect(location).toContain("run=1");
    }
  });

  it("refuses a Host that is not its own (DNS rebinding), even with the token", async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, host: "evil.example" } })).status).toBe(403);
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, host: `evil.example:${port}` } })).status).toBe(403);
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, host: `127.0.0.1:${port + 1}` } })).status).toBe(403);
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, host: `localhost:${port}` } })).status).toBe(200);
  });

  it("refuses a foreign Origin, and actions from any page but its own", async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, origin: "https://evil.example" } })).status).toBe(403);
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, origin: "null" } })).status).toBe(403);
    expect((await raw(`${base}/api/runs`, { headers: { ...auth, origin: `http://localhost:${port}` } })).status).toBe(200);
    // Another local page (another port) is same-site for the cookie: it may read nothing it could not already, and act on nothing.
    const elsewhere = await raw(`${base}/api/runs/x/cancel`, { method: "POST", headers: { ...auth, origin: "http://localhost:1" } });
    expect(elsewhere.status).toBe(403);
    const own = await raw(`${base}/api/runs/x/cancel`, { method: "POST", headers: { ...auth, origin: base } });
    expect(own.status).toBe(404);
  });

  it("listens on 127.0.0.1 only", async () => {
    expect(await accepts("127.0.0.1", port)).toBe(true);
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === "IPv4").map((i) => i!.address);
    for (const address of others) expect(await accepts(address, port)).toBe(false);
  });

  it("refuses a port in use or out of range in one line, exit 2", () => {
    const busy = runCli(["dashboard", "--port", String(port), "--project", project.root]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toBe(`orchestrate: Expected port ${port} on 127.0.0.1 to be free, but something listens there; pick another with \`--port\` (0: any free one)\n`);
    const bad = runCli(["dashboard", "--port", "70000", "--project", project.root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("orchestrate: Expected `--port` to be an integer from 0 to 65535, got `70000`\n");
  });
});
