import { BIN, type CliResult } from "./cli.js";

/** The CLI's bundle, as bin/orchestrate.js loads it (vitest.config.ts loads dist/ natively, untransformed). */
const BUNDLE = new URL("../dist/bundle/cli.js", `file://${BIN}`).href;
let loaded: Promise<(argv: string[]) => Promise<number>> | undefined;

/**
 * Commands that stay in a process of their own (`runCli`): they register signal handlers, hold
 * the run's lock until the process exits, or serve until stopped.
 */
const PROCESS_ONLY = new Set(["run", "resume", "dashboard", "mcp", "worker"]);

/** What `runCli` sets in the CLI's environment, and what `env` adds: set for the call, then put back. */
const ENV = { NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true" } as const;

let busy = false;

/**
 * The CLI's `main` in the test's own process, for the commands that read a project and print
 * (plan, status, report, memory, check, ...) that a test calls many times: a process each costs
 * ~0.4 s of CPU to start and load the CLI, this ~30 ms once loaded. Same arguments, output and exit
 * code as `runCli`; what only a process shows (bin/orchestrate.js, signals, a closed pipe) stays
 * with `runCli`, as do the commands in PROCESS_ONLY. For integration tests alone (a process per
 * file): it changes process.env and process.stdout.write while it runs.
 */
export async function cliHere(args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliResult> {
  if (PROCESS_ONLY.has(args[0] ?? "")) throw new Error(`cliHere: \`${args[0]}\` runs in a process of its own: use runCli`);
  // Two at once would each take the other's output.
  if (busy) throw new Error("cliHere: one call at a time (await each)");
  busy = true;
  const env: Record<string, string | undefined> = { ...ENV, ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      out[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof process.stdout.write;
  try {
    setEnv(env);
    process.stdout.write = capture("stdout");
    process.stderr.write = capture("stderr");
    loaded ??= import(BUNDLE).then((m: { main: (argv: string[]) => Promise<number> }) => m.main);
    const code = await (await loaded)(args);
    return { code, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    setEnv(saved);
    busy = false;
  }
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
