import { z } from "zod";
import { ConfigError, showValue } from "../errors.js";
import { isSecretName } from "./env.js";
import type { CompiledSandboxOptions, SandboxOptions } from "./types.js";
import { withSandboxDefaults } from "./defaults.js";

export { SANDBOX_DEFAULTS } from "./defaults.js";

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "Expected an environment variable name such as `NODE_ENV`" })
  .refine((name) => !isSecretName(name), {
    message: "Expected a name that does not hold a secret (names ending in KEY, TOKEN, SECRET, PASSWORD are never passed to a model's command)",
  });

/** `sandbox` in orchestrate.config.yaml. */
export const sandboxSchema = z
  .object({
    /** bwrap: confine agent-issued commands with bubblewrap; none: run them unconfined. @default "bwrap" */
    mode: z.enum(["bwrap", "none"]).optional(),
    /** @default false */
    network: z.boolean().optional(),
    /** Variable names passed through besides PATH, HOME, LANG, LC_ALL, TERM, TZ, USER. @default [] */
    env: z.array(envName).optional(),
    /** Folders writable besides the workspace. @default [] */
    writable: z.array(z.string().min(1)).optional(),
    /** Folders under the home folder readable again (toolchains). @default [] */
    readable: z.array(z.string().min(1)).optional(),
    /** Per-process limits of sandboxed commands, in MB; 0 turns one off. */
    limits: z
      .object({
        /** Writable memory of one process (RLIMIT_DATA). @default 8192 */
        memoryMb: z.number().int().min(0).optional(),
        /** Largest file one process writes (RLIMIT_FSIZE). @default 1024 */
        fileMb: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Validates (the config file's rules) and fills in the defaults. Throws ConfigError `CONFIG_INVALID`. */
export function compileSandboxOptions(options: SandboxOptions = {}): CompiledSandboxOptions {
  // `set` comes from the run (the build tools' variables), never from the config file, whose schema has no such key.
  const { set, ...written } = options;
  const parsed = sandboxSchema.safeParse(written);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = ["sandbox", ...issue.path.map(String)].join(".");
    let value: unknown = options;
    for (const part of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[part as PropertyKey];
    throw new ConfigError("CONFIG_INVALID", `\`${key}\`: ${issue.message}, got ${showValue(value)}`, { key });
  }
  return withSandboxDefaults({ ...parsed.data, ...(set ? { set } : {}) });
}
