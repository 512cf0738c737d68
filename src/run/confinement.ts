import { homedir } from "node:os";
import { resolve } from "node:path";
import type { Config } from "../config/schema.js";
import { withSandboxDefaults } from "../sandbox/defaults.js";
import { probeFile } from "../sandbox/probe-kept.js";
import { toolCaches } from "../sandbox/caches.js";
import { buildTools } from "../validate/build-tools.js";
import { GATE_CHECKS, launchOwn, openGateConfinement, type ConfinedCommands, type GateConfinement, type OwnLaunch } from "../validate/confine.js";

type Confining = Pick<Config, "sandbox" | "gates" | "workspace">;

const SETUP: ConfinedCommands = { label: "workspace.setup", fails: "the setup will fail", them: "it" };
const BENCHMARKS: ConfinedCommands = { label: "benchmarks", fails: "they will fail", them: "them" };

/**
 * Gates' command checks run the code and tests the agents wrote: in the run's sandbox (its
 * `sandbox` options) unless `gates.sandbox: false`. What `workspace.share` links to (the
 * checkout's node_modules, .venv) is readable there, found from the project, not through the
 * links an agent could have replaced.
 */
export function gateConfinement(root: string, config: Confining): Promise<GateConfinement> {
  return confinement(root, config, GATE_CHECKS);
}

/**
 * Where `workspace.setup` runs: as gates' command checks do, since from a module's second
 * attempt on its worktree holds agents' work (a `package.json` script, a `setup.py`). Only the
 * network differs: on unless `workspace.network: false`, since a setup installs dependencies
 * (`npm ci`, `uv sync`); what keeps it safe is what it cannot read (no secret in its
 * environment, no home folder) and cannot write (the worktree only), not the network.
 */
export function setupConfinement(root: string, config: Confining): Promise<GateConfinement> {
  return confinement(root, { ...config, sandbox: { ...config.sandbox, network: config.workspace?.network ?? true } }, SETUP);
}

/** Where an optimize run's benchmark runs: as gates' command checks do (a spec's shell block is anyone's to write). */
export function benchConfinement(root: string, config: Confining): Promise<GateConfinement> {
  return confinement(root, config, BENCHMARKS);
}

/** `workspace.setup`'s launch in a worktree's folder, the confinement opened with the first worktree (RunWorktrees `launch`). */
export function setupLauncher(root: string, config: Confining): (dir: string) => Promise<OwnLaunch> {
  let opened: Promise<GateConfinement> | undefined;
  return async (dir) => launchOwn(await (opened ??= setupConfinement(root, config)), { cwd: dir });
}

function confinement(root: string, config: Confining, what: ConfinedCommands): Promise<GateConfinement> {
  const shared = (config.workspace?.share ?? []).map((path) => resolve(root, path));
  const options = withSandboxDefaults(config.sandbox);
  // Only without the network: with it, a read-only cache would stop the tool downloading what it lacks.
  const caches = options.network ? undefined : toolCaches(buildTools(root), process.env, process.env.HOME ?? homedir());
  return openGateConfinement(options, config.gates?.sandbox, shared, "bwrap", { keptIn: probeFile(root) }, what, caches);
}
