import { sandboxEnv } from "./env.js";
import type { CompiledSandboxOptions, Sandbox } from "./types.js";

/**
 * No confinement: the command runs as the user, with the file system and network the user
 * has. Only the environment is still built from the allow-list, since that costs nothing.
 */
export function createNoSandbox(options: Pick<CompiledSandboxOptions, "env" | "set">): Sandbox {
  return {
    mode: "none",
    network: true,
    limits: { memoryMb: 0, fileMb: 0 },
    description: "none (commands run unconfined)",
    launch: ({ set, pass }) => ({ launcher: [], env: sandboxEnv(process.env, options.env, pass, { ...options.set, ...set }) }),
  };
}
