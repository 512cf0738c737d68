import { z } from "zod";
import { PRESETS } from "../agents/presets.js";
import { sandboxSchema } from "../sandbox/options.js";
import { gatesConfigSchema } from "../validate/config.js";
import { mcpServersSchema } from "./mcp.js";
import { MAX_TIMER_MS } from "../timer.js";
import { BOUNDS, type Bound } from "./bounds.js";

const int = (min: number) => z.number().int().min(min);
const duration = (min: number) => int(min).max(MAX_TIMER_MS);
const bounded = (bound: Bound) => int(bound.min).max(bound.max);

export const simulateSchema = z
  .object({
    /** Each attempt's duration. @default 0 */
    latencyMs: int(0).optional(),
    /** Module id -> how many attempts fail before one succeeds. */
    fail: z.record(z.string(), int(0)).optional(),
    /** Folder of recorded changes, `<replayDir>/<module>/...` or `<replayDir>/<module>.patch`. @default "recorded" */
    replayDir: z.string().min(1).optional(),
  })
  .strict();

export const commandSchema = z
  .object({
    /** Command line; may use {promptFile} {module} {layer} {attempt} {runId} {files}. */
    run: z.string().min(1).optional(),
    preset: z.enum(Object.keys(PRESETS) as [keyof typeof PRESETS, ...(keyof typeof PRESETS)[]]).optional(),
    /** How the prompt reaches the command. @default "stdin" */
    prompt: z.enum(["stdin", "file", "arg"]).optional(),
    env: z.record(z.string(), z.string()).optional(),
    /** Run the command in the sandbox (the CLI's API keys passed). @default false */
    sandbox: z.boolean().optional(),
    /** What the sandboxed command may reach: true, false or host:port list. @default its model hosts */
    network: z.union([z.boolean(), z.array(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "Expected host:port"))]).optional(),
    /** How stdout is read. @default the preset's, else "text" */
    output: z.enum(["claude-json", "text"]).optional(),
    /** Time between SIGTERM and SIGKILL when the command is stopped. @default 2000 */
    killGraceMs: duration(0).optional(),
  })
  .strict()
  .refine((c) => c.run !== undefined || c.preset !== undefined, { message: "Expected `run` (a command line) or `preset` (one of " + Object.keys(PRESETS).join(", ") + ")" });

const limitsSchema = z.object({ maxCostUsd: z.number().positive().optional(), maxTokens: int(1).optional() }).strict();

export const budgetSchema = limitsSchema
  .extend({
    /** Limits of each module, over all its attempts. */
    module: limitsSchema.optional(),
    /** When the run's budget is reached: let running attempts finish, or cancel them. @default "finish" */
    onExceeded: z.enum(["finish", "cancel"]).optional(),
  })
  .strict();

/** orchestrate.config.yaml, as written. Every key is optional; see `withDefaults`. */
export const configSchema = z
  .object({
    /** simulate | command | claude-code | anthropic | openai. @default "simulate" */
    agent: z.string().min(1).optional(),
    /** Modules running at once. @default 4 */
    concurrency: bounded(BOUNDS.concurrency).optional(),
    /** Extra attempts after a failed one. @default 1 */
    retries: bounded(BOUNDS.retries).optional(),
    /** One attempt's time limit. @default 1800000 (30 min) */
    timeoutMs: bounded(BOUNDS.timeoutMs).optional(),
    /** On Ctrl-C, how long running agents may finish before they are cancelled. @default 10000 */
    graceMs: duration(0).optional(),
    /** ready: start a module as soon as its dependencies are done; waves: barrier between waves. @default "ready" */
    schedule: z.enum(["ready", "waves"]).optional(),
    simulate: simulateSchema.optional(),
    command: commandSchema.optional(),
    /** Options of the `anthropic` agent (`model` required); validated by the agent. */
    anthropic: z.looseObject({}).optional(),
    /** Options of the `openai` agent (`model` required; `baseURL` for Ollama, vLLM, ...); validated by the agent. */
    openai: z.looseObject({}).optional(),
    /** Options of the `claude-code` agent (Claude Code through its Agent SDK); validated by the agent. */
    claudeCode: z.looseObject({}).optional(),
    /** MCP servers for every agent, over those of `.mcp.json` (Claude Code's format). */
    mcpServers: mcpServersSchema.optional(),
    /** How long an agent waits for each MCP server to start and list its tools. @default 30000 */
    mcpConnectTimeoutMs: duration(1).optional(),
    /** Where agent-issued commands run (`run_command`, and `command` agents with `command.sandbox: true`). */
    sandbox: sandboxSchema.optional(),
    /** Spending limits per run and per module; the run ends `budget_exceeded` when reached. */
    budget: budgetSchema.optional(),
    /** optimize runs: the benchmark measured before and after each module's attempt. */
    optimize: z
      .object({
        /** Command printing the figure; may use {module}, {layer}. @default the first shell block under the spec's "Performance" heading */
        run: z.string().min(1).optional(),
        /** Regular expression whose first group is the figure. @default the last duration printed (ns, µs, ms, s), in ms */
        metric: z.string().min(1).optional(),
        /** A result worse than the baseline by more than this fraction fails the attempt. @default 0.05 */
        threshold: z.number().min(0).optional(),
        /** @default true */
        lowerIsBetter: z.boolean().optional(),
        /** Runs of the benchmark per measure, before and after; the best figure counts. @default 3 */
        samples: z.number().int().min(1).max(20).optional(),
      })
      .strict()
      .optional(),
    /** What each attempt's prompt may hold beyond its template. */
    prompt: z
      .object({
        /** Tokens (cl100k_base) for the spec, task, dependency interfaces and memories; what does not fit is cut, memories first. @default 12000 */
        maxTokens: int(500).optional(),
      })
      .strict()
      .optional(),
    /** A planner model before the modules (`--planner`): one of the model-backed agents, its model over the agent's own section's. */
    planner: z
      .object({
        agent: z.enum(["claude-code", "anthropic", "openai"]),
        model: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** worktree: each attempt in its own git worktree, merged into an integration branch in dependency order; shared: every agent in the project's one working tree. @default worktree (shared when the project is not a git repository) */
    isolation: z.enum(["worktree", "shared"]).optional(),
    /** What each worktree needs before work starts (isolation: worktree). */
    workspace: z
      .object({
        /** A shell command run once in each new worktree, in the project's folder of it (e.g. `npm ci`, `uv sync`). */
        setup: z.string().min(1).optional(),
        /** Paths of the project symlinked from the main checkout into each worktree (e.g. node_modules, .venv). */
        share: z.array(z.string().min(1).refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "a path inside the project")).optional(),
        /** The setup command's time limit. @default 600000 (10 min) */
        setupTimeoutMs: duration(1).optional(),
        /**
         * Whether the setup command may use the network in the sandbox (it runs where gates' command
         * checks do): it installs dependencies (`npm ci`, `uv sync`). @default true
         */
        network: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Attempts as BullMQ jobs that `orchestrate worker` processes take, on any machine (also `run --queue URL`). @default none: agents run in the run's process */
    queue: z
      .object({
        /** Redis: `redis://[:password@]HOST:PORT[/db]`, `rediss://` for TLS. */
        url: z.string().regex(/^rediss?:\/\//, "a redis:// or rediss:// URL").optional(),
        /** A git URL the run and every worker can reach (a bare repository): the run's branch goes there, attempts' branches come back. */
        remote: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** An attempt that changes a file another module owns: warn (a warning line, the event, `status` and `report`), or fail the attempt. @default "warn" */
    ownership: z.enum(["warn", "fail"]).optional(),
    /** Layer fix rounds: how many times a failed layer gate sends its modules back for a fix. @default 1 */
    layerFixRounds: int(0).optional(),
    /** Validation gates: `gates: { module, layer, system }`, with overrides under `layers.<id>.gates` and `modules.<id>.gates`. */
    ...gatesConfigSchema.shape,
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
