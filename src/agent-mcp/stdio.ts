import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** The largest message read, as the SDK's stdio transport: a line is held whole until its newline. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** How much of a line past the limit is kept: its end, where the SDK's client writes the request id. */
const TAIL = 64;

/**
 * MCP over stdio (one JSON-RPC message a line), answering what the SDK's transport drops. A line
 * over `maxBytes` made the SDK's transport close for good, leaving the process up with no one
 * reading and the client waiting; here it is skipped to its newline and answered with an error
 * (for its request id when the line ends with one, as the SDK's client writes it), and the next
 * line is read. A line that is no JSON or no JSON-RPC message is answered too (JSON-RPC's -32700
 * and -32600), where the SDK said nothing.
 */
export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The line being skipped, past the limit: its length so far and its last characters. */
  private skipping: { bytes: number; tail: string } | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  start(): Promise<void> {
    this.input.on("data", this.ondata);
    this.input.on("error", this.onInputError);
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.output.once("drain", resolve);
    });
  }

  close(): Promise<void> {
    this.input.off("data", this.ondata);
    this.input.off("error", this.onInputError);
    if (this.input.listenerCount("data") === 0) this.input.pause();
    this.held = [];
    this.heldBytes = 0;
    this.skipping = undefined;
    this.onclose?.();
    return Promise.resolve();
  }

  private readonly onInputError = (error: Error) => this.onerror?.(error);

  private readonly ondata = (data: Buffer | string) => {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    for (let at = 0; at < chunk.length; ) {
      const newline = chunk.indexOf(10, at);
      this.take(chunk.subarray(at, newline === -1 ? chunk.length : newline));
      if (newline === -1) return;
      this.lineEnded();
      at = newline + 1;
    }
  };

  /** Holds `piece` of the current line, or only its tail once the line is past the limit. */
  private take(piece: Buffer): void {
    if (this.skipping === undefined && this.heldBytes + piece.length <= this.maxBytes) {
      this.held.push(piece);
      this.heldBytes += piece.length;
      return;
    }
    const before = this.skipping ?? { bytes: this.heldBytes, tail: Buffer.concat(this.held).subarray(-TAIL).toString("latin1") };
    this.held = [];
    this.heldBytes = 0;
    this.skipping = { bytes: before.bytes + piece.length, tail: (before.tail + piece.subarray(-TAIL).toString("latin1")).slice(-TAIL) };
  }

  private lineEnded(): void {
    const skipped = this.skipping;
    if (skipped) {
      this.skipping = undefined;
      this.refuse(idAtEnd(skipped.tail), -32600, `Request too large: expected a message of at most ${size(this.maxBytes)}, got ${size(skipped.bytes)}; nothing of it was read`);
      return;
    }
    const line = Buffer.concat(this.held).toString("utf8").replace(/\r$/, "");
    this.held = [];
    this.heldBytes = 0;
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      this.refuse(null, -32700, `Parse error: expected one JSON-RPC message a line, got no JSON (${(error as Error).message})`);
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(json);
    if (!message.success) {
      const id = (json as { id?: unknown } | null)?.id;
      this.refuse(typeof id === "string" || typeof id === "number" ? id : null, -32600, "Invalid request: expected a JSON-RPC 2.0 request, notification or response");
      return;
    }
    this.onmessage?.(message.data);
  }

  private refuse(id: string | number | null, code: number, message: string): void {
    this.output.write(`${JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } })}\n`);
  }
}

/** The id a line ends with (`..., "id": 7}`), or null. */
function idAtEnd(tail: string): string | number | null {
  const match = /"id"\s*:\s*(-?\d+|"[^"\\]*")\s*\}\s*\r?$/.exec(tail);
  if (!match) return null;
  return match[1]!.startsWith('"') ? match[1]!.slice(1, -1) : Number(match[1]);
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString("en-US")} bytes`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
