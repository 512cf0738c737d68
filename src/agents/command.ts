import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { CLI_ENV } from "../sandbox/env.js";
import { compileSandboxOptions } from "../sandbox/options.js";
import { openSandbox } from "../sandbox/open.js";
import type { CompiledSandboxOptions, SandboxLaunch } from "../sandbox/types.js";
import { parseClaudeResult, type ClaudeResult } from "./claude-output.js";
import { compileCommandOptions, type CommandOptions, type CompiledCommandOptions } from "./command-options.js";
import { defaultHosts, launchWithHosts, type NetworkedLaunch } from "./command-network.js";
import { changedBetween, gitSnapshot, gitSnapshotAfter, type GitSnapshot } from "./git-changes.js";
import { processStartTime } from "../exec/process-group.js";
import { runProcess, type ProcessResult } from "../exec/process.js";
import { cancelledResult, failedResult, tailLines } from "./result.js";
import { expandCommand, usesPlaceholder, type Expanded } from "../exec/shell.js";
import { PRIVATE_DIR, PRIVATE_FILE, addSecrets, isSecretName, redact } from "../redact/index.js";
import { NO_USAGE, type Agent, type AgentContext, type AgentResult, type AgentTask, type Usage } from "./types.js";
import { ATTEMPT_TIMEOUT_SETTING, timedOutAfter } from "../timer.js";

export type { CommandOptions } from "./command-options.js";

const STDERR_TAIL_LINES = 40;
const SUMMARY_LINES = 20;
const SUMMARY_CHARS = 2000;

/**
 * Runs any coding CLI as a shell command, once per attempt, in the project folder.
 * Success is exit code 0 (and, for `claude-json`, `is_error: false`). Changed files are
 * found with git when the project is a work tree. Cancellation resolves with
 * `{ ok: false, cancelled: true, error: "cancelled" }`.
 */
export function createCommandAgent(options: CommandOptions): Agent {
  const compiled = compileCommandOptions(options);
  // Secrets the config hands the command (`command.env`) are redacted like the process's own.
  addSecrets(Object.entries(compiled.env).filter(([name]) => isSecretName(name)).map(([name, value]) => ({ name, value })));
  const sandbox = commandSandbox(options.sandbox, compiled.network === true);
  return {
    name: compiled.name,
    run: (task, ctx) => runCommand(compiled, task, ctx, sandbox),
  };
}

/**
 * A coding CLI calls its model API: its sandbox has the whole network only with
 * `command.network: true`; otherwise none, and the hosts it may reach go through a proxy.
 */
function commandSandbox(option: CommandOptions["sandbox"], everyHost: boolean): CompiledSandboxOptions | undefined {
  if (option === undefined || option === false) return undefined;
  return { ...compileSandboxOptions(option === true ? {} : option), network: everyHost };
}

/**
 * The command line for one attempt, with the prompt placed as the options say, and the
 * environment variables its placeholders read (values never enter the line itself).
 */
export function commandLineFor(options: CompiledCommandOptions, task: AgentTask): Expanded {
  let template = options.run;
  if (options.prompt === "file" && !usesPlaceholder(template, "promptFile")) template += " {promptFile}";
  if (options.prompt === "arg" && !usesPlaceholder(template, "prompt")) template += " {prompt}";
  return expandCommand(template, {
    promptFile: task.promptFile,
    module: task.moduleId,
    layer: task.layer,
    attempt: task.attempt,
    runId: task.runId,
    files: task.files,
  });
}

/** Unsandboxed: the whole environment; sandboxed: the allow-list, the CLI's keys and these values. */
async function launchFor(options: CompiledCommandOptions, task: AgentTask, sandbox: CompiledSandboxOptions | undefined, placeholders: Record<string, string>): Promise<NetworkedLaunch | string> {
  if (!sandbox) return { launch: { launcher: [], env: { ...process.env, ...ownEnv(options, task), ...placeholders } }, close: async () => {} };
  const choice = await openSandbox(sandbox);
  if (!choice.sandbox) return `command.sandbox is true but the sandbox cannot run: ${choice.problem} (install bubblewrap, or set sandbox.mode: none)`;
  // The placeholders' values travel in the environment (shell.ts), so they are set inside the sandbox too.
  const request = { cwd: task.cwd, set: { ...ownEnv(options, task), ...placeholders }, pass: CLI_ENV, readable: [dirname(task.promptFile)] };
  const hosts = options.network === true ? [] : (options.network ?? defaultHosts(options, process.env));
  return launchWithHosts(choice.sandbox, request, hosts);
}

function ownEnv(options: CompiledCommandOptions, task: AgentTask): Record<string, string> {
  return {
    ...options.env,
    ORCHESTRATE_PROMPT_FILE: task.promptFile,
    ORCHESTRATE_MODULE: task.moduleId,
    ORCHESTRATE_LAYER: task.layer,
    ORCHESTRATE_ATTEMPT: String(task.attempt),
    ORCHESTRATE_RUN_ID: task.runId,
    ORCHESTRATE_PROJECT: task.cwd,
    ORCHESTRATE_ATTEMPT_DIR: task.attemptDir,
  };
}

/** The engine normally writes the prompt file; write it when it has not. */
async function ensurePromptFile(task: AgentTask): Promise<void> {
  const exists = await access(task.promptFile).then(
    () => true,
    () => false,
  );
  if (exists) return;
  await mkdir(dirname(task.promptFile), { recursive: true, mode: PRIVATE_DIR });
  await writeFile(task.promptFile, redact(task.prompt), { mode: PRIVATE_FILE });
}

async function runCommand(options: CompiledCommandOptions, task: AgentTask, ctx: AgentContext, sandbox: CompiledSandboxOptions | undefined): Promise<AgentResult> {
  if (ctx.signal.aborted) return cancelledResult(`${options.name}: cancelled before start`);
  const { command, env: placeholders } = commandLineFor(options, task);
  const networked = await launchFor(options, task, sandbox, placeholders);
  if (typeof networked === "string") return failedResult(networked, { nonRetryable: true });
  try {
    return await runLaunched(options, task, ctx, networked.launch, command);
  } finally {
    await networked.close();
  }
}

async function runLaunched(options: CompiledCommandOptions, task: AgentTask, ctx: AgentContext, launch: SandboxLaunch, command: string): Promise<AgentResult> {
  await mkdir(task.attemptDir, { recursive: true, mode: PRIVATE_DIR });
  await ensurePromptFile(task);
  const before = await gitSnapshot(task.cwd);
  ctx.emit({ type: "progress", message: `${options.name}: started in ${task.cwd}` });
  let proc: ProcessResult;
  try {
    proc = await runProcess({
      command,
      launcher: launch.launcher,
      cwd: task.cwd,
      env: launch.env,
      stdin: options.prompt === "stdin" ? task.prompt : undefined,
      timeoutMs: task.timeoutMs,
      signal: ctx.signal,
      stdoutFile: join(task.attemptDir, "stdout.log"),
      stderrFile: join(task.attemptDir, "stderr.log"),
      killGraceMs: options.killGraceMs,
      onSpawn: (pid) => reportProcess(ctx, pid),
    });
  } catch (error) {
    return failedResult(`command could not start: ${(error as Error).message}`, { raw: { command } });
  }
  const filesChanged = before ? await filesChangedSince(task, before) : undefined;
  return { ...toResult(options, task, ctx, proc, command, filesChanged ?? []), filesSource: filesChanged ? "tree" : "unknown" };
}

/** Tells the engine the attempt's process group, so that it can end it should orchestrate die first. */
function reportProcess(ctx: AgentContext, pid: number): void {
  const startTime = processStartTime(pid);
  if (startTime) ctx.emit({ type: "process", pid, startTime });
}

/** Paths the engine itself writes during the attempt, never the agent's changes. */
function ownPaths(task: AgentTask): string[] {
  const paths = [".orchestrate", relative(task.cwd, task.attemptDir), relative(task.cwd, task.promptFile)];
  return paths.filter((p) => p !== "" && !p.startsWith("..") && !isAbsolute(p)).map((p) => p.split(sep).join("/"));
}

async function filesChangedSince(task: AgentTask, before: GitSnapshot): Promise<string[]> {
  const after = await gitSnapshotAfter(task.cwd, before);
  if (!after) return [];
  const own = ownPaths(task);
  const changed = await changedBetween(task.cwd, before, after);
  return changed.filter((path) => !own.some((o) => path === o || path.startsWith(`${o}/`)));
}

function textSummary(stdout: string, fallback: string): string {
  const tail = tailLines(stdout, SUMMARY_LINES);
  if (tail === "") return fallback;
  return tail.length > SUMMARY_CHARS ? `...${tail.slice(-SUMMARY_CHARS)}` : tail;
}

function failureReason(proc: ProcessResult, task: AgentTask, claude: ClaudeResult | undefined): string {
  if (proc.timedOut) return timedOutAfter(task.timeoutMs, ATTEMPT_TIMEOUT_SETTING);
  if (proc.exitCode === null) return `command was killed by ${proc.signal ?? "a signal"}`;
  // The shell's "not found": the fix is the command line, not the agent's work.
  if (proc.exitCode === 127) return "command exited with code 127, not found (check `command.run` in orchestrate.config.yaml, or that the preset's CLI is on PATH)";
  if (proc.exitCode !== 0) return `command exited with code ${proc.exitCode}`;
  if (!claude) return "command printed no result JSON on stdout (output: claude-json)";
  return `command reported an error${claude.subtype ? ` (${claude.subtype})` : ""}`;
}

function toResult(
  options: CompiledCommandOptions,
  task: AgentTask,
  ctx: AgentContext,
  proc: ProcessResult,
  command: string,
  filesChanged: string[],
): AgentResult {
  const claude = options.output === "claude-json" ? parseClaudeResult(proc.stdout) : undefined;
  const usage: Usage = claude
    ? { inputTokens: claude.inputTokens, outputTokens: claude.outputTokens, costUsd: claude.costUsd }
    : { ...NO_USAGE };
  if (claude) ctx.emit({ type: "usage", usage });
  const raw = {
    command,
    exitCode: proc.exitCode,
    signal: proc.signal,
    timedOut: proc.timedOut,
    durationMs: proc.durationMs,
    ...(claude && {
      sessionId: claude.sessionId,
      numTurns: claude.numTurns,
      subtype: claude.subtype,
      cacheReadInputTokens: claude.cacheReadInputTokens,
      cacheCreationInputTokens: claude.cacheCreationInputTokens,
    }),
  };
  if (proc.cancelled) return cancelledResult(`${options.name}: cancelled`, { filesChanged, usage, raw });

  const exitedOk = proc.exitCode === 0 && !proc.timedOut;
  const claudeOk = options.output !== "claude-json" || (claude !== undefined && !claude.isError);
  const fallback = `command exited with code ${proc.exitCode}`;
  const summary = claude ? claude.result : textSummary(proc.stdout, fallback);
  if (exitedOk && claudeOk) return { ok: true, summary, filesChanged, usage, raw };

  // Claude's own error text goes on the first line, the one the live view and `status` show.
  const said = claude?.isError ? claude.result.trim() : "";
  const [first, ...more] = said ? said.split("\n") : [];
  const parts = [first ? `${failureReason(proc, task, claude)}: ${first}` : failureReason(proc, task, claude), ...more];
  const stderr = tailLines(proc.stderr, STDERR_TAIL_LINES);
  if (stderr) parts.push(stderr);
  return failedResult(parts.join("\n"), { filesChanged, usage, raw });
}
