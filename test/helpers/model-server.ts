import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A scripted model server on 127.0.0.1 speaking the Anthropic Messages API
 * (`POST /v1/messages`) and the OpenAI Chat Completions API (`POST /v1/chat/completions`),
 * streaming and not. The script is stateless: it sees the request and its turn (the count
 * of assistant messages in it), so SDK retries cannot desync it.
 */

export type ModelApi = "anthropic" | "openai";

export interface ScriptRequest {
  api: ModelApi;
  // Request bodies are whatever the client sent; tests read them loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  turn: number;
  /** From `Working directory: /abs` or `Primary working directory: /abs` in the request text. */
  cwd?: string;
}

export interface ScriptedToolCall {
  id?: string;
  name: string;
  input?: unknown;
  /** OpenAI only: sent verbatim as `arguments` instead of `JSON.stringify(input)`. */
  rawArguments?: string;
}

export type Reply =
  /** `usage: null`: an OpenAI-compatible server that sends none. */
  | { text?: string; toolCalls?: ScriptedToolCall[]; usage?: { input: number; output: number } | null }
  | { status: number; retryAfter?: number; message?: string }
  | { hang: true }
  /** A 200 whose stream breaks off after its first event (the connection closed mid-response). */
  | { cut: true };

export type Script = (request: ScriptRequest) => Reply | Promise<Reply>;

export interface LoggedRequest extends ScriptRequest {
  path: string;
  headers: IncomingMessage["headers"];
  /** HTTP status answered, "hang" or "cut". */
  answer: number | "hang" | "cut";
}

export interface RunningModelServer {
  url: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

const DEFAULT_USAGE = { input: 100, output: 20 };

/** Every message gets its own id: clients such as Claude Code merge messages that share one. */
let messageCount = 0;

function sse(res: ServerResponse, event: string | undefined, data: unknown): void {
  res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
}

function halves(text: string): string[] {
  const mid = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, mid), text.slice(mid)];
}

type Answer = Extract<Reply, { usage?: unknown }>;

function anthropicBlocks(reply: Answer) {
  const blocks: Array<Record<string, unknown>> = reply.text ? [{ type: "text", text: reply.text }] : [];
  (reply.toolCalls ?? []).forEach((call, i) =>
    blocks.push({ type: "tool_use", id: call.id ?? `toolu_${i}`, name: call.name, input: call.input ?? {} }),
  );
  return blocks;
}

function answerAnthropic(res: ServerResponse, body: { stream?: boolean; model?: string }, reply: Answer): void {
  const usage = reply.usage ?? DEFAULT_USAGE;
  const blocks = anthropicBlocks(reply);
  const stop_reason = reply.toolCalls?.length ? "tool_use" : "end_turn";
  const message = { id: `msg_fake_${++messageCount}`, type: "message", role: "assistant", model: body.model ?? "fake", stop_sequence: null };
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    const json = { ...message, content: blocks, stop_reason, usage: { input_tokens: usage.input, output_tokens: usage.output } };
    res.end(JSON.stringify(json));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const start = { ...message, content: [], stop_reason: null, usage: { input_tokens: usage.input, output_tokens: 1 } };
  sse(res, "message_start", { type: "message_start", message: start });
  blocks.forEach((block, index) => {
    const empty = block.type === "text" ? { type: "text", text: "" } : { ...block, input: {} };
    sse(res, "content_block_start", { type: "content_block_start", index, content_block: empty });
    const deltas =
      block.type === "text"
        ? halves(block.text as string).map((text) => ({ type: "text_delta", text }))
        : halves(JSON.stringify(block.input)).map((partial_json) => ({ type: "input_json_delta", partial_json }));
    for (const delta of deltas) sse(res, "content_block_delta", { type: "content_block_delta", index, delta });
    sse(res, "content_block_stop", { type: "content_block_stop", index });
  });
  const delta = { stop_reason, stop_sequence: null };
  sse(res, "message_delta", { type: "message_delta", delta, usage: { output_tokens: usage.output } });
  sse(res, "message_stop", { type: "message_stop" });
  res.end();
}

function answerOpenAI(res: ServerResponse, body: { stream?: boolean; model?: string; stream_options?: { include_usage?: boolean } }, reply: Answer): void {
  const usage = reply.usage ?? DEFAULT_USAGE;
  const calls = (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${i}`,
    type: "function" as const,
    function: { name: call.name, arguments: call.rawArguments ?? JSON.stringify(call.input ?? {}) },
  }));
  const finish_reason = calls.length ? "tool_calls" : "stop";
  const tokens = { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output };
  const base = { id: `chatcmpl-fake-${++messageCount}`, created: 0, model: body.model ?? "fake" };
  if (!body.stream) {
    res.writeHead(200, { "content-type": "application/json" });
    const message = { role: "assistant", content: reply.text ?? null, refusal: null, ...(calls.length && { tool_calls: calls }) };
    res.end(JSON.stringify({ ...base, object: "chat.completion", choices: [{ index: 0, message, finish_reason, logprobs: null }], usage: tokens }));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: object, finish: string | null = null) =>
    sse(res, undefined, { ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  chunk({ role: "assistant", content: "" });
  for (const text of reply.text ? halves(reply.text) : []) chunk({ content: text });
  calls.forEach((call, index) => {
    const [first = "", second] = halves(call.function.arguments);
    chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: first } }] });
    if (second !== undefined) chunk({ tool_calls: [{ index, function: { arguments: second } }] });
  });
  chunk({}, finish_reason);
  if (body.stream_options?.include_usage && reply.usage !== null) sse(res, undefined, { ...base, object: "chat.completion.chunk", choices: [], usage: tokens });
  sse(res, undefined, "[DONE]");
  res.end();
}

/** Headers and one event, then the connection ends (FIN, so the event is read first) without the rest. */
function cutStream(res: ServerResponse, api: ModelApi): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const start =
    api === "anthropic"
      ? `event: message_start\ndata: ${JSON.stringify({ type: "message_start", message: { id: `msg_fake_${++messageCount}`, type: "message", role: "assistant", model: "fake", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 100, output_tokens: 1 } } })}\n\n`
      : `data: ${JSON.stringify({ id: `chatcmpl-fake-${++messageCount}`, object: "chat.completion.chunk", created: 0, model: "fake", choices: [{ index: 0, delta: { role: "assistant", content: "Let me" }, finish_reason: null }] })}\n\n`;
  res.write(start, () => res.socket?.end());
}

function answerError(res: ServerResponse, api: ModelApi, reply: { status: number; retryAfter?: number; message?: string }): void {
  const message = reply.message ?? `scripted HTTP ${reply.status}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
  const type = reply.status === 429 ? "rate_limit_error" : "api_error";
  const error = api === "anthropic" ? { type: "error", error: { type, message } } : { error: { message, type, code: null } };
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(error));
}

function textOf(body: unknown): string {
  return JSON.stringify(body ?? "").replace(/\\n/g, "\n");
}

/** The whole request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A server that answers every model request by running `script`. */
export function createModelServer(script: Script): { start(): Promise<RunningModelServer> } {
  return {
    async start() {
      const requests: LoggedRequest[] = [];
      const server = createServer((req, res) => {
        void (async () => {
          const path = (req.url ?? "").split("?")[0] ?? "";
          const api: ModelApi | undefined =
            path === "/v1/messages" ? "anthropic" : path === "/v1/chat/completions" ? "openai" : undefined;
          const raw = await readBody(req);
          if (req.method !== "POST" || !api) {
            res.writeHead(404, { "content-type": "application/json" });
            res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: `no route ${req.method} ${path}` } }));
            return;
          }
          const body = JSON.parse(raw) as { messages?: Array<{ role: string }>; model?: string; stream?: boolean };
          const turn = (body.messages ?? []).filter((m) => m.role === "assistant").length;
          const cwd = /(?:Primary working directory|Working directory): ([^\s"\\]+)/.exec(textOf(body))?.[1];
          const request: ScriptRequest = { api, body, turn, ...(cwd && { cwd }) };
          const reply = await script(request);
          const answer = "hang" in reply ? "hang" : "status" in reply ? reply.status : "cut" in reply ? "cut" : 200;
          requests.push({ ...request, path, headers: req.headers, answer });
          if ("hang" in reply) return; // never answered; close() destroys the socket
          if ("cut" in reply) return cutStream(res, api);
          if ("status" in reply) return answerError(res, api, reply);
          if (api === "anthropic") answerAnthropic(res, body, reply);
          else answerOpenAI(res, body, reply);
        })().catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: `model server script failed: ${String(error)}` } }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}
