import type { McpServerConfig as SdkMcpServerConfig, Options, PermissionMode, SettingSource } from "@anthropic-ai/claude-agent-sdk";
import { claudeSandboxSettings, mayRunBash, secretVariables } from "./claude-code-sandbox.js";
import { rejectUnknownKeys } from "./unknown-keys.js";
import { ConfigError, showValue } from "../errors.js";
import { join } from "node:path";
import { SANDBOX_GRADLE_HOME } from "../sandbox/caches.js";
import { withSandboxDefaults } from "../sandbox/defaults.js";
import type { CompiledSandboxOptions, SandboxOptions } from "../sandbox/types.js";
import { DEFAULT_MCP_CONNECT_TIMEOUT_MS } from "../timer.js";
import type { AgentTask, McpServerConfig } from "./types.js";

/** Options of the `claude-code` agent (its config section). */
export interface ClaudeCodeOptions {
  /** Model id or alias (`sonnet`, `claude-sonnet-4-5`). @default Claude Code's own default */
  model?: string;
  /** Model responses per attempt before it stops with `error_max_turns`. @default 30 */
  maxTurns?: number;
  /**
   * How tool calls are approved; nobody is asked during a run, so what the mode does not
   * allow is denied. `acceptEdits` allows file edits but not Bash: list `Bash` (or
   * `Bash(npm test:*)`) in `allowedTools` to let it run tests. `bypassPermissions` allows
   * everything; as root Claude Code refuses it unless `IS_SANDBOX=1` is in the environment.
   * @default "acceptEdits"
   */
  permissionMode?: PermissionMode;
  /** Permission rules allowed without asking, e.g. `["Bash(npm test:*)"]`. The task's MCP servers are always allowed. @default [] */
  allowedTools?: string[];
  /** Tools removed from the model's context. @default [] */
  disallowedTools?: string[];
  /** @default the binary bundled with `@anthropic-ai/claude-agent-sdk` */
  pathToClaudeCodeExecutable?: string;
  /** Extra environment over `process.env`, e.g. `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`. @default {} */
  env?: Record<string, string>;
  /**
   * On a retry, resume the Claude session of the module's previous attempt in this run
   * (sessions are then saved under `~/.claude/projects/`). @default false
   */
  continueSession?: boolean;
  /**
   * Claude Code settings files to load: `user` (~/.claude/settings.json), `project`
   * (.claude/settings.json and CLAUDE.md), `local`. None by default, so a project's own
   * hooks, permissions and MCP servers do not leak into runs unless asked. @default []
   */
  settingSources?: SettingSource[];
  /**
   * How long Claude Code waits for each MCP server to start (the config's top-level key),
   * given to it as `MCP_TIMEOUT` unless `env` sets that. @default `MCP_TIMEOUT` from the environment, else 30000
   */
  mcpConnectTimeoutMs?: number;
  /**
   * Where Claude Code's Bash runs when it may run any (the config's top-level `sandbox` section):
   * unless `mode` is `none`, in Claude Code's own sandbox, confined as `run_command` is, and an
   * attempt fails rather than run Bash unconfined where that sandbox cannot start. @default bwrap, network off
   */
  sandbox?: SandboxOptions;
}

export type CompiledClaudeCodeOptions = Required<Omit<ClaudeCodeOptions, "model" | "pathToClaudeCodeExecutable" | "mcpConnectTimeoutMs" | "sandbox">> &
  Pick<ClaudeCodeOptions, "model" | "pathToClaudeCodeExecutable" | "mcpConnectTimeoutMs"> & { sandbox: CompiledSandboxOptions };

const MODES: PermissionMode[] = ["default", "acceptEdits", "bypassPermissions", "plan", "dontAsk", "auto"];
const SOURCES: SettingSource[] = ["user", "project", "local"];

/** Tools that change files or run commands, removed from read-only tasks. */
export const WRITE_TOOLS = ["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash"];
/** The only built-in tools a read-only task gets. */
export const READ_ONLY_TOOLS = ["Read", "Grep", "Glob"];

function invalid(key: string, expected: string, value: unknown): ConfigError {
  return new ConfigError("CONFIG_INVALID", `Expected \`claude-code.${key}\` to be ${expected}, got ${showValue(value)}`, {
    key: `claude-code.${key}`,
  });
}

function strings(key: string, value: unknown, allowed?: readonly string[]): string[] {
  if (value === undefined) return [];
  const ok = Array.isArray(value) && value.every((v) => typeof v === "string" && (!allowed || allowed.includes(v)));
  if (!ok) throw invalid(key, allowed ? `a list of ${allowed.join(", ")}` : "a list of strings", value);
  return [...(value as string[])];
}

function optionalText(key: string, value: unknown): string | undefined {
  if (value === undefined || (typeof value === "string" && value.trim() !== "")) return value;
  throw invalid(key, "a non-empty string", value);
}

const CLAUDE_CODE_KEYS = [
  "model", "maxTurns", "permissionMode", "allowedTools", "disallowedTools", "pathToClaudeCodeExecutable", "env", "continueSession", "settingSources", "mcpConnectTimeoutMs", "sandbox",
] as const satisfies readonly (keyof ClaudeCodeOptions)[];

/** Validates the options and fills in the defaults. Throws ConfigError. */
export function compileClaudeCodeOptions(options: ClaudeCodeOptions = {}): CompiledClaudeCodeOptions {
  rejectUnknownKeys("claude-code", options, CLAUDE_CODE_KEYS);
  const { maxTurns = 30, permissionMode = "acceptEdits", env = {}, continueSession = false } = options;
  if (!Number.isInteger(maxTurns) || maxTurns < 1) throw invalid("maxTurns", "an integer from 1 up", maxTurns);
  if (!MODES.includes(permissionMode)) throw invalid("permissionMode", `one of ${MODES.join(", ")}`, permissionMode);
  if (typeof env !== "object" || env === null || Object.values(env).some((v) => typeof v !== "string")) {
    throw invalid("env", "an object of name -> string", env);
  }
  if (typeof continueSession !== "boolean") throw invalid("continueSession", "true or false", continueSession);
  const { mcpConnectTimeoutMs } = options;
  if (mcpConnectTimeoutMs !== undefined && (!Number.isInteger(mcpConnectTimeoutMs) || mcpConnectTimeoutMs < 1)) {
    throw new ConfigError("CONFIG_INVALID", `Expected \`mcpConnectTimeoutMs\` to be an integer from 1 up, got ${showValue(mcpConnectTimeoutMs)}`, { key: "mcpConnectTimeoutMs" });
  }
  return {
    model: optionalText("model", options.model),
    maxTurns,
    permissionMode,
    allowedTools: strings("allowedTools", options.allowedTools),
    disallowedTools: strings("disallowedTools", options.disallowedTools),
    pathToClaudeCodeExecutable: optionalText("pathToClaudeCodeExecutable", options.pathToClaudeCodeExecutable),
    env: { ...env },
    continueSession,
    settingSources: strings("settingSources", options.settingSources, SOURCES) as SettingSource[],
    ...(mcpConnectTimeoutMs !== undefined && { mcpConnectTimeoutMs }),
    sandbox: sandboxOf(options.sandbox),
  };
}

/**
 * The run's `sandbox` section, which the config's schema validated (so a run loads no zod for it
 * again); given through the library, the two keys that decide confinement are checked here.
 */
function sandboxOf(sandbox: SandboxOptions | undefined): CompiledSandboxOptions {
  const { mode, network } = sandbox ?? {};
  if (mode !== undefined && mode !== "bwrap" && mode !== "none") throw new ConfigError("CONFIG_INVALID", `Expected \`sandbox.mode\` to be bwrap or none, got ${showValue(mode)}`, { key: "sandbox.mode" });
  if (network !== undefined && typeof network !== "boolean") throw new ConfigError("CONFIG_INVALID", `Expected \`sandbox.network\` to be true or false, got ${showValue(network)}`, { key: "sandbox.network" });
  return withSandboxDefaults(sandbox);
}

/**
 * Servers in Claude Code's form. Their tools always load, so they are in the first request's
 * tools as the model agents' are; Claude Code would otherwise defer them behind its tool search.
 */
export function sdkMcpServers(servers: Record<string, McpServerConfig>): Record<string, SdkMcpServerConfig> {
  const out: Record<string, SdkMcpServerConfig> = {};
  for (const [name, server] of Object.entries(servers)) {
    out[name] =
      "url" in server
        ? { type: server.type, url: server.url, ...(server.headers && { headers: server.headers }), alwaysLoad: true }
        : { type: "stdio", command: server.command, args: server.args ?? [], ...(server.env && { env: server.env }), alwaysLoad: true };
  }
  return out;
}

/** The text appended to Claude Code's system prompt: one module, its files, read-only or not. */
export function moduleInstructions(task: AgentTask): string {
  const files = task.files.length ? task.files.map((f) => `- ${f}`).join("\n") : "- (none listed)";
  const lines = [
    `You are working on one module of a larger project: \`${task.moduleId}\` (layer \`${task.layer}\`), attempt ${task.attempt}, task: ${task.kind}.`,
    `The module owns these files, relative to ${task.cwd}:\n${files}`,
    task.readOnly
      ? "This task is read-only: do not change any file. Read what you need and answer with your findings."
      : "Change only this module's files (and its tests); other modules belong to other agents working at the same time.",
    "End with a short summary of what you did and where the module stands (tests run, what is left).",
  ];
  return lines.join("\n\n");
}

export interface QueryExtras {
  abortController: AbortController;
  resume?: string;
  stderr(data: string): void;
  /** Claude Code's temporary folder (`CLAUDE_CODE_TMPDIR`), the one its sandboxed commands may write besides the workspace. */
  tmpDir?: string;
}

/** Claude Code's environment: ours, then the section's `env`. */
export function claudeEnv(options: CompiledClaudeCodeOptions): NodeJS.ProcessEnv {
  const mcpTimeout = String(options.mcpConnectTimeoutMs ?? process.env.MCP_TIMEOUT ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS);
  return { ...process.env, CLAUDE_AGENT_SDK_CLIENT_APP: "orchestrate", MCP_TIMEOUT: mcpTimeout, ...options.env };
}

/** Whether the attempt's Bash runs in Claude Code's sandbox: it may run Bash, and `sandbox.mode` is not `none`. */
export function sandboxesBash(options: CompiledClaudeCodeOptions, task: Pick<AgentTask, "readOnly">): boolean {
  return options.sandbox.mode !== "none" && mayRunBash(options, task.readOnly === true);
}

/** The environment and sandbox settings of one attempt; a sandboxed one's secret-named variables are hidden from its Bash. */
function confinement(options: CompiledClaudeCodeOptions, task: AgentTask, tmpDir: string | undefined): Pick<Options, "env" | "sandbox"> {
  const env = claudeEnv(options);
  if (!sandboxesBash(options, task)) return { env };
  for (const name of secretVariables(env).drop) delete env[name];
  // A temporary folder of the attempt's own, unless the user chose one: what its commands write there is thrown away.
  if (tmpDir && env.CLAUDE_CODE_TMPDIR === undefined) env.CLAUDE_CODE_TMPDIR = tmpDir;
  // The build tools offline, their caches read-only (agents/chosen.ts): Bash inherits Claude Code's environment.
  for (const [name, value] of Object.entries(options.sandbox.set ?? {})) if (options.env[name] === undefined) env[name] = value;
  // Gradle's user home goes where Claude Code's sandbox lets commands write: its temporary folder, not bubblewrap's fresh /tmp.
  if (env.GRADLE_USER_HOME === SANDBOX_GRADLE_HOME && env.CLAUDE_CODE_TMPDIR) env.GRADLE_USER_HOME = join(env.CLAUDE_CODE_TMPDIR, ".gradle");
  return { env, sandbox: claudeSandboxSettings(options.sandbox, task.cwd, env) };
}

/**
 * The SDK options of one attempt. A read-only task gets only READ_ONLY_TOOLS as built-in
 * tools and WRITE_TOOLS disallowed: removed tools cannot be called in any permission mode,
 * while modes only decide what is asked for (`plan` also rewrites the prompt around a plan).
 */
export function queryOptions(options: CompiledClaudeCodeOptions, task: AgentTask, extras: QueryExtras): Options {
  const mcpNames = Object.keys(task.mcpServers);
  return {
    cwd: task.cwd,
    ...(options.model && { model: options.model }),
    maxTurns: options.maxTurns,
    permissionMode: options.permissionMode,
    allowDangerouslySkipPermissions: options.permissionMode === "bypassPermissions",
    // The engine configured these servers, so their tools need no approval.
    allowedTools: [...options.allowedTools, ...mcpNames.map((name) => `mcp__${name}`)],
    disallowedTools: task.readOnly ? [...new Set([...options.disallowedTools, ...WRITE_TOOLS])] : options.disallowedTools,
    ...(task.readOnly && { tools: READ_ONLY_TOOLS }),
    systemPrompt: { type: "preset", preset: "claude_code", append: moduleInstructions(task) },
    mcpServers: sdkMcpServers(task.mcpServers),
    // The bundled binary reads servers from stdin, keeping their env and headers off the command line.
    mcpServersDelivery: options.pathToClaudeCodeExecutable ? "argv" : "initialize",
    settingSources: options.settingSources,
    persistSession: options.continueSession,
    ...(extras.resume && { resume: extras.resume }),
    ...confinement(options, task, extras.tmpDir),
    abortController: extras.abortController,
    stderr: extras.stderr,
    ...(options.pathToClaudeCodeExecutable && { pathToClaudeCodeExecutable: options.pathToClaudeCodeExecutable }),
  };
}
