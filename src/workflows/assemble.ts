import type { Agent, McpServerConfig } from "../agents/types.js";
import type { Config } from "../config/schema.js";
import type { RunOptions } from "../config/options.js";
import type { Plan, PlanModule } from "../plan/types.js";
import type { RunHooks } from "../run/context.js";
import type { SpecTree } from "../spec/types.js";
import type { Store } from "../store/types.js";
import type { FrontMatterReaders } from "../validate/front-matter-readers.js";
import { agentServerConfig } from "../agent-mcp/server-config.js";
import { bodyDigest } from "../plan/facts.js";
import { orderLayers } from "../plan/layers.js";
import { standardHooks } from "../run/hooks.js";
import { Orchestrator } from "../run/orchestrator.js";
import { reviewWith } from "../run/review.js";
import { gateHooks } from "../run/validation.js";
import { benchConfinement, setupLauncher } from "../run/confinement.js";
import { openStore } from "../store/open.js";
import { describeValidation, planValidation, type DiscoveredCheck, type ValidationPlan } from "../validate/discover.js";
import { gatesChange, gatesToKeep } from "../validate/kept-gates.js";
import { projectLayers, systemSpecText } from "./general.js";
import { workflows } from "./registry.js";
import type { AttemptExecutor } from "../run/executor.js";
import { ConfigError } from "../errors.js";
import { fileOwners } from "../spec/file-owners.js";
import { sharedBuildOutputs } from "../config/share.js";

/** The run's flags about its workspace: `--apply`, `--include-dirty`, `--keep-worktrees`. */
export interface WorkspaceFlags {
  apply?: boolean;
  includeDirty?: boolean;
  keep?: boolean;
}

/** What a run is made of, loaded and validated (project.ts loads it at once, open.ts only what the project uses). */
export interface RunInputs {
  config: Config;
  /** The config file's name; none without one. */
  file: string | undefined;
  options: RunOptions;
  agent: Agent;
  spec: SpecTree;
  /** The project's MCP servers (`.mcp.json`, then the config's). */
  servers: Record<string, McpServerConfig>;
  /** How the modules' validated front matter is read. */
  frontMatter: FrontMatterReaders;
}

export interface Assembled {
  orchestrator: Orchestrator;
  store: Store;
  options: RunOptions;
  validation: ValidationPlan;
  config: Config;
  /** The config file's name; none without one. */
  file?: string;
}

/**
 * The orchestrator of the project at `root` from its loaded inputs: the store, the standard
 * hooks (gates from the config, memory, the documentation step) and the workflow of each task type.
 */
export function assembleOrchestrator(root: string, inputs: RunInputs, opts: { hooks?: RunHooks; workspace?: WorkspaceFlags } = {}): Assembled {
  const { config, file, options, agent, spec, servers, frontMatter } = inputs;
  // Before the store opens: a queued run without a remote must not leave .orchestrate/ behind.
  // The gates in use: the project's as the run starts, or the ones a resumed run kept; a queued run's jobs carry its modules'.
  const gates: { inUse?: ValidationPlan } = {};
  const moduleGates = (id: string) => (gates.inUse?.discovered ?? []).filter((d) => d.level === "module" && d.target === id);
  const executor = options.queue ? queueExecutor(root, options, config, file, moduleGates) : undefined;
  // The process that runs modules groups its commits: one per turn of the event loop.
  const store = openStore(root, { group: true });
  const moduleServers = new Map(spec.modules.map((m) => [m.id, frontMatter.mcpServers(m.frontMatter, m.specFile)]));
  const layerOrder = orderLayers(spec, []);
  // Configured gates win; a level nobody configured gets what the project itself shows (its test runner, ...).
  const validation = planValidation(root, spec, config);
  gates.inUse = validation;
  const gatesOf = (v: ValidationPlan) => gateHooks(spec, { ...config, ...v.config }, layerOrder, options.timeoutMs, frontMatter, reviewWith(agent, root, options.timeoutMs));
  const hooks = opts.hooks ?? {
    ...standardHooks(root, store),
    ...gatesOf(validation),
    ownership: { mode: config.ownership ?? "warn", ownersOf: fileOwners(spec.modules) },
    mcpServersFor: (module: PlanModule, runId: string) => ({ ...servers, ...moduleServers.get(module.id), orchestrate: agentServerConfig(root, runId, module.id) }),
  };
  const layers = projectLayers(spec);
  const specs = new Map(spec.modules.map((m) => [m.id, { spec: m.specFile, digest: bodyDigest(m) }]));
  const orchestrator = new Orchestrator({
    root,
    store,
    agent,
    options,
    hooks,
    specs,
    ...(opts.hooks
      ? {}
      : {
          validation: (plan: Plan) => {
            const modules = new Set(plan.modules.map((m) => m.id));
            return { none: validation.none, lines: describeValidation(validation, modules), gates: gatesToKeep(validation.discovered, modules) };
          },
          keepGates: (kept: DiscoveredCheck[], plan: Plan) => {
            const inUse = planValidation(root, spec, config, kept);
            Object.assign(hooks, gatesOf(inUse));
            gates.inUse = inUse;
            return gatesChange(kept, validation.discovered, new Set(plan.modules.map((m) => m.id)));
          },
        }),
    workflows: workflows({ layers, system: systemSpecText(spec), ...(config.optimize ? { bench: config.optimize } : {}), benchConfinement: once(() => benchConfinement(root, config)) }),
    ...(config.layerFixRounds !== undefined ? { layerFixRounds: config.layerFixRounds } : {}),
    ...(executor ? { executor } : {}),
    isolation: { mode: options.isolation ?? "worktree", setup: { share: options.workspace?.share ?? [], ...(options.workspace?.setup ? { setup: options.workspace.setup } : {}), timeoutMs: options.workspace?.setupTimeoutMs ?? 600_000, launch: setupLauncher(root, config) }, warnings: sharedBuildOutputs(config).map((w) => w.message), ...opts.workspace },
  });
  return { orchestrator, store, options, validation, config, ...(file ? { file } : {}) };
}

/** The run's queue (`--queue`, config `queue`): workers reach its code through `queue.remote`, so a run without one cannot be queued. */
function queueExecutor(root: string, options: RunOptions, config: Config, file: string | undefined, moduleGates: (id: string) => DiscoveredCheck[]): AttemptExecutor {
  const { url, remote } = checkQueued(options.queue!, options, file);
  const setup = options.workspace?.setup;
  // Workers take the agent's options, gates and sandbox from this config, never from the worktree's file the agents can write.
  const queueOptions = { url, remote, root, config, moduleGates, ...(setup ? { setup: { command: setup, timeoutMs: options.workspace!.setupTimeoutMs } } : {}) };
  // Loaded when a queued run dispatches its first attempt: a run without a queue never needs BullMQ's side.
  let executor: Promise<AttemptExecutor> | undefined;
  const loaded = () => (executor ??= import("../queue/executor.js").then(({ QueueExecutor }) => new QueueExecutor(queueOptions)));
  return {
    run: async (attempt, io) => (await loaded()).run(attempt, io),
    close: async () => {
      if (executor) await (await executor).close();
    },
  };
}

/** A queued run's options that can be judged without asking Redis or git: a remote, and worktrees. */
export function checkQueued(queue: { url: string; remote?: string | undefined }, options: Pick<RunOptions, "isolation">, file: string | undefined): { url: string; remote: string } {
  const place = { ...(file ? { file } : {}), key: "queue.remote" };
  if (!queue.remote) throw new ConfigError("CONFIG_INVALID", "Expected `queue.remote` (or `--queue-remote`): a git URL the run and every worker can reach, got nothing", place);
  if (options.isolation === "shared") throw new ConfigError("CONFIG_INVALID", "Expected `isolation: worktree` for a queued run (workers' work arrives as commits), got `shared`", { ...place, key: "isolation" });
  return { url: queue.url, remote: queue.remote };
}

/** `fn`'s promise, made on the first call (bubblewrap is probed only by a run that needs it). */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= fn());
}
