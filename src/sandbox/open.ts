import { createBwrapSandbox } from "./bwrap.js";
import { createNoSandbox } from "./none.js";
import { probeBwrap } from "./probe.js";
import type { CompiledSandboxOptions, Sandbox } from "./types.js";

export interface SandboxChoice {
  /** Undefined when commands cannot be confined as configured: do not run them. */
  sandbox: Sandbox | undefined;
  /** The run's first line, e.g. "sandbox: bwrap (network off)". */
  line: string;
  /** Why there is no sandbox, e.g. "bwrap is not installed". */
  problem?: string;
}

/**
 * The sandbox the options ask for. `bwrap` that cannot run here yields no sandbox rather
 * than an unconfined one: running without confinement takes an explicit `mode: none`.
 * `probe.keptIn`: where a successful probe is kept (probe.ts).
 */
export async function openSandbox(options: CompiledSandboxOptions, program = "bwrap", probe: { keptIn?: string } = {}): Promise<SandboxChoice> {
  if (options.mode === "none") {
    const sandbox = createNoSandbox(options);
    return { sandbox, line: `sandbox: ${sandbox.description} (sandbox.mode: none)` };
  }
  const problem = await probeBwrap(program, probe);
  if (problem) {
    return { sandbox: undefined, problem, line: `sandbox: unavailable (${problem}), run_command disabled (install bubblewrap, or set sandbox.mode: none)` };
  }
  const sandbox = createBwrapSandbox(options, program);
  return { sandbox, line: `sandbox: ${sandbox.description}` };
}
