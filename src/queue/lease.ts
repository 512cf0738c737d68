import type { Job } from "bullmq";

/**
 * A worker's hold on one job: its lock renewed by the attempt itself, and the attempt stopped
 * the moment Redis says the lock is no longer this worker's (Redis restarted without the job,
 * or came back after the lock expired, and BullMQ handed the job out again).
 *
 * BullMQ renews locks too, but keyed by job id: when a lost job comes back to the same worker
 * while the old copy still runs, the old copy's end untracks the new copy's lock, which then
 * expires and the job is lost again (4 times in a row after one Redis restart, seen under load).
 * The old copy itself learns nothing and runs on to a commit BullMQ refuses, after pushing it
 * over the branch the new copy pushes. Renewing from the attempt avoids both.
 */
export class Lease {
  private readonly aborts = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private renewing = false;
  private ended = false;

  constructor(
    private readonly job: Job,
    private readonly token: string,
    private readonly lockMs: number,
    private readonly onLost: (why: string) => void = () => undefined,
  ) {
    // A third of the lock: two renewals may be late (a loaded machine, a Redis round trip) before it expires.
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(lockMs / 3)));
    this.timer.unref();
  }

  /** Aborted with the reason when the job is no longer this worker's. */
  get signal(): AbortSignal {
    return this.aborts.signal;
  }

  get lost(): boolean {
    return this.aborts.signal.aborted;
  }

  /** Gives the job up: another copy of it took over, or Redis refused the lock. */
  lose(why: string): void {
    this.end();
    if (this.lost) return;
    this.aborts.abort(new Error(why));
    this.onLost(why);
  }

  /** The attempt is over: a renewal still in flight may meet the lock BullMQ just released, which is no loss. */
  end(): void {
    this.ended = true;
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    // While Redis is away the call waits for it (ioredis queues it): one in flight is enough.
    if (this.renewing || this.lost || this.ended) return;
    this.renewing = true;
    try {
      const held = await this.job.extendLock(this.token, this.lockMs);
      if (held !== 1 && !this.ended) this.lose("Redis no longer holds this worker's lock on it");
    } catch {
      // No answer is not a refusal: the lock may still be ours when Redis is back.
    } finally {
      this.renewing = false;
    }
  }
}
