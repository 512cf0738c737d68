import { createNoSandbox } from "../sandbox/none.js";
import type { CompiledSandboxOptions, LaunchRequest, Sandbox, SandboxLaunch } from "../sandbox/types.js";
import { NO_CACHES, type ToolCaches } from "../sandbox/caches.js";

/**
 * Where a gate's command checks run. `gates.sandbox` in the config: unset confines them in the
 * run's bubblewrap sandbox when it can run here, else runs them unconfined as before and says
 * so; `true` requires the sandbox (a check that cannot have it fails); `false` runs them
 * unconfined. A check's own `sandbox` overrides it for that check. The commands a run starts
 * itself (`workspace.setup`, an optimize run's benchmark) follow the same decision (`launchOwn`).
 */
export interface GateConfinement {
  /** `gates.sandbox` as written. */
  setting: boolean | undefined;
  /** The sandbox confined checks run in; undefined when it cannot run here or `sandbox.mode` is none. */
  sandbox: Sandbox | undefined;
  /** Why there is no sandbox: "bwrap is not installed", "sandbox.mode: none". */
  problem?: string;
  /** Paths readable inside besides the workspace: what `workspace.share` links to, and the build tools' caches when offline. */
  readable: string[];
  /** True when confined checks have no network: the build tools run offline (`set`, a discovered check's `offline`). */
  offline: boolean;
  /** Variables set in the sandbox: the build tools offline and where their caches are. */
  set: Record<string, string>;
  /** No confinement, the allow-listed environment: where the run's own commands go when gates would run unconfined. */
  unconfined: Sandbox;
  /** The run's line about these commands, e.g. "gates: bwrap (network off)". */
  line: string;
}

/** What a confinement's line speaks of: the gates' command checks, or a command the run starts itself. */
export interface ConfinedCommands {
  /** The line's start: "gates". */
  label: string;
  /** What happens where the sandbox is required and cannot run: "command checks will fail". */
  fails: string;
  /** "them" or "it". */
  them: string;
}

export const GATE_CHECKS: ConfinedCommands = { label: "gates", fails: "command checks will fail", them: "them" };

/**
 * The confinement of a run's gates; probes bubblewrap (once per process; a success kept in `probe.keptIn`, probe.ts).
 * A bubblewrap sandbox with no network also reads the build tools' `caches` and runs them offline.
 */
export async function openGateConfinement(options: CompiledSandboxOptions, setting: boolean | undefined, readable: string[] = [], program = "bwrap", probe: { keptIn?: string } = {}, what: ConfinedCommands = GATE_CHECKS, caches: ToolCaches = NO_CACHES): Promise<GateConfinement> {
  const base = { setting, readable, offline: false, set: {}, unconfined: createNoSandbox(options) };
  if (setting === false) return { ...base, sandbox: undefined, line: `${what.label}: unconfined (gates.sandbox: false)` };
  if (options.mode === "none") return { ...base, sandbox: undefined, problem: "sandbox.mode: none", line: `${what.label}: unconfined (sandbox.mode: none)` };
  const { openSandbox } = await import("../sandbox/open.js");
  const choice = await openSandbox(options, program, probe);
  if (choice.sandbox) {
    const offline = choice.sandbox.mode === "bwrap" && !choice.sandbox.network;
    const tools = offline ? { offline, readable: [...readable, ...caches.readable], set: { ...caches.set } } : {};
    return { ...base, ...tools, sandbox: choice.sandbox, line: `${what.label}: ${choice.sandbox.description}` };
  }
  const problem = choice.problem ?? "bubblewrap cannot run here";
  const line =
    setting === true
      ? `${what.label}: unavailable (${problem}), ${what.fails} (install bubblewrap, or set gates.sandbox: false)`
      : `${what.label}: unconfined (${problem}; install bubblewrap to confine ${what.them}, or set gates.sandbox: false)`;
  return { ...base, sandbox: undefined, problem, line };
}

export type CheckPlace = { sandbox: Sandbox; readable: string[]; offline: boolean; set: Record<string, string> } | { unconfined: true } | { refused: string };

/** Where one check runs: its own `sandbox` over `gates.sandbox`. */
export function placeOf(confine: GateConfinement | undefined, own: boolean | undefined): CheckPlace {
  const wanted = own ?? confine?.setting ?? true;
  if (!confine || !wanted) return { unconfined: true };
  if (confine.sandbox) return { sandbox: confine.sandbox, readable: confine.readable, offline: confine.offline, set: confine.set };
  // An explicit ask for the sandbox that cannot run here fails rather than runs unconfined; `sandbox.mode: none` is explicit too.
  const required = own === true || confine.setting === true;
  if (required && confine.problem !== "sandbox.mode: none") return { refused: `the sandbox cannot run here (${confine.problem}): install bubblewrap, or set gates.sandbox: false` };
  return { unconfined: true };
}

/** How a command the run starts itself is launched: the sandbox it runs in (undefined: unconfined), or why it cannot run. */
export type OwnLaunch = (SandboxLaunch & { sandbox?: Sandbox }) | { refused: string };

/**
 * A command the run starts itself (`workspace.setup`, a benchmark) goes where a command check
 * with no `sandbox` of its own goes. Its environment is the allow-list even where it runs
 * unconfined: such a command comes from a config or a spec that an agent of an earlier
 * attempt may have written, and `process.env` holds the API keys.
 */
export function launchOwn(confine: GateConfinement, request: LaunchRequest): OwnLaunch {
  const place = placeOf(confine, undefined);
  if ("refused" in place) return place;
  if ("unconfined" in place) return confine.unconfined.launch(request);
  return { ...place.sandbox.launch({ ...request, set: { ...place.set, ...request.set }, readable: [...place.readable, ...(request.readable ?? [])] }), sandbox: place.sandbox };
}
