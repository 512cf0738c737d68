import type { Redis } from "ioredis";
import { reconnectDelay } from "./connection.js";

/** How long a cancellation is kept, in seconds: as long as the ended jobs it is about. */
const KEEP_S = 7 * 24 * 3600;

/** How often a worker asks whether the jobs it holds were cancelled, in ms. */
export const CANCEL_POLL_MS = 1000;

/**
 * Cancellations of jobs by their run's coordinator (the run was stopped: Ctrl-C past its grace,
 * a budget that cancels): one key a job, which its worker reads while it holds the job, at its
 * start and before it pushes. Keys rather than pub/sub: a worker reconnecting to Redis when the
 * message went would never hear it; a key waits for it.
 */
export class Cancellations {
  private constructor(private readonly client: Redis) {}

  /** A connection of its own: BullMQ's connections block on their own commands. */
  static async open(url: string): Promise<Cancellations> {
    const { Redis } = await import("ioredis");
    const tls = url.startsWith("rediss:") && process.env.ORCHESTRATE_REDIS_TLS_INSECURE === "1" ? { tls: { rejectUnauthorized: false } } : {};
    const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: reconnectDelay, ...tls });
    // ioredis reconnects by itself; BullMQ's connections already say what is wrong.
    client.on("error", () => undefined);
    return new Cancellations(client);
  }

  /** Marks the job cancelled, saying why. */
  async mark(jobId: string, why: string): Promise<void> {
    await this.client.set(key(jobId), why, "EX", KEEP_S);
  }

  /** Whether the job is marked cancelled. */
  async marked(jobId: string): Promise<boolean> {
    return (await this.client.exists(key(jobId))) === 1;
  }

  /** Those of `jobIds` that are marked cancelled, each with why. */
  async markedOf(jobIds: readonly string[]): Promise<{ id: string; why: string }[]> {
    if (jobIds.length === 0) return [];
    const values = await this.client.mget(...jobIds.map(key));
    return jobIds.flatMap((id, i) => (values[i] == null ? [] : [{ id, why: values[i] }]));
  }

  /** Lets go of the connection at once: a Redis that is gone never answers a QUIT. */
  close(): void {
    this.client.disconnect();
  }
}

function key(jobId: string): string {
  return `orchestrate:cancelled:${jobId}`;
}
