import type { Command } from "commander";
import type { CliContext } from "../main.js";
import { findProjectRoot } from "../../spec/root.js";
import type { RunSummary } from "../../run/context.js";
import { integerFlag } from "../integer-flag.js";
import { projectFlag } from "../project-flag.js";

interface Flags {
  project: string;
  port: string;
}

/** A fixed default, so a restarted dashboard is where the open page looks for it. */
export const DEFAULT_DASHBOARD_PORT = 7420;

/** `orchestrate dashboard`: the project's runs in a browser, live, on 127.0.0.1. */
export function registerDashboard(program: Command, ctx: CliContext): void {
  program
    .command("dashboard")
    .description("serve a live web dashboard of the project's runs on 127.0.0.1 (the printed URL carries its token)")
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("--port <n>", "port on 127.0.0.1 (0: a free one)", String(DEFAULT_DASHBOARD_PORT))
    .action(async (flags: Flags) => {
      const port = portFlag("--port", flags.port);
      const root = findProjectRoot(flags.project);
      // The server, the page and the engine load here, not at every CLI start.
      const { openDashboard } = await import("../../dashboard/server/open.js");
      const stop = new Promise<string>((resolve) => {
        process.once("SIGINT", () => resolve("SIGINT")).once("SIGTERM", () => resolve("SIGTERM"));
      });
      const dashboard = await openDashboard(root, port, { onError: printError });
      process.stdout.write(`orchestrate dashboard: ${dashboard.url}\n`);
      const signal = await stop;
      // The address without its token: the line may end up in a log.
      const served = `${new URL(dashboard.url).origin}/`;
      const resumed = dashboard.runs.ids();
      if (resumed.length) process.stdout.write(`orchestrate dashboard: ${signal}: stopping the runs it resumed (${resumed.join(", ")}): their running attempts get the grace period (again to cancel them now)\n`);
      // A second signal cancels the runs it resumed at once instead of waiting out the grace period.
      const again = () => void dashboard.runs.stopAll("SIGINT");
      process.on("SIGINT", again).on("SIGTERM", again);
      let ended: RunSummary[];
      try {
        ended = await dashboard.runs.stopAll(signal);
        await dashboard.close();
      } finally {
        process.off("SIGINT", again).off("SIGTERM", again);
      }
      process.stdout.write(`orchestrate dashboard: stopped (${signal}); it served ${served}\n`);
      // As `run`: a run this process drove and cut short is interrupted, exit 130; nothing cut, exit 0.
      const interrupted = ended.filter((s) => s.state === "interrupted");
      for (const s of interrupted) process.stdout.write(`Interrupted run ${s.runId}. Continue with: orchestrate resume ${s.runId}${projectFlag(flags.project)}\n`);
      ctx.exitCode = interrupted.length ? 130 : 0;
    });
}

export function portFlag(flag: string, text: string): number {
  return integerFlag(flag, text, { min: 0, max: 65_535 });
}

function printError(error: unknown): void {
  process.stderr.write(`orchestrate dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
