import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readBody } from "./model-server.js";

/**
 * A scripted Anthropic Messages API on 127.0.0.1 for the real Claude Code binary
 * (see /work/shared/notes/claude-code-offline.md). Unlike `model-server.ts` every message
 * gets its own id: Claude Code merges assistant messages that share an id, which would
 * freeze a turn counter. The script is stateless: it sees the request and its turn (the
 * count of assistant messages), so retries and resumed sessions cannot desync it. Calls
 * without tools (side calls such as titles) get a short text and never reach the script.
 */

export interface FakeRequest {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  turn: number;
  /** From `Primary working directory: /abs` in the request. */
  cwd?: string;
}

export type FakeReply =
  | { text?: string; tools?: Array<{ id?: string; name: string; input: unknown }>; usage?: { input: number; output: number } }
  | { status: number; message?: string }
  | { hang: true };

export type FakeScript = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface ClaudeFake {
  url: string;
  /** Main-loop requests, in arrival order, with the HTTP status answered (or "hang"). */
  requests: Array<FakeRequest & { answer: number | "hang" }>;
  /** Hanging requests whose client has not hung up yet. */
  openHangs(): number;
  close(): Promise<void>;
}

let messageCount = 0;

function sse(res: ServerResponse, type: string, data: Record<string, unknown>): void {
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

function answer(res: ServerResponse, model: string, reply: Extract<FakeReply, { text?: string }>): void {
  const usage = reply.usage ?? { input: 100, output: 20 };
  const blocks: Array<Record<string, unknown>> = reply.text ? [{ type: "text", text: reply.text }] : [];
  for (const [i, call] of (reply.tools ?? []).entries()) {
    blocks.push({ type: "tool_use", id: call.id ?? `toolu_${++messageCount}_${i}`, name: call.name, input: call.input });
  }
  const message = { id: `msg_fake_${++messageCount}`, type: "message", role: "assistant", model, content: [] };
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const start = { ...message, stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } };
  sse(res, "message_start", { message: start });
  blocks.forEach((block, index) => {
    const text = block.type === "text";
    sse(res, "content_block_start", { index, content_block: text ? { type: "text", text: "" } : { ...block, input: {} } });
    const delta = text
      ? { type: "text_delta", text: block.text }
      : { type: "input_json_delta", partial_json: JSON.stringify(block.input) };
    sse(res, "content_block_delta", { index, delta });
    sse(res, "content_block_stop", { index });
  });
  const stop_reason = reply.tools?.length ? "tool_use" : "end_turn";
  sse(res, "message_delta", { delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output } });
  sse(res, "message_stop", {});
  res.end();
}

async function handle(script: FakeScript, log: ClaudeFake["requests"], hangs: Set<ServerResponse>, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "").split("?")[0];
  const raw = await readBody(req);
  if (req.method !== "POST" || path !== "/v1/messages") {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: `no route ${req.method} ${path}` } }));
    return;
  }
  const body = JSON.parse(raw) as { messages: Array<{ role: string }>; model?: string; tools?: unknown[] };
  const model = body.model ?? "claude-sonnet-4-5";
  if (!body.tools?.length) return answer(res, model, { text: "ok" });
  const turn = body.messages.filter((m) => m.role === "assistant").length;
  const cwd = /Primary working directory: ([^\s"\\]+)/.exec(raw)?.[1];
  const request: FakeRequest = { body, turn, ...(cwd && { cwd }) };
  const reply = await script(request);
  log.push({ ...request, answer: "hang" in reply ? "hang" : "status" in reply ? reply.status : 200 });
  if ("hang" in reply) {
    // Never answered; the client hanging up (or close()) ends it.
    hangs.add(res);
    res.on("close", () => hangs.delete(res));
    return;
  }
  if ("status" in reply) {
    res.writeHead(reply.status, { "content-type": "application/json" });
    const error = { type: "api_error", message: reply.message ?? `scripted HTTP ${reply.status}` };
    res.end(JSON.stringify({ type: "error", error }));
    return;
  }
  answer(res, model, reply);
}

export async function startClaudeFake(script: FakeScript): Promise<ClaudeFake> {
  const requests: ClaudeFake["requests"] = [];
  const hangs = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(script, requests, hangs, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: `fake script failed: ${String(error)}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openHangs: () => hangs.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The environment that keeps Claude Code offline, on the fake, with config under `home`. */
export function claudeEnv(url: string, home: string): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: "sk-ant-dummy",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_MAX_RETRIES: "1",
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, ".claude"),
    // Root may not skip permissions unless it says it is in a sandbox.
    ...(process.getuid?.() === 0 && { IS_SANDBOX: "1" }),
  };
}
