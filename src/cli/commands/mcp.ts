import type { Command } from "commander";
import { randomBytes } from "node:crypto";
import type { CliContext } from "../main.js";
import { findProjectRoot } from "../../spec/root.js";
import { UsageError } from "../../errors.js";
import { MAX_TIMER_MS } from "../../timer.js";
import type { createOrchestrateMcpServer } from "../../mcp/server.js";
import type { Store } from "../../store/types.js";
import { integerFlag } from "../integer-flag.js";

interface Flags {
  project: string;
  http?: boolean;
  port: string;
  token?: string;
  sessionIdle: string;
  maxSessions: string;
}

/** The HTTP server's limits, from the flags. */
interface HttpLimits {
  sessionIdleMs: number;
  maxSessions: number;
}

/** The options that only serving HTTP reads, as commander names them and as the user writes them. */
const HTTP_ONLY: [string, string][] = [
  ["port", "--port"],
  ["token", "--token"],
  ["sessionIdle", "--session-idle"],
  ["maxSessions", "--max-sessions"],
];

/** `orchestrate mcp`: orchestrate's own tools for MCP clients, over stdio or loopback HTTP. */
export function registerMcp(program: Command, ctx: CliContext): void {
  program
    .command("mcp")
    .description("serve orchestrate to MCP clients (plan, run, status, resume, cancel, report, memory): stdio, or streamable HTTP on 127.0.0.1")
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("--http", "serve streamable HTTP on 127.0.0.1 instead of stdio")
    .option("--port <n>", "HTTP port (0: a free one; the URL is printed)", "0")
    .option("--token <token>", "bearer token HTTP clients must send, 32 characters or more (default: $ORCHESTRATE_MCP_TOKEN, else generated and printed to stderr)")
    .option("--session-idle <ms>", "HTTP: close a session after this long without a request", "1800000")
    .option("--max-sessions <n>", "HTTP: sessions open at once; more are answered 503", "100")
    .action(async (flags: Flags, command: Command) => {
      // Said, not ignored: `mcp --port 4000` without --http served stdio, and the client waiting on the port heard nothing.
      const httpOnly = HTTP_ONLY.filter(([key]) => command.getOptionValueSource(key) === "cli").map(([, flag]) => flag);
      if (!flags.http && httpOnly.length) {
        throw new UsageError(`${httpOnly.map((f) => `\`${f}\``).join(", ")} go${httpOnly.length === 1 ? "es" : ""} with \`--http\` (orchestrate mcp --http ${httpOnly[0]} ...); without it the server speaks over stdio`);
      }
      const port = integerFlag("--port", flags.port, { min: 0, max: 65_535 });
      const limits: HttpLimits = {
        sessionIdleMs: integerFlag("--session-idle", flags.sessionIdle, { min: 1, max: MAX_TIMER_MS }),
        maxSessions: integerFlag("--max-sessions", flags.maxSessions, { min: 1, max: 1_000_000 }),
      };
      const given = flags.http ? (flags.token ?? process.env.ORCHESTRATE_MCP_TOKEN) : undefined;
      if (given) {
        const { checkToken } = await import("../../mcp/http.js");
        checkToken(given, flags.token !== undefined ? "`--token`" : "`ORCHESTRATE_MCP_TOKEN`");
      }
      const root = findProjectRoot(flags.project);
      // The MCP SDK and the engine load here, not at every CLI start.
      const [{ LiveRuns }, { createOrchestrateMcpServer }] = await Promise.all([import("../../mcp/runs.js"), import("../../mcp/server.js")]);
      const onError = (error: unknown) => process.stderr.write(`orchestrate mcp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      const runs = new LiveRuns(root, { onError: (runId, error) => onError(new Error(`run ${runId} stopped with an error`, { cause: error })) });
      // Over HTTP the port is taken first: a port in use is a message, with nothing written to the project.
      let store: Store | undefined;
      const create = () => createOrchestrateMcpServer({ root, store: store!, runs });
      // Listening before serving: a signal with no listener would kill the process outright.
      const stop = stopRequested(flags.http ? undefined : process.stdin);
      const closeHttp = flags.http ? await serveOverHttp(create, port, given, limits, onError) : undefined;
      try {
        store = (await import("../../store/open.js")).openStore(root);
      } catch (error) {
        await closeHttp?.();
        throw error;
      }
      try {
        const close = closeHttp ?? (await serveOverStdio(create));
        const signal = await stop;
        // A second signal cancels running agents at once instead of waiting out the grace period.
        const again = () => runs.stopAll("SIGINT");
        process.on("SIGINT", again).on("SIGTERM", again);
        try {
          await runs.stopAll(signal);
          await close();
        } finally {
          process.off("SIGINT", again).off("SIGTERM", again);
        }
        ctx.exitCode = 0;
      } finally {
        store.close();
      }
    });
}

async function serveOverStdio(create: () => ReturnType<typeof createOrchestrateMcpServer>): Promise<() => Promise<void>> {
  const { BoundedStdioTransport } = await import("../../agent-mcp/stdio.js");
  const server = create();
  await server.connect(new BoundedStdioTransport());
  return () => server.close();
}

async function serveOverHttp(
  create: () => ReturnType<typeof createOrchestrateMcpServer>,
  port: number,
  given: string | undefined,
  limits: HttpLimits,
  onError: (e: unknown) => void,
): Promise<() => Promise<void>> {
  // 24 random bytes are 32 base64url characters: the minimum length, 192 bits.
  const token = given || randomBytes(24).toString("base64url");
  const { serveHttp } = await import("../../mcp/http.js");
  const serving = await serveHttp(create, { port, token, onError, ...limits }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`Cannot serve on 127.0.0.1:${port}: the port is in use; choose another with \`--port\`, or \`--port 0\` for a free one`);
    if (code === "EACCES") throw new UsageError(`Cannot serve on 127.0.0.1:${port}: permission denied; choose a port from 1024 up, or \`--port 0\` for a free one`);
    throw error;
  });
  if (!given) process.stderr.write(`orchestrate mcp: token (send as \`Authorization: Bearer <token>\`): ${token}\n`);
  process.stdout.write(`orchestrate MCP server listening on ${serving.url}\n`);
  return () => serving.close();
}

/** Resolves with the signal's name on SIGINT or SIGTERM, or `"eof"` when `input` (the stdio client) ends. */
function stopRequested(input: NodeJS.ReadableStream | undefined): Promise<string> {
  return new Promise((resolve) => {
    const done = (reason: string) => {
      process.off("SIGINT", onInt).off("SIGTERM", onTerm);
      input?.off("end", onEnd);
      resolve(reason);
    };
    const onInt = () => done("SIGINT");
    const onTerm = () => done("SIGTERM");
    const onEnd = () => done("eof");
    process.on("SIGINT", onInt).on("SIGTERM", onTerm);
    input?.on("end", onEnd);
  });
}
