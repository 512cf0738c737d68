/**
 * Runs inside the sandbox, before the command: `node relay.cjs <socket> [host:port ...] -- <command...>`.
 * The sandbox's network namespace has only its own loopback, so the relay listens there and
 * carries each connection to the host's allow-list proxy (allow-proxy.ts) through its Unix socket:
 * one port as HTTP(S)_PROXY for the command, and each loopback `host:port` the command may reach
 * on its own address, so that `ANTHROPIC_BASE_URL=http://127.0.0.1:8080` works as written. It then
 * runs the command with the proxy variables set and exits with its status.
 * Kept as text and written beside the socket: it must run from `src/` and `dist/` alike.
 */
export const RELAY_SCRIPT = String.raw`"use strict";
const net = require("node:net");
const { spawn } = require("node:child_process");
const [socket, ...rest] = process.argv.slice(2);
const cut = rest.indexOf("--");
const direct = rest.slice(0, cut);
const command = rest.slice(cut + 1);

function carry(client, target) {
  const up = net.connect(socket);
  up.on("error", () => client.destroy());
  client.on("error", () => up.destroy());
  if (!target) return void client.pipe(up).pipe(client);
  up.write("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
  let head = Buffer.alloc(0);
  const onData = (data) => {
    head = Buffer.concat([head, data]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) return;
    up.off("data", onData);
    if (!/^HTTP\/1\.[01] 200/.test(head.toString("latin1", 0, end))) return void (client.destroy(), up.destroy());
    if (head.length > end + 4) client.write(head.subarray(end + 4));
    client.pipe(up).pipe(client);
  };
  up.on("data", onData);
}

function listen(host, port, target) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((client) => carry(client, target));
    server.once("error", reject).listen(port, host, () => resolve(server.address().port));
  });
}

(async () => {
  for (const address of direct) {
    const at = address.lastIndexOf(":");
    const host = address.slice(0, at).replace(/^\[(.*)\]$/, "$1");
    const port = Number(address.slice(at + 1));
    // A client may resolve localhost to either; the sandbox's ::1 may be missing (IPv6 off).
    if (host === "localhost") await Promise.all([listen("127.0.0.1", port, address), listen("::1", port, address).catch(() => undefined)]);
    else await listen(host, port, address);
  }
  const port = await listen("127.0.0.1", 0);
  const proxy = "http://127.0.0.1:" + port;
  const noProxy = "localhost,127.0.0.1,::1";
  const env = { ...process.env, HTTPS_PROXY: proxy, HTTP_PROXY: proxy, https_proxy: proxy, http_proxy: proxy, NO_PROXY: noProxy, no_proxy: noProxy };
  const child = spawn(command[0], command.slice(1), { stdio: "inherit", env });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (require("node:os").constants.signals[signal] || 0)));
})().catch((error) => {
  process.stderr.write("orchestrate relay: " + error.message + "\n");
  process.exit(125);
});
`;
