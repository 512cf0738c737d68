import { z } from "zod";
import type { AgentEvent } from "../agents/types.js";
import type { RemoteAttempt } from "../run/executor.js";
import type { AttemptOutcome } from "../run/attempt.js";
import type { Config } from "../config/schema.js";
import type { DiscoveredCheck } from "../validate/discover.js";
import { holdsSecret } from "../config/kept.js";
import { redact } from "../redact/index.js";

/** What a job carries: the attempt, and where its code comes from and goes to. No secret: workers hold their own keys. */
export interface AttemptJobData {
  v: 1;
  /** The coordinator's orchestrate, `<version> (build <stamp>)`: a worker of another build refuses the job. */
  build: string;
  attempt: RemoteAttempt;
  /** The git URL coordinator and workers share (`queue.remote`). */
  remote: string;
  /** The integration branch on the remote, which holds `base`. */
  branch: string;
  /** The commit the attempt starts from. */
  base: string;
  /** The branch the worker pushes the attempt's commit to. */
  attemptBranch: string;
  /** The project's folder inside the repository (a monorepo's package), `/`-terminated or "". */
  prefix: string;
  /** `workspace.setup`, run in the worker's new worktree. */
  setup?: { command: string; timeoutMs: number };
  /**
   * The run's config as the coordinator read it (without `queue`, `mcpServers` and any secret): the agent's
   * options, the gates and the sandbox. Never the attempt's worktree's, which the agents can write.
   */
  config: Config;
  /** The module gate's discovered checks as the run keeps them (none: the worker discovers them in its worktree). */
  gates?: DiscoveredCheck[];
}

/** What a worker returns: the attempt's outcome, its commit on `attemptBranch`, and the files the coordinator keeps. */
export interface AttemptJobResult extends Pick<AttemptOutcome, "ok" | "cancelled" | "failure" | "summary" | "filesChanged" | "filesSource" | "usage" | "gate" | "durationMs"> {
  commit?: string;
  files?: string[];
  prompt?: string;
  output?: string;
  diff?: string;
  /** `host:pid` of the worker, for the record. */
  worker: string;
}

/** A job's progress message: the agent's events since the last one, and the gate starting. */
export interface AttemptProgress {
  events: AgentEvent[];
  validating?: boolean;
}

/**
 * The job of attempt `n` of a module: derived from run, module and attempt, so dispatching
 * it twice adds nothing and a resumed coordinator finds it again. BullMQ ids may not hold `:`.
 */
export function attemptJobId(runId: string, moduleId: string, n: number): string {
  return `${runId}.${encodeURIComponent(moduleId)}.${n}`;
}

const usage = z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() }).passthrough();

const dataSchema = z
  .object({
    v: z.literal(1),
    build: z.string(),
    attempt: z.object({ runId: z.string().min(1), module: z.object({ id: z.string().min(1), layer: z.string(), spec: z.string(), files: z.array(z.string()), dependsOn: z.array(z.string()) }).passthrough(), n: z.number().int().min(1), kind: z.string(), request: z.string(), agent: z.string(), dependencies: z.array(z.any()), external: z.array(z.any()), memories: z.record(z.string(), z.string()), maxTokens: z.number(), timeoutMs: z.number() }).passthrough(),
    remote: z.string().min(1),
    branch: z.string().min(1),
    base: z.string().regex(/^[0-9a-f]{40,64}$/),
    attemptBranch: z.string().min(1),
    prefix: z.string(),
    setup: z.object({ command: z.string(), timeoutMs: z.number() }).optional(),
    config: z.record(z.string(), z.unknown()),
    gates: z.array(z.object({ level: z.enum(["module", "layer", "system"]), target: z.string(), check: z.object({ name: z.string(), kind: z.enum(["command", "coverage", "architecture", "review"]) }).passthrough(), from: z.string() })).optional(),
  })
  .passthrough();

const resultSchema = z
  .object({
    ok: z.boolean(),
    cancelled: z.boolean(),
    failure: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).optional(),
    summary: z.string(),
    filesChanged: z.array(z.string()),
    filesSource: z.enum(["own", "tree", "unknown"]),
    usage,
    gate: z.any().optional(),
    durationMs: z.number(),
    commit: z.string().regex(/^[0-9a-f]{40,64}$/).optional(),
    files: z.array(z.string()).optional(),
    prompt: z.string().optional(),
    output: z.string().optional(),
    diff: z.string().optional(),
    worker: z.string(),
  })
  .passthrough();

/**
 * The run's config as a job carries it: no `queue` (its URL may hold Redis's password) and no
 * `mcpServers` (agents on workers get none; their `env` may hold tokens). Checked again by the
 * worker with the config's own schema.
 */
export function jobConfig(config: Config): Config {
  const { queue: _queue, mcpServers: _servers, ...rest } = config;
  return withoutSecrets(rest) as Config;
}

/**
 * `value` without the strings that are secrets (under a key named like one, `apiKey` or
 * `GITHUB_TOKEN` in an `env`, or of a shape redaction finds): a job is kept in Redis, and a
 * worker holds its own keys.
 */
function withoutSecrets(value: unknown, name = ""): unknown {
  if (typeof value === "string") return holdsSecret(value, redact, name) ? undefined : value;
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, name)).filter((v) => v !== undefined);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, v]) => {
    const kept = withoutSecrets(v, key);
    return kept === undefined ? [] : [[key, kept]];
  }));
}

/** This process's orchestrate as jobs name it: `0.4.0 (build 0e56d3f3d44d682a)`. */
export async function buildOf(): Promise<string> {
  const [{ VERSION }, { buildStamp }] = await Promise.all([import("../package.js"), import("../code-stamp.js")]);
  return `${VERSION} (build ${await buildStamp()})`;
}

/**
 * Why a worker refuses a job, or undefined when the job's coordinator runs the worker's build.
 * Read before anything else of the job: another build's job may not have the fields this one expects.
 */
export function otherBuild(data: unknown, mine: string, worker: string): string | undefined {
  const theirs = typeof data === "object" && data !== null ? (data as { build?: unknown }).build : undefined;
  if (theirs === mine) return undefined;
  const coordinator = typeof theirs === "string" ? `orchestrate ${theirs}` : "an orchestrate build that does not stamp its jobs (an older one)";
  return `worker ${worker} runs orchestrate ${mine} and the run's coordinator ${coordinator}: a worker takes only jobs of its own build; start the workers from the coordinator's install (the same version and build) and run the request again`;
}

/** A job's data as a worker checks it at the boundary; a message saying what is wrong otherwise. */
export function parseJobData(data: unknown): AttemptJobData | string {
  const parsed = dataSchema.safeParse(data);
  return parsed.success ? (parsed.data as unknown as AttemptJobData) : `the job's data is not an orchestrate attempt: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
}

/** A job's return value as the coordinator checks it; a message saying what is wrong otherwise. */
export function parseJobResult(value: unknown): AttemptJobResult | string {
  const parsed = resultSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as AttemptJobResult) : `the worker's result is not an attempt's: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
}
