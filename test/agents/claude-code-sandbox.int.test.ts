import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { delimiter } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ClaudeCodeOptions } from "../../src/agents/claude-code.js";
import { setup, toolResults } from "./claude-code-helpers.js";
import { gitSync, isGone, makeContext, makeTask, pidsWithEnv, tempDir } from "./helpers.js";

// The real Claude Code binary, its Bash allowed, against a scripted fake Messages API: the
// scripted model runs one command that tries to leave the workspace, read a secret variable and
// a file under $HOME, and reach a server on this machine. Claude Code's sandbox needs bubblewrap
// and socat on Linux (scripts/system-deps.sh installs them).

const SECRET = "tok-3f9a-do-not-show";

/** An HTTP GET through the proxy Claude Code gives its sandboxed commands, or straight when there is none. */
const FETCH = `
const http = require("node:http");
const target = process.argv[2];
const proxy = process.env.HTTP_PROXY ? new URL(process.env.HTTP_PROXY) : undefined;
const auth = proxy && "Basic " + Buffer.from(decodeURIComponent(proxy.username) + ":" + decodeURIComponent(proxy.password)).toString("base64");
const options = proxy ? { host: proxy.hostname, port: proxy.port, path: target, headers: { host: new URL(target).host, "proxy-authorization": auth } } : target;
http.get(options, (res) => {
  let body = "";
  res.on("data", (chunk) => (body += chunk));
  res.on("end", () => console.log("fetch: " + res.statusCode + " " + body.slice(0, 80)));
}).on("error", (error) => console.log("fetch failed: " + error.message));
`;

/** Where `name` is on our PATH. */
function onPathAt(name: string): string {
  const dir = (process.env.PATH ?? "").split(delimiter).find((d) => d && existsSync(join(d, name)));
  if (!dir) throw new Error(`${name} is not on PATH (scripts/system-deps.sh installs it)`);
  return join(dir, name);
}

const servers: Array<() => void> = [];
afterEach(() => {
  for (const close of servers.splice(0)) close();
});

/** A server on 127.0.0.1 that counts its requests. */
async function target(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end("reached");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/probe`, hits: () => hits };
}

/** One attempt whose model runs the escape command once (asking to leave the sandbox), then ends. */
async function escapeAttempt(options: ClaudeCodeOptions) {
  const outside = await tempDir();
  const server = await target();
  const command = [
    `echo escaped > ${outside}/escape.txt`,
    'echo "token=[$MY_API_TOKEN] key=[$ANTHROPIC_API_KEY]"',
    "echo planted >> .git/config; echo planted > .git/planted; echo planted > .orchestrate/state.db",
    'cat "$HOME/secret.txt"',
    `node fetch.cjs ${server.url}`,
    "echo made > made.txt",
  ].join("; ");
  const { fake, agent, home, cwd } = await setup(
    (req) => {
      if (req.turn === 0) return { tools: [{ name: "Bash", input: { command, description: "Try to leave", dangerouslyDisableSandbox: true } }] };
      return { text: "Done." };
    },
    { allowedTools: ["Bash"], ...options, env: { MY_API_TOKEN: SECRET, ...options.env } },
  );
  writeFileSync(join(home, "secret.txt"), "home-secret-7c1d\n");
  writeFileSync(join(cwd, "fetch.cjs"), FETCH);
  gitSync(cwd, "init", "-q");
  mkdirSync(join(cwd, ".orchestrate"));
  writeFileSync(join(cwd, ".orchestrate", "state.db"), "the store\n");
  const result = await agent.run(makeTask(cwd), makeContext().ctx);
  const output = fake.requests[1] ? toolResults(fake.requests[1]).join("\n") : "";
  const planted = existsSync(join(cwd, ".git", "planted")) || readFileSync(join(cwd, ".git", "config"), "utf8").includes("planted") || readFileSync(join(cwd, ".orchestrate", "state.db"), "utf8").includes("planted");
  return { result, output, cwd, escaped: existsSync(join(outside, "escape.txt")), planted, hits: server.hits() };
}

describe("claude-code agent: Bash in Claude Code's sandbox (real Claude Code binary)", () => {
  it("confines an allowed Bash: no write outside the workspace, no secret variable, no home, no network, no way out", async () => {
    const { result, output, cwd, escaped, planted, hits } = await escapeAttempt({});

    expect(result).toMatchObject({ ok: true, summary: "Done." });
    expect(escaped).toBe(false);
    expect(output).toMatch(/escape\.txt: Read-only file system/);
    expect(output).toContain("token=[] key=[]");
    expect(output).not.toContain(SECRET);
    // The repository and the engine's state stay as they were.
    expect(planted).toBe(false);
    expect(output).toMatch(/\.orchestrate\/state\.db: Read-only file system/);
    expect(output).not.toContain("home-secret-7c1d");
    expect(output).toMatch(/secret\.txt: No such file or directory/);
    // Its proxy refuses every host: the server is never reached.
    expect(output).toMatch(/fetch: 403 Connection blocked by network allowlist/);
    expect(hits).toBe(0);
    // The workspace stays writable.
    expect(readFileSync(join(cwd, "made.txt"), "utf8")).toBe("made\n");
  }, 60_000);

  it("with sandbox.network: true, reaches hosts through Claude Code's proxy, still confined otherwise", async () => {
    const { result, output, escaped, planted, hits } = await escapeAttempt({ sandbox: { network: true } });

    expect(result.ok).toBe(true);
    expect(output).toContain("fetch: 200 reached");
    expect(hits).toBe(1);
    expect(escaped || planted).toBe(false);
    expect(output).toContain("token=[] key=[]");
  }, 60_000);

  it("with sandbox: { mode: none }, runs Bash unconfined as before", async () => {
    const { result, output, escaped, planted, hits } = await escapeAttempt({ sandbox: { mode: "none" } });

    expect(result.ok).toBe(true);
    expect(escaped && planted).toBe(true);
    expect(output).toContain(`token=[${SECRET}] key=[sk-ant-dummy]`);
    expect(output).toContain("home-secret-7c1d");
    expect(output).toContain("fetch: 200 reached");
    expect(hits).toBe(1);
  }, 60_000);

  it("leaves no sandboxed process behind when the attempt is cancelled", async () => {
    const mark = `ORCHESTRATE_SANDBOX_MARK=${process.pid}-${Date.now()}`;
    const { agent, cwd } = await setup(
      (req) => (req.turn === 0 ? { tools: [{ name: "Bash", input: { command: "tail -f /dev/null & echo started > started.txt; wait", description: "Wait" } }] } : { text: "done" }),
      { allowedTools: ["Bash"], env: { ORCHESTRATE_SANDBOX_MARK: mark.split("=")[1]! } },
    );
    const controller = new AbortController();
    const running = agent.run(makeTask(cwd, { timeoutMs: 600_000 }), makeContext(controller.signal).ctx);
    await expect.poll(() => existsSync(join(cwd, "started.txt")), { timeout: 30_000 }).toBe(true);
    // Claude Code, bubblewrap, the shell and its `tail`, seen from here by the mark in their environment.
    const pids = pidsWithEnv(mark);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    controller.abort();
    expect(await running).toMatchObject({ cancelled: true });
    await expect.poll(() => pids.filter((pid) => !isGone(pid)), { timeout: 5_000 }).toEqual([]);
  }, 60_000);

  it("fails the attempt with one line naming what to install when socat is missing, before Claude Code starts", async () => {
    const bin = await tempDir();
    symlinkSync(onPathAt("bwrap"), join(bin, "bwrap"));
    const { fake, agent, cwd } = await setup(() => ({ text: "unused" }), { allowedTools: ["Bash(npm test:*)"], env: { PATH: bin } });
    const result = await agent.run(makeTask(cwd), makeContext().ctx);

    expect(result).toMatchObject({ ok: false, nonRetryable: true });
    expect(result.error).toBe(
      "claude-code: its Bash runs in Claude Code's sandbox, which cannot start here (socat is not installed): install bubblewrap and socat (apt-get install bubblewrap socat), or set `sandbox: { mode: none }` in orchestrate.config.yaml to run it unconfined",
    );
    expect(fake.requests).toHaveLength(0);
  }, 30_000);
});
