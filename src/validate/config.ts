import { z } from "zod";
import { ConfigError } from "../errors.js";
import type { CheckConfig } from "./types.js";

const KINDS = ["command", "coverage", "architecture", "review"] as const;

/** One check as written in config or front matter. */
export const checkSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(KINDS),
    /** Command line of a `command` check; may use {module} {layer} {files}. */
    run: z.string().min(1).optional(),
    /** Minimum percent of a `coverage` check. */
    min: z.number().min(0).max(100).optional(),
    /** Coverage file of a `coverage` check, relative to the project root. */
    file: z.string().min(1).optional(),
    /** @default true */
    blocking: z.boolean().optional(),
    /** @default the run's timeoutMs */
    timeoutMs: z.number().int().min(1).optional(),
    /** A command check in the sandbox (true) or unconfined (false). @default `gates.sandbox` */
    sandbox: z.boolean().optional(),
  })
  .strict()
  .superRefine((check, ctx) => {
    const issue = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    const a = check.kind === "architecture" ? "an" : "a";
    if (check.kind === "command" && check.run === undefined) issue("run", "Expected `run` (a command line) in a command check, got nothing");
    if (check.kind !== "command" && check.run !== undefined) issue("run", `Expected \`run\` only in a command check, got it in ${a} ${check.kind} check`);
    if (check.kind !== "command" && check.sandbox !== undefined) issue("sandbox", `Expected \`sandbox\` only in a command check, got it in ${a} ${check.kind} check`);
    for (const key of ["min", "file"] as const) {
      if (check.kind !== "coverage" && check[key] !== undefined) issue(key, `Expected \`${key}\` only in a coverage check, got it in ${a} ${check.kind} check`);
    }
  });

// The schema and the engine's type must not drift apart.
const _sameShape: CheckConfig = {} as z.infer<typeof checkSchema>;
void _sameShape;

/** A gate's checks, in order; names are unique, since results and retry prompts refer to checks by name. */
export const checkListSchema = z.array(checkSchema).superRefine((checks, ctx) => {
  const seen = new Set<string>();
  checks.forEach((check, i) => {
    if (seen.has(check.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Expected check names to be unique in a gate, got \`${check.name}\` twice` });
    seen.add(check.name);
  });
});

export const gatesSchema = z.object({ module: checkListSchema.optional(), layer: checkListSchema.optional(), system: checkListSchema.optional() }).strict();

/** The gate keys of orchestrate.config.yaml; not strict, so that its `shape` can join the config schema. */
export const gatesConfigSchema = z.object({
  /**
   * `discover: false` turns off the gates found from the project (its test runner, module tests, the architecture check).
   * `sandbox`: command checks in the run's bubblewrap sandbox; unset: when it can run here, else unconfined (said on the
   * run's first lines); true: always (a check fails where it cannot run); false: never.
   */
  gates: gatesSchema.extend({ discover: z.boolean().optional(), sandbox: z.boolean().optional() }).strict().optional(),
  layers: z.record(z.string(), z.object({ gates: gatesSchema.optional() }).strict()).optional(),
  modules: z.record(z.string(), z.object({ gates: gatesSchema.optional() }).strict()).optional(),
});

export interface GateLists {
  module?: CheckConfig[];
  layer?: CheckConfig[];
  system?: CheckConfig[];
}

export interface GatesConfig {
  gates?: GateLists & { discover?: boolean; sandbox?: boolean };
  layers?: Record<string, { gates?: GateLists }>;
  modules?: Record<string, { gates?: GateLists }>;
}

const _sameConfig: GatesConfig = {} as z.infer<typeof gatesConfigSchema>;
void _sameConfig;

const frontMatterObject = z.object({ module: checkListSchema }).strict();

/** A module's `validation:` front matter, validated; undefined when absent. */
export function frontMatterChecks(value: unknown, specFile: string): CheckConfig[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object") {
    throw new ConfigError("CONFIG_INVALID", `Expected \`validation\` to be a list of checks or \`{ module: [...] }\`, got ${typeof value}`, { file: specFile, key: "validation" });
  }
  const result = Array.isArray(value) ? checkListSchema.safeParse(value) : frontMatterObject.safeParse(value);
  if (result.success) return Array.isArray(result.data) ? result.data : result.data.module;
  const issue = result.error.issues[0]!;
  const key = ["validation", ...issue.path.map(String)].join(".");
  const message = issue.code === "custom" ? issue.message : `\`${key}\`: ${issue.message}`;
  throw new ConfigError("CONFIG_INVALID", message, { file: specFile, key });
}
