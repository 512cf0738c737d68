import { withSandboxDefaults } from "../sandbox/defaults.js";
import type { CompiledSandboxOptions } from "../sandbox/types.js";
import type { Config } from "./schema.js";

/** Config with every default filled in: what a run actually uses. */
export interface RunOptions {
  agent: string;
  concurrency: number;
  retries: number;
  timeoutMs: number;
  graceMs: number;
  schedule: "ready" | "waves";
  simulate: NonNullable<Config["simulate"]>;
  command?: Config["command"];
  budget?: Config["budget"];
  /** Where agent-issued commands run. @default bwrap, network off */
  sandbox?: CompiledSandboxOptions;
  /** How attempts share the project's files. @default worktree */
  isolation?: "worktree" | "shared";
  /** What each worktree needs (isolation: worktree). */
  workspace?: { setup?: string; share: string[]; setupTimeoutMs: number };
  /**
   * The prompt's token budget (spec, task, dependency interfaces, memories), and the instruction
   * files the agent reads itself, left out of it. @default { maxTokens: 12000 }
   */
  prompt?: { maxTokens: number; agentReads?: string[]; /** Who reads `agentReads` itself, for the preview's "Left out" line. */ agentReadsWhy?: string };
  /** Queued: attempts run by `orchestrate worker` processes (src/queue). @default none */
  queue?: { url: string; remote?: string };
}

export const DEFAULTS = {
  agent: "simulate",
  concurrency: 4,
  retries: 1,
  timeoutMs: 30 * 60_000,
  graceMs: 10_000,
  schedule: "ready",
  promptMaxTokens: 12_000,
} as const;

/** Options from the config file, then command-line overrides, then defaults. Never mutates its inputs. */
export function withDefaults(config: Config, overrides: Partial<Pick<RunOptions, "agent" | "concurrency" | "schedule" | "retries" | "timeoutMs" | "isolation"> & { queue: { url?: string; remote?: string } | false }> = {}): RunOptions {
  const pick = <K extends keyof typeof DEFAULTS>(key: K) => (overrides as Record<string, unknown>)[key] ?? (config as Record<string, unknown>)[key] ?? DEFAULTS[key];
  return {
    agent: pick("agent") as string,
    concurrency: pick("concurrency") as number,
    retries: pick("retries") as number,
    timeoutMs: pick("timeoutMs") as number,
    graceMs: pick("graceMs") as number,
    schedule: pick("schedule") as RunOptions["schedule"],
    simulate: { ...config.simulate },
    isolation: overrides.isolation ?? config.isolation ?? "worktree",
    workspace: { ...(config.workspace?.setup ? { setup: config.workspace.setup } : {}), share: [...(config.workspace?.share ?? [])], setupTimeoutMs: config.workspace?.setupTimeoutMs ?? 600_000 },
    // `config` has passed the config schema, sandbox rules included.
    sandbox: withSandboxDefaults(config.sandbox),
    prompt: { maxTokens: config.prompt?.maxTokens ?? DEFAULTS.promptMaxTokens, ...agentReads(pick("agent") as string, config) },
    ...(config.command ? { command: { ...config.command } } : {}),
    ...(config.budget ? { budget: { ...config.budget } } : {}),
    ...queueOf(config.queue, overrides.queue),
  };
}

/**
 * Claude Code loading its `project` settings reads the project's CLAUDE.md files itself: the
 * prompt leaves them out, or the attempt would read them twice.
 */
const CLAUDE_CODE_FILES = ["CLAUDE.md", ".claude/CLAUDE.md"];

/**
 * The instruction files each `command` preset's CLI reads by itself in the project folder:
 * Claude Code (`claude -p`) its CLAUDE.md files, Codex and opencode AGENTS.md.
 */
const PRESET_FILES: Record<string, readonly string[]> = { claude: CLAUDE_CODE_FILES, codex: ["AGENTS.md"], opencode: ["AGENTS.md"] };

function agentReads(agent: string, config: Config): { agentReads?: string[]; agentReadsWhy?: string } {
  const sources = config.claudeCode?.settingSources;
  if (agent === "claude-code") return Array.isArray(sources) && sources.includes("project") ? { agentReads: [...CLAUDE_CODE_FILES], agentReadsWhy: "Claude Code reads itself (claudeCode.settingSources has `project`)" } : {};
  const preset = agent === "command" ? config.command?.preset : undefined;
  const files = preset ? PRESET_FILES[preset] : undefined;
  return preset && files ? { agentReads: [...files], agentReadsWhy: `the \`${preset}\` CLI reads itself (command.preset: ${preset})` } : {};
}

/** `--queue URL` (and `--queue-remote`) over the config's `queue`; queued only when a URL is given somewhere; `--no-queue` (false): not queued. */
function queueOf(config: Config["queue"], flags: { url?: string; remote?: string } | false | undefined): Pick<RunOptions, "queue"> {
  if (flags === false) return {};
  const url = flags?.url ?? config?.url;
  const remote = flags?.remote ?? config?.remote;
  return url ? { queue: { url, ...(remote ? { remote } : {}) } } : {};
}
