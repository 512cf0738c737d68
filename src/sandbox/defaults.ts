import type { CompiledSandboxOptions, SandboxOptions } from "./types.js";

/** Far above what a test suite's process uses (a Node test worker: ~100-500 MB), low enough to stop a runaway one. */
export const LIMITS_DEFAULTS = Object.freeze({ memoryMb: 8192, fileMb: 1024 });

export const SANDBOX_DEFAULTS: CompiledSandboxOptions = Object.freeze({ mode: "bwrap", network: false, env: [], writable: [], readable: [], limits: LIMITS_DEFAULTS });

/**
 * Sandbox options that have passed the config's rules (`sandboxSchema`), with the defaults
 * filled in. Apart from the schema, so that a run whose config was validated before does not
 * load zod to fill them.
 */
export function withSandboxDefaults(o: SandboxOptions = {}): CompiledSandboxOptions {
  return {
    mode: o.mode ?? SANDBOX_DEFAULTS.mode,
    network: o.network ?? SANDBOX_DEFAULTS.network,
    env: [...(o.env ?? [])],
    writable: [...(o.writable ?? [])],
    readable: [...(o.readable ?? [])],
    limits: { memoryMb: o.limits?.memoryMb ?? LIMITS_DEFAULTS.memoryMb, fileMb: o.limits?.fileMb ?? LIMITS_DEFAULTS.fileMb },
    ...(o.set ? { set: { ...o.set } } : {}),
  };
}
