import { ConfigError, showValue } from "../errors.js";
import { splitHost } from "../sandbox/allow-proxy.js";
import type { SandboxOptions } from "../sandbox/types.js";
import { isPresetName, PRESETS, type OutputFormat, type PresetName, type PromptMode } from "./presets.js";

export interface CommandOptions {
  /**
   * Shell command line, run with `/bin/sh -c` in the project folder. Placeholders, each
   * inserted shell-quoted: `{promptFile}`, `{prompt}`, `{module}`, `{layer}`, `{attempt}`,
   * `{runId}`, `{files}`. Required unless `preset` is set; overrides the preset's line.
   */
  run?: string;
  /** A coding CLI from `PRESETS`: supplies `run`, `prompt` and `output`. */
  preset?: PresetName;
  /** How the prompt is passed. @default the preset's, else "stdin" */
  prompt?: PromptMode;
  /** How stdout is read. @default the preset's, else "text" */
  output?: OutputFormat;
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
  /** Time between SIGTERM and SIGKILL when the command is stopped. @default 2000 */
  killGraceMs?: number;
  /**
   * Run the command in the sandbox (`true`, or the sandbox options to use), with the CLI's API
   * keys passed (see `CLI_ENV`) and the network `network` allows. @default false
   */
  sandbox?: boolean | SandboxOptions;
  /**
   * What a sandboxed command may reach: `true` every host, `false` none, or a list of
   * `host:port`, reached through an allow-list proxy. @default the hosts of the model
   * endpoints its environment names (`ANTHROPIC_BASE_URL`, `OPENAI_BASE_URL`) and the preset's API host
   */
  network?: boolean | string[];
}

export interface CompiledCommandOptions {
  name: string;
  run: string;
  prompt: PromptMode;
  output: OutputFormat;
  env: Record<string, string>;
  killGraceMs: number;
  /** `true`: every host; a list: only these `host:port`s; undefined: the default, found at run time. */
  network: true | readonly string[] | undefined;
  /** The preset's API host (`api.anthropic.com:443`), part of the default `network`. */
  apiHosts: readonly string[];
}

const PROMPT_MODES: readonly PromptMode[] = ["stdin", "file", "arg"];
const OUTPUT_FORMATS: readonly OutputFormat[] = ["claude-json", "text"];

function invalid(key: string, expected: string, value: unknown): ConfigError {
  return new ConfigError("CONFIG_INVALID", `Expected \`${key}\` to be ${expected}, got ${showValue(value)}`, { key });
}

function oneOf<T extends string>(key: string, allowed: readonly T[], value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(key, `one of ${allowed.join(", ")}`, value);
}

/** Validates the options and fills in the preset's values and the defaults. */
export function compileCommandOptions(options: CommandOptions): CompiledCommandOptions {
  const { run, preset, env = {}, killGraceMs = 2000 } = options;
  if (preset !== undefined && (typeof preset !== "string" || !isPresetName(preset))) {
    throw invalid("command.preset", `one of ${Object.keys(PRESETS).join(", ")}`, preset);
  }
  if (run !== undefined && (typeof run !== "string" || run.trim() === "")) {
    throw invalid("command.run", "a non-empty command line", run);
  }
  if (run === undefined && preset === undefined) {
    // `--agent command` on a project without a `command:` section lands here: say where and what to write.
    const presets = Object.keys(PRESETS).join(", ");
    throw new ConfigError("CONFIG_INVALID", `Expected \`command.run\` or \`command.preset\`, got neither: the command agent runs what the config's \`command:\` section names (\`command: { preset: claude }\`, or \`command: { run: "my-agent --prompt-file {promptFile}" }\`; presets: ${presets})`, {
      key: "command.run",
    });
  }
  if (typeof env !== "object" || env === null || Object.values(env).some((v) => typeof v !== "string")) {
    throw invalid("command.env", "an object of string values", env);
  }
  if (!Number.isInteger(killGraceMs) || killGraceMs < 0) {
    throw invalid("command.killGraceMs", "an integer from 0 up", killGraceMs);
  }
  const base = preset === undefined ? undefined : PRESETS[preset];
  const network = compileNetwork(options.network);
  return {
    name: preset === undefined ? "command" : `command:${preset}`,
    run: run ?? base!.run,
    prompt: oneOf("command.prompt", PROMPT_MODES, options.prompt) ?? base?.prompt ?? "stdin",
    output: oneOf("command.output", OUTPUT_FORMATS, options.output) ?? base?.output ?? "text",
    env: { ...env },
    killGraceMs,
    network,
    apiHosts: base && "hosts" in base ? base.hosts : [],
  };
}

function compileNetwork(network: unknown): CompiledCommandOptions["network"] {
  if (network === undefined || network === true) return network;
  if (network === false) return [];
  const expected = "true, false or a list of host:port (api.example.com:443, 127.0.0.1:8080)";
  if (!Array.isArray(network)) throw invalid("command.network", expected, network);
  const bad = network.find((entry) => typeof entry !== "string" || splitHost(entry) === undefined);
  if (bad !== undefined) throw invalid("command.network", expected, bad);
  return [...(network as string[])];
}
