import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCommandAgent } from "../../src/agents/command.js";
import type { CommandOptions } from "../../src/agents/command-options.js";
import { cleanup, makeContext, makeTask, tempDir } from "./helpers.js";

// A sandboxed command agent reaches the hosts `command.network` allows, by default its model
// endpoint, and nothing else: a CLI-like script calls its model at ANTHROPIC_BASE_URL, then
// tries another server straight and through the proxy it is given.

const CLI = String.raw`
const http = require("node:http"), net = require("node:net");
const say = (line) => process.stdout.write(line + "\n");
const [other, remote] = process.argv.slice(2);
function model() {
  return new Promise((done) => {
    const req = http.request(process.env.ANTHROPIC_BASE_URL + "/v1/messages", { method: "POST" }, (res) => {
      let body = ""; res.on("data", (d) => (body += d)).on("end", () => (say("model: " + body), done()));
    });
    req.on("error", (e) => (say("model: " + e.code), done())).end("{}");
  });
}
function straight(address) {
  const [host, port] = address.split(":");
  return new Promise((done) => net.connect(Number(port), host).on("data", (d) => (say("straight " + address + ": " + String(d).trim()), done())).on("error", (e) => (say("straight " + address + ": " + e.code), done())));
}
function tunnel(address) {
  if (!process.env.HTTPS_PROXY) return say("tunnel " + address + ": no proxy");
  const proxy = new URL(process.env.HTTPS_PROXY);
  return new Promise((done) => {
    const s = net.connect(Number(proxy.port), proxy.hostname, () => s.write("CONNECT " + address + " HTTP/1.1\r\nHost: " + address + "\r\n\r\n"));
    let got = ""; s.on("data", (d) => (got += d)).on("close", () => (say("tunnel " + address + ": " + got.split("\r\n")[0] + " " + got.split("\r\n\r\n")[1].trim()), done())).on("error", () => {});
  });
}
(async () => { await model(); await straight(other); await tunnel(other); if (remote) await tunnel(remote); })();
`;

function listening(server: Server | ReturnType<typeof createHttpServer>, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`${host}:${(server.address() as { port: number }).port}`)));
}

/** An address of this machine other than loopback: reached through the proxy, as a remote API is. */
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i?.family === "IPv4" && !i.internal)?.address;

let model: string, other: string, remote: string | undefined;
const servers: (Server | ReturnType<typeof createHttpServer>)[] = [];

beforeAll(async () => {
  const api = createHttpServer((req, res) => req.resume().on("end", () => res.end(`hello from ${req.url}`)));
  const elsewhere = createServer((socket) => socket.on("error", () => {}).end("other\n"));
  servers.push(api, elsewhere);
  model = await listening(api, "127.0.0.1");
  other = await listening(elsewhere, "127.0.0.1");
  if (lanAddress) {
    const far = createServer((socket) => socket.on("error", () => {}).end("remote\n"));
    servers.push(far);
    remote = await listening(far, lanAddress);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

afterEach(cleanup);

async function runCli(options: Partial<CommandOptions>): Promise<string> {
  const cwd = await tempDir();
  await writeFile(join(cwd, "cli.cjs"), CLI);
  const run = `node cli.cjs ${other} ${remote ?? ""}`;
  const agent = createCommandAgent({ run, sandbox: true, env: { ANTHROPIC_BASE_URL: `http://${model}` }, ...options });
  const result = await agent.run(makeTask(cwd), makeContext().ctx);
  expect(result.ok, result.error).toBe(true);
  return readFileSync(join(cwd, ".orchestrate", "runs", "run-1", "journal", "1", "stdout.log"), "utf8");
}

describe("command agent network", () => {
  it("by default reaches only the model endpoint its environment names", async () => {
    const out = await runCli({});
    expect(out).toContain("model: hello from /v1/messages\n");
    expect(out).toContain(`straight ${other}: ECONNREFUSED\n`);
    expect(out).toContain(`tunnel ${other}: HTTP/1.1 403 Forbidden orchestrate: ${other} is not in command.network\n`);
    if (remote) expect(out).toContain(`tunnel ${remote}: HTTP/1.1 403 Forbidden`);
  });

  it("reaches the listed hosts, straight on loopback and through the proxy elsewhere", async () => {
    const out = await runCli({ network: [model, ...(remote ? [remote] : [])] });
    expect(out).toContain("model: hello from /v1/messages\n");
    expect(out).toContain(`straight ${other}: ECONNREFUSED\n`);
    if (remote) expect(out).toContain(`tunnel ${remote}: HTTP/1.1 200 Connection Established remote\n`);
  });

  it("a listed localhost answers on localhost inside, as the base URL names it", async () => {
    const port = model.split(":")[1];
    const out = await runCli({ env: { ANTHROPIC_BASE_URL: `http://localhost:${port}` } });
    expect(out).toContain("model: hello from /v1/messages\n");
    expect(out).toContain(`straight ${other}: ECONNREFUSED\n`);
  });

  it.runIf(lanAddress)("forwards a plain-http request to a listed host given to the proxy in absolute form (curl behind HTTP_PROXY)", async () => {
    const api = createHttpServer((req, res) => res.end(`far ${req.url}`));
    servers.push(api);
    const far = await listening(api, lanAddress!);
    const cwd = await tempDir();
    const run = `curl -s "http://${far}/v1/models"; echo; curl -s -o /dev/null -w "%{http_code}\\n" "http://${remote}/"; true`;
    const agent = createCommandAgent({ run, sandbox: true, network: [far] });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);
    const out = readFileSync(join(cwd, ".orchestrate", "runs", "run-1", "journal", "1", "stdout.log"), "utf8");
    expect({ ok: result.ok, out }).toEqual({ ok: true, out: "far /v1/models\n403\n" });
  });

  it("network: false reaches nothing, not even the model", async () => {
    const out = await runCli({ network: false });
    expect(out).toContain("model: ECONNREFUSED\n");
    expect(out).toContain(`tunnel ${other}: no proxy\n`);
  });

  it("network: true keeps the whole network", async () => {
    const out = await runCli({ network: true });
    expect(out).toContain("model: hello from /v1/messages\n");
    expect(out).toContain(`straight ${other}: other\n`);
  });

  it("refuses a network entry that is not host:port", () => {
    expect(() => createCommandAgent({ run: "true", sandbox: true, network: ["api.example.com"] })).toThrow(/Expected `command.network` to be true, false or a list of host:port .*got `api.example.com` \(string\)/);
  });
});
