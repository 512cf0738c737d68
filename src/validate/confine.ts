import type { Sandbox } from "../sandbox/types.js";
import type { CompiledSandboxOptions } from "../sandbox/types.js";

/**
 * Where a gate's command checks run. `gates.sandbox` in the config: unset confines them in the
 * run's bubblewrap sandbox when it can run here, else runs them unconfined as before and says
 * so; `true` requires the sandbox (a check that cannot have it fails); `false` runs them
 * unconfined. A check's own `sandbox` overrides it for that check.
 */
export interface GateConfinement {
  /** `gates.sandbox` as written. */
  setting: boolean | undefined;
  /** The sandbox confined checks run in; undefined when it cannot run here or `sandbox.mode` is none. */
  sandbox: Sandbox | undefined;
  /** Why there is no sandbox: "bwrap is not installed", "sandbox.mode: none". */
  problem?: string;
  /** Paths readable inside besides the workspace: what `workspace.share` links to. */
  readable: string[];
  /** The run's line about gates, e.g. "gates: bwrap (network off)". */
  line: string;
}

/** The confinement of a run's gates; probes bubblewrap (once per process; a success kept in `probe.keptIn`, probe.ts). */
export async function openGateConfinement(options: CompiledSandboxOptions, setting: boolean | undefined, readable: string[] = [], program = "bwrap", probe: { keptIn?: string } = {}): Promise<GateConfinement> {
  const base = { setting, readable };
  if (setting === false) return { ...base, sandbox: undefined, line: "gates: unconfined (gates.sandbox: false)" };
  if (options.mode === "none") return { ...base, sandbox: undefined, problem: "sandbox.mode: none", line: "gates: unconfined (sandbox.mode: none)" };
  const { openSandbox } = await import("../sandbox/open.js");
  const choice = await openSandbox(options, program, probe);
  if (choice.sandbox) return { ...base, sandbox: choice.sandbox, line: `gates: ${choice.sandbox.description}` };
  const problem = choice.problem ?? "bubblewrap cannot run here";
  const line =
    setting === true
      ? `gates: unavailable (${problem}), command checks will fail (install bubblewrap, or set gates.sandbox: false)`
      : `gates: unconfined (${problem}; install bubblewrap to confine them, or set gates.sandbox: false)`;
  return { ...base, sandbox: undefined, problem, line };
}

export type CheckPlace = { sandbox: Sandbox; readable: string[] } | { unconfined: true } | { refused: string };

/** Where one check runs: its own `sandbox` over `gates.sandbox`. */
export function placeOf(confine: GateConfinement | undefined, own: boolean | undefined): CheckPlace {
  const wanted = own ?? confine?.setting ?? true;
  if (!confine || !wanted) return { unconfined: true };
  if (confine.sandbox) return { sandbox: confine.sandbox, readable: confine.readable };
  // An explicit ask for the sandbox that cannot run here fails rather than runs unconfined; `sandbox.mode: none` is explicit too.
  const required = own === true || confine.setting === true;
  if (required && confine.problem !== "sandbox.mode: none") return { refused: `the sandbox cannot run here (${confine.problem}): install bubblewrap, or set gates.sandbox: false` };
  return { unconfined: true };
}
