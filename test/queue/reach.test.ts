import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { reachRedis } from "../../src/queue/reach.js";
import { freePort } from "../helpers/redis.js";

/** A loopback server that answers each command with `reply` (RESP), or never when it is undefined. */
async function fakeRedis(reply: ((command: string) => string) | undefined): Promise<{ server: Server; url: string }> {
  const server = createServer((socket) => {
    socket.on("data", (data) => {
      // ioredis pipelines its first commands: one reply per RESP array, each named by its first word.
      const commands = [...data.toString().matchAll(/\*\d+\r\n\$\d+\r\n(\w+)/g)].map((m) => m[1]!.toUpperCase());
      if (reply) for (const c of commands) socket.write(reply(c));
    });
    socket.on("error", () => undefined);
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `redis://:pw@127.0.0.1:${port}` };
}

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("reachRedis", () => {
  it("says in one line, within the time given, that nothing listens at the URL", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    await expect(reachRedis(url, 2000)).rejects.toThrow(new RegExp(`^Expected Redis at redis://127\\.0\\.0\\.1:\\d+ to answer, got: connect ECONNREFUSED .*\\(is it running, and is the URL right\\?\\)$`));
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("gives up on a server that never answers, and passes Redis's own refusal on without the password", async () => {
    const silent = await fakeRedis(undefined);
    servers.push(silent.server);
    await expect(reachRedis(silent.url, 300)).rejects.toMatchObject({ code: "QUEUE", message: expect.stringMatching(/^Expected Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? to answer, got: .*300 ms/) });

    const refusing = await fakeRedis((command) => (command === "AUTH" ? "-WRONGPASS invalid username-password pair\r\n" : "+PONG\r\n"));
    servers.push(refusing.server);
    await expect(reachRedis(refusing.url, 2000)).rejects.toThrow(/got: WRONGPASS invalid username-password pair/);
  });

  it("says that an HTTP server at the URL is not Redis, in one line without ioredis's 'Please report this'", async () => {
    const { createServer: createHttp } = await import("node:http");
    const http = createHttp((_, res) => res.end("<html>not redis</html>"));
    http.on("connection", (s) => sockets.add(s));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    servers.push(http as unknown as Server);
    const url = `redis://:pw@127.0.0.1:${(http.address() as { port: number }).port}`;
    const error = await reachRedis(url, 2000).then(() => undefined, (e: Error) => e);
    expect(error).toMatchObject({ code: "QUEUE" });
    expect(error!.message).toMatch(/^redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? does not answer as Redis \(its reply starts with "H", which is no Redis reply\): another service listens on that port/);
    expect(error!.message).not.toMatch(/report|\n/);
  });

  it("resolves when Redis answers PING", async () => {
    const redis = await fakeRedis((command) => (command === "PING" ? "+PONG\r\n" : "+OK\r\n"));
    servers.push(redis.server);
    await expect(reachRedis(redis.url, 2000)).resolves.toBeUndefined();
  });
});

describe("no Redis at the URL", () => {
  it("a worker stops at start with the one line, instead of waiting forever deaf to Ctrl-C", async () => {
    const { startWorker } = await import("../../src/queue/worker.js");
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(startWorker({ url, home: "/nonexistent/orchestrate-worker-home", connectTimeoutMs: 2000 })).rejects.toThrow(/^Expected Redis at .* to answer, got: connect ECONNREFUSED/);
  });

  it("a queued run's attempt fails with the one line, instead of hanging in BullMQ's close", async () => {
    const { QueueExecutor } = await import("../../src/queue/executor.js");
    const url = `redis://127.0.0.1:${await freePort()}`;
    const executor = new QueueExecutor({ url, remote: "/nonexistent.git", root: "/nonexistent", connectTimeoutMs: 2000 });
    const io = { signal: new AbortController().signal, earlier: [] } as unknown as Parameters<InstanceType<typeof QueueExecutor>["run"]>[1];
    await expect(executor.run({} as Parameters<InstanceType<typeof QueueExecutor>["run"]>[0], io)).rejects.toThrow(/^Expected Redis at .* to answer, got: connect ECONNREFUSED/);
    await executor.close();
  });
});
