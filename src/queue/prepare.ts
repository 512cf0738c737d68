import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { join, sep } from "node:path";
import type { Agent } from "../agents/types.js";
import type { PlanModule } from "../plan/types.js";
import type { GateResult } from "../validate/types.js";
import type { Config } from "../config/schema.js";
import { withDefaults } from "../config/options.js";
import { orderLayers } from "../plan/layers.js";
import { agentFor } from "../run/project.js";
import { reviewWith } from "../run/review.js";
import { gateHooks } from "../run/validation.js";
import { loadSpec } from "../spec/load.js";
import { planValidation, type DiscoveredCheck } from "../validate/discover.js";
import { FRONT_MATTER_READERS } from "../validate/front-matter.js";

/** What a worker runs an attempt with: the agent, and the module gate when one applies. */
export interface Prepared {
  agent: Agent;
  validate?: (module: PlanModule, signal: AbortSignal) => Promise<GateResult | undefined>;
  /** Instruction files this agent reads itself, left out of its prompt (RunOptions.prompt.agentReads). */
  agentReads?: string[];
  /** The commands the module's gate runs, for its prompt (RunHooks.gateCommands). */
  gateCommands?: (module: PlanModule) => string[];
}

/** Builds a job's agent and gate; the CLI's is `prepareFromProject`, tests may script one. */
export type Prepare = (dir: string, agentName: string, timeoutMs: number, config: Config, gates?: DiscoveredCheck[]) => Prepared;

/** Where a worker's config comes from, for the agent's option errors. */
const CONFIG_PLACE = "the run's config (sent with the job)";

/**
 * The agent and module gate for a job: the config is the coordinator's (the job's), never the
 * worktree's `orchestrate.config.yaml`, which the run's agents can write (an earlier module's
 * merged work is in the attempt's base): a `gates: { sandbox: false }` written there would run
 * this attempt's gates unconfined. The specs are the project's at the attempt's base, as the
 * coordinator would read them. The agent's keys come from this worker's environment. The agent's
 * sandbox reads what `workspace.share` names in the worktree, as this worker's gates do
 * (run/confinement.ts, from the same folder): a local agent's reads the checkout's.
 */
export function prepareFromProject(dir: string, agentName: string, timeoutMs: number, config: Config, gates?: DiscoveredCheck[]): Prepared {
  const file = CONFIG_PLACE;
  // The attempt names its agent as it shows it: `command:claude` is the `command` agent with its preset, which the config holds.
  const options = withDefaults(config, { agent: agentName.replace(/:.*$/, ""), timeoutMs });
  const shared = sharedHere(dir, config);
  const agent = agentFor(options, shared, file, dir);
  const spec = loadSpec(dir);
  // The run's module gate as it started (its job's `gates`), not what the worktree shows now.
  const validation = planValidation(dir, spec, shared, gates);
  const hooks = gateHooks(spec, { ...shared, ...validation.config }, orderLayers(spec, []), options.timeoutMs, FRONT_MATTER_READERS, reviewWith(agent, dir, options.timeoutMs));
  const validateModule = hooks.validateModule;
  return { agent, ...(options.prompt?.agentReads ? { agentReads: options.prompt.agentReads } : {}), ...(validateModule ? { validate: (module, signal) => validateModule(module, signal, dir) } : {}), gateCommands: hooks.gateCommands };
}

/**
 * `workspace.share` as this worktree has it once `workspace.setup` has run, each path pinned to
 * where it leads now: a worker has no checkout to link from, so the shared paths are what the
 * setup made. Left out: a path git tracks at the attempt's base (an agent's commit, a
 * `node_modules` link to a home folder), one missing now (an agent could make it, uncommitted,
 * for the next command or gate to open), and one leading inside the worktree (readable as part
 * of it, and an agent could swap it for a link elsewhere). Git not answering (no repository): none tracked.
 */
function sharedHere(dir: string, config: Config): Config {
  const share = config.workspace?.share ?? [];
  if (share.length === 0) return config;
  // `node_modules/` as a pathspec matches only a folder, and a committed link is a file.
  const bare = (path: string) => path.replace(/\/+$/, "");
  const git = spawnSync("git", ["ls-files", "-z", "--", ...share.map(bare)], { cwd: dir, encoding: "utf8", timeout: 10_000 });
  const tracked = git.status === 0 ? git.stdout.split("\0").filter(Boolean) : undefined;
  const untracked = tracked ? share.filter((path) => !tracked.some((t) => t === bare(path) || t.startsWith(`${bare(path)}/`))) : share;
  const top = realOrUndefined(dir);
  const pinned = untracked.map((path) => realOrUndefined(join(dir, path))).filter((real): real is string => real !== undefined && top !== undefined && !isUnder(real, top));
  return { ...config, workspace: { ...config.workspace, share: [...new Set(pinned)] } };
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

const isUnder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}${sep}`);
