import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BOUNDS } from "../../config/bounds.js";
import { MAX_TIMER_MS } from "../../timer.js";
import { integerFlag } from "../integer-flag.js";
import { agentFlag } from "../agent-flag.js";

interface Flags {
  queue: string;
  concurrency: string;
  agent?: string;
  dir?: string;
  stallMs: string;
}

/** `orchestrate worker`: runs queued runs' attempts on this machine until stopped. */
export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command("worker")
    .description("run attempts of queued runs (`run --queue`): fetch each from the queue's git remote, run the agent and module gate, push the commit back")
    .requiredOption("--queue <url>", "Redis: redis://[:password@]HOST:PORT[/db], rediss:// for TLS")
    .option("-c, --concurrency <n>", "attempts at once", "1")
    .option("-a, --agent <name>", "agent to run instead of the one each run names (its keys from this machine's environment)")
    .option("--dir <path>", "where to keep copies of remotes and the attempts' worktrees (default: a new temporary folder, removed at exit)")
    .option("--stall-ms <ms>", "job lock time: a killed worker's job is re-queued within about twice this", "30000")
    .action(async (flags: Flags) => {
      const concurrency = integerFlag("--concurrency", flags.concurrency, BOUNDS.concurrency);
      const stallMs = integerFlag("--stall-ms", flags.stallMs, { min: 1000, max: MAX_TIMER_MS });
      if (flags.agent) agentFlag(flags.agent);
      const [{ startWorker }, { checkedUrl, shownUrl }] = await Promise.all([import("../../queue/worker.js"), import("../../queue/connection.js")]);
      const url = checkedUrl(flags.queue);
      const home = flags.dir ? resolve(flags.dir) : mkdtempSync(join(tmpdir(), "orchestrate-worker-"));
      const log = (line: string) => process.stderr.write(`orchestrate worker: ${line}\n`);
      const stop = new Promise<string>((done) => {
        process.once("SIGINT", () => done("SIGINT")).once("SIGTERM", () => done("SIGTERM"));
      });
      const worker = await startWorker({ url, concurrency, home, stallMs, log, ...(flags.agent ? { agent: flags.agent } : {}), ...(flags.dir ? { keepHome: true } : {}) }).catch((error: unknown) => {
        // The temporary folder is the worker's to remove, also when it never started (no Redis).
        if (!flags.dir) rmSync(home, { recursive: true, force: true });
        throw error;
      });
      // Its name is what `status`, `report` and the dashboard show for each attempt it runs.
      log(`ready: worker ${worker.name} on ${shownUrl(url)}, ${concurrency} at once${flags.agent ? `, agent ${flags.agent}` : ""}, orchestrate ${worker.build}`);
      const signal = await stop;
      const again = () => {
        log("cancelling the attempts in hand");
        void worker.close({ cancel: true });
        // Closing waits for Redis, which may be gone for good: a second signal ends the worker in any case.
        setTimeout(() => process.exit(130), 3000).unref();
      };
      process.once("SIGINT", again).once("SIGTERM", again);
      log(`${signal}: finishing the attempts in hand (again to cancel them)`);
      await worker.close();
      process.off("SIGINT", again).off("SIGTERM", again);
      ctx.exitCode = 0;
    });
}
