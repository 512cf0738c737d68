import { runProcess } from "../exec/process.js";
import type { ProcessResult } from "../exec/process.js";
import { filesEnv, PLACEHOLDER_ENV, reference, substitute, type Expanded } from "../exec/shell.js";
import type { TestCounts } from "./parsers/index.js";
import { stripAnsi } from "./parsers/ansi.js";
import type { CheckConfig, CheckResult } from "./types.js";
import { ATTEMPT_TIMEOUT_SETTING, timedOutAfter } from "../timer.js";
import { limitHit } from "../sandbox/limits.js";
import { placeOf, type GateConfinement } from "./confine.js";
import { notFoundMessage } from "./not-found.js";

/** Values for a check's placeholders; a missing one becomes the empty word `''`. */
export interface GateVars {
  module?: string;
  layer?: string;
  files: string[];
}

export interface CommandOptions {
  root: string;
  vars: GateVars;
  timeoutMs: number;
  signal?: AbortSignal;
  env?: Record<string, string>;
  /** Where command checks run (`gates.sandbox`); without it they run unconfined. */
  confine?: GateConfinement;
}

/** Lines and bytes of output a result keeps: enough for a runner's failures and summary. */
export const OUTPUT_TAIL_LINES = 60;
export const OUTPUT_TAIL_BYTES = 8 * 1024;

// `${module}` is shell syntax, not ours: the lookbehind leaves it alone.
const PLACEHOLDER = /(?<!\$)\{(module|layer|files)\}/g;

/**
 * Replaces `{module}`, `{layer}` and `{files}` with references to the environment variables
 * that carry them, the same way as an agent's command line (see `expandCommand`): a value
 * is never parsed by the shell, wherever the placeholder sits.
 */
export function expandCheckCommand(template: string, vars: GateVars): Expanded {
  const command = substitute<"module" | "layer" | "files">(template, PLACEHOLDER, (name, quoting) =>
    reference(name, quoting, vars.files.length),
  );
  return {
    command,
    env: { [PLACEHOLDER_ENV.module]: vars.module ?? "", [PLACEHOLDER_ENV.layer]: vars.layer ?? "", ...filesEnv(vars.files) },
  };
}

/** Replaces the same placeholders unquoted, for paths such as a coverage `file`. */
export function expandPath(template: string, vars: GateVars): string {
  return template.replace(PLACEHOLDER, (_all, name: "module" | "layer" | "files") =>
    name === "files" ? vars.files.join(" ") : (vars[name] ?? ""),
  );
}

/**
 * Runs a `command` check through `/bin/sh` in the project root. Stdout and stderr go to one
 * stream (`exec 2>&1`), so the output keeps its order and a runner's summary is found on
 * either. The check passes on exit code 0; test counts and coverage are parsed from the
 * whole output, and the result keeps its tail, ANSI codes removed.
 */
export async function runCommandCheck(check: CheckConfig, options: CommandOptions): Promise<CheckResult> {
  const started = performance.now();
  const base = { name: check.name, kind: "command" as const, blocking: check.blocking ?? true };
  const elapsed = () => Math.round(performance.now() - started);
  if (!check.run) return { ...base, ok: false, message: "Expected `run` (a command line), got nothing", durationMs: 0 };
  const timeoutMs = check.timeoutMs ?? options.timeoutMs;
  const place = placeOf(options.confine, check.sandbox);
  if ("refused" in place) return { ...base, ok: false, message: `could not start: ${place.refused}`, durationMs: 0 };
  const offline = "sandbox" in place && place.offline;
  const expanded = expandCheckCommand(offline && check.offline ? check.offline : check.run, options.vars);
  // Confined: the allow-listed environment (never a secret's name), the workspace the one writable folder; offline, the build tools' caches readable.
  const launch = "sandbox" in place ? place.sandbox.launch({ cwd: options.root, set: { ...place.set, ...options.env, ...expanded.env }, readable: place.readable }) : undefined;
  let result: ProcessResult;
  try {
    result = await runProcess({
      command: `exec 2>&1\n${expanded.command}`,
      cwd: options.root,
      ...(launch ? { launcher: launch.launcher, env: launch.env } : { env: { ...process.env, ...options.env, ...expanded.env } }),
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    return { ...base, ok: false, message: `could not start: ${error instanceof Error ? error.message : String(error)}`, durationMs: elapsed() };
  }
  const text = stripAnsi(result.stdout + result.stderr);
  // The parsers load with the first command check: a run gated by the architecture check alone never needs them.
  const { parseCoverageOutput, parseTestOutput } = await import("./parsers/index.js");
  const tests = parseTestOutput(text);
  const coverage = parseCoverageOutput(text);
  const ok = result.exitCode === 0 && !result.timedOut && !result.cancelled;
  const hit = "sandbox" in place && !ok ? limitHit(place.sandbox.limits, result, text) : undefined;
  const cut = "sandbox" in place && !ok && place.sandbox.mode === "bwrap" && !place.sandbox.network ? noNetwork(text) : undefined;
  // A build that stopped before its tests: its first compiler error, rather than a bare exit code.
  const compiled = !ok && !tests && !result.timedOut && !result.cancelled && result.exitCode !== null ? (await import("./compile-error.js")).compileError(text) : undefined;
  const ended = result.exitCode === null ? `killed by ${result.signal ?? "a signal"}` : `exit ${result.exitCode}`;
  const status = result.cancelled
    ? "cancelled"
    : result.timedOut
      ? timedOutAfter(timeoutMs, check.timeoutMs !== undefined ? `the check's timeoutMs` : ATTEMPT_TIMEOUT_SETTING)
      : hit
        ? `${ended}, ${hit}`
        : result.exitCode === 127
          ? // The shell's code for a command it could not find (an npm script naming a file the checkout lacks).
            notFoundMessage(text, "sandbox" in place, options.env?.PATH ?? process.env.PATH)
          : ok
            ? undefined
            : cut
              ? `${ended}, ${cut}`
              : compiled
                ? `${ended}, ${compiled}`
                : ended;
  const parts = [status, tests && formatTests(tests), coverage !== undefined ? `coverage ${formatPercent(coverage)}` : undefined];
  const message = parts.filter((p): p is string => p !== undefined).join(", ") || "exit 0";
  const output = tail(text);
  return {
    ...base,
    ok,
    message,
    durationMs: result.durationMs,
    ...(output ? { output } : {}),
    ...(tests ? { tests } : {}),
    ...(coverage !== undefined ? { coverage } : {}),
  };
}

/** A host name that did not resolve: what a download looks like in a sandbox without the network. */
const NAME_NOT_RESOLVED = /unknown host|temporary failure in name resolution|could not resolve host|name or service not known|getaddrinfo (?:enotfound|eai_again)|failed to lookup address information|no address associated with hostname|network is unreachable/i;

/** A build tool run offline that lacked something in its cache: Maven's, Gradle's, Cargo's and Go's words for it. */
const NOT_CACHED = /in offline mode and the artifact|no cached version of .* available for offline mode|you're using offline mode|--offline was specified|without network access|module lookup disabled by GOPROXY=off|disabled by GOPROXY=off/i;

/**
 * Why a check that tried to download failed, where the sandbox has no network: said in the
 * message, so neither the reader nor the retry's agent takes it for a fault in the code.
 */
function noNetwork(text: string): string | undefined {
  const match = NAME_NOT_RESOLVED.exec(text) ?? NOT_CACHED.exec(text);
  if (!match) return undefined;
  // From the words that say it on: Maven's line starts with 200 characters of which artifact it wanted.
  const said = text.slice(match.index).split("\n")[0]!.trim();
  const quoted = said.length > 120 ? `${said.slice(0, 120)}…` : said;
  return `it tried the network, which the sandbox does not have (${quoted}); what it downloads must be in a cache on disk (~/.m2/repository, ~/.gradle/caches, ~/.cargo/registry and the Go module cache are read, offline: fetch it there once outside the sandbox; another folder goes in sandbox.readable), or set sandbox.network: true or gates.sandbox: false`;
}

/** `tests 21/23 (1 failed, 1 skipped)`: passed of total; `packages 9/9` where packages were counted. */
export function formatTests(t: TestCounts): string {
  const extra = [t.failed ? `${t.failed} failed` : "", t.skipped ? `${t.skipped} skipped` : ""].filter(Boolean);
  return `${t.unit ?? "tests"} ${t.passed}/${t.total}${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

/** Rounded down to one decimal, so that 79.96% never shows as a passing 80%. */
export function formatPercent(value: number): string {
  return `${Math.floor(value * 10) / 10}%`;
}

/** The last lines of the output, within the byte budget, with a note of what was left out. */
export function tail(text: string): string {
  const trimmed = text.replace(/\s+$/, "");
  let kept = trimmed;
  if (Buffer.byteLength(kept) > OUTPUT_TAIL_BYTES) {
    kept = Buffer.from(kept).subarray(-OUTPUT_TAIL_BYTES).toString("utf8").replace(/^\uFFFD+/, "");
    kept = kept.slice(kept.indexOf("\n") + 1); // drop the partial first line
  }
  let lines = kept.split("\n");
  if (lines.length > OUTPUT_TAIL_LINES) lines = lines.slice(-OUTPUT_TAIL_LINES);
  const omitted = trimmed.split("\n").length - lines.length;
  return omitted > 0 ? `[${omitted} earlier lines not shown]\n${lines.join("\n")}` : lines.join("\n");
}
