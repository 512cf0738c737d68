import type { CompiledSandboxOptions, SandboxOptions } from "./types.js";

export const SANDBOX_DEFAULTS: CompiledSandboxOptions = Object.freeze({ mode: "bwrap", network: false, env: [], writable: [], readable: [] });

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
  };
}
