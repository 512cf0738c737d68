import { Option, type Command } from "commander";
import type { TaskType } from "../../analyze/types.js";
import type { Overrides } from "../../run/project.js";
import { UsageError } from "../../errors.js";
import { BOUNDS } from "../../config/bounds.js";
import { integerFlag as integer } from "../integer-flag.js";
import { agentFlag } from "../agent-flag.js";
import { checkedUrl } from "../../queue/connection.js";

/** The flags `run` and `resume` share, as commander gives them. */
export interface RunFlags {
  project: string;
  agent?: string;
  concurrency?: string;
  schedule?: "ready" | "waves";
  retries?: string;
  timeout?: string;
  type?: TaskType;
  json?: boolean;
  /** `--dashboard` alone is `true`: a free port. */
  dashboard?: string | true;
  isolation?: "worktree" | "shared";
  apply?: boolean;
  includeDirty?: boolean;
  keepWorktrees?: boolean;
  /** `--no-queue`: false. */
  queue?: string | false;
  queueRemote?: string;
}

/** The flags `run` and `resume` share; `queueDefault`: where the queue comes from without `--queue`. */
export function runFlags(command: Command, queueDefault: string): Command {
  return command
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("-a, --agent <name>", "agent: simulate, command, claude-code, anthropic, openai (default: config, else simulate)")
    .option("-c, --concurrency <n>", "modules running at once (default: config, else 4)")
    .addOption(new Option("-s, --schedule <policy>", "ready: start modules as soon as their dependencies are done; waves: barrier between waves").choices(["ready", "waves"]))
    .option("-r, --retries <n>", "extra attempts after a failed one (default: config, else 1)")
    .option("--timeout <ms>", "time limit of one attempt in ms (default: config, else 1800000)")
    .option("--json", "print the run's status as JSON at the end (progress goes to stderr)")
    .option("--dashboard [port]", "serve the live web dashboard on 127.0.0.1 while the run lasts (default port: a free one; the URL goes to stderr)")
    .addOption(new Option("--isolation <mode>", "worktree: each attempt in its own git worktree, merged into the branch orchestrate/<run> (default in a git repository); shared: all agents in the working tree; a resumed run keeps the isolation it started with").choices(["worktree", "shared"]))
    .option("--apply", "isolated runs: at the end, fast-forward (or merge) the integration branch into your branch when your checkout is clean")
    .option("--keep-worktrees", "isolated runs: keep each attempt's worktree and branch (under .orchestrate/worktrees/) for inspection; `orchestrate clean` removes them")
    .option("--queue <url>", `run attempts on \`orchestrate worker\` processes through Redis (redis://HOST:PORT) instead of in this process (default: ${queueDefault})`)
    .option("--queue-remote <git-url>", `queued runs: the git remote workers fetch from and push to (default: ${queueDefault.replaceAll("queue.url", "queue.remote")})`);
}

export function workspaceFlags(flags: RunFlags & { includeDirty?: boolean }): { apply?: boolean; includeDirty?: boolean; keep?: boolean } {
  return { ...(flags.apply ? { apply: true } : {}), ...(flags.includeDirty ? { includeDirty: true } : {}), ...(flags.keepWorktrees ? { keep: true } : {}) };
}

/** Why each flag of an isolated run does nothing in a shared one. */
const ISOLATED_ONLY: [keyof RunFlags, string, string][] = [
  ["apply", "--apply", "there is no branch to bring in: the work is in your working tree already"],
  ["includeDirty", "--include-dirty", "the agents work in your working tree, uncommitted changes and all"],
  ["keepWorktrees", "--keep-worktrees", "there are no worktrees to keep"],
];

/**
 * A flag of isolated runs given to a run whose isolation is `shared` (`--isolation shared`, or the
 * config's `isolation: shared`, named by `source`): it did nothing, without a word. Undefined when none is.
 */
export function sharedConflict(flags: RunFlags, isolation: string | undefined, source: string, resumed = false): UsageError | undefined {
  if (isolation !== "shared") return undefined;
  const found = ISOLATED_ONLY.find(([key]) => flags[key] === true);
  if (!found) return undefined;
  const [, flag, why] = found;
  return new UsageError(`Expected \`${flag}\` with worktree isolation, got \`isolation: shared\` (${source}): ${why}; leave out \`${flag}\`${resumed ? " (a resumed run keeps the isolation it started with)" : ", or pass `--isolation worktree`"}`);
}

export function overrides(flags: RunFlags): Overrides {
  const o: Overrides = {};
  if (flags.agent) o.agent = agentFlag(flags.agent);
  if (flags.isolation) o.isolation = flags.isolation;
  const shared = sharedConflict(flags, flags.isolation, "`--isolation shared`");
  if (shared) throw shared;
  // Commander's `conflicts` cannot tell `--no-queue` from `--queue URL`: both set `queue`.
  if (flags.queue === false && flags.queueRemote) throw new UsageError("Expected `--no-queue` (attempts in this process) or `--queue-remote` (a queued run's git remote), got both");
  if (flags.queue === false) o.queue = false;
  // A URL that is not Redis's is said with the other flags, before the project is read or .orchestrate/ made.
  else if (flags.queue || flags.queueRemote) o.queue = { ...(flags.queue ? { url: checkedUrl(flags.queue) } : {}), ...(flags.queueRemote ? { remote: flags.queueRemote } : {}) };
  if (flags.schedule) o.schedule = flags.schedule;
  if (flags.concurrency !== undefined) o.concurrency = integer("--concurrency", flags.concurrency, BOUNDS.concurrency);
  if (flags.retries !== undefined) o.retries = integer("--retries", flags.retries, BOUNDS.retries);
  if (flags.timeout !== undefined) o.timeoutMs = integer("--timeout", flags.timeout, BOUNDS.timeoutMs);
  // Served only once the run starts; its port is checked with the other flags.
  if (typeof flags.dashboard === "string") integer("--dashboard", flags.dashboard, { min: 0, max: 65_535 });
  return o;
}
