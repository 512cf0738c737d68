import { spawn } from "node:child_process";
import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import type { Writable } from "node:stream";
import { killGroup } from "./process-group.js";
import { PRIVATE_FILE, redact, redactStream, type StreamRedactor } from "../redact/index.js";
import { MAX_TIMER_MS } from "../timer.js";

export interface RunProcessOptions {
  /** A shell command line, run with `/bin/sh -c`. */
  command: string;
  /** Program and arguments that start the shell, e.g. a sandbox (`bwrap ... --`). @default none */
  launcher?: readonly string[];
  cwd: string;
  /** The child's whole environment (merge `process.env` yourself). */
  env: NodeJS.ProcessEnv;
  /** Written to the child's stdin, then closed. Without it stdin is /dev/null, never an open pipe. */
  stdin?: string;
  /** Kills the process group after this long. Not finite or <= 0: no limit. */
  timeoutMs: number;
  /** Aborting kills the process group; an already aborted signal spawns nothing. */
  signal?: AbortSignal;
  /** Streams stdout here (created or truncated, 0600), secrets redacted. */
  stdoutFile?: string;
  /** Streams stderr here (created or truncated, 0600), secrets redacted. */
  stderrFile?: string;
  /** Bytes of each stream kept in memory; the tail is kept. @default 4194304 */
  maxCaptureBytes?: number;
  /** Bytes written to each of `stdoutFile` and `stderrFile`; the rest is left out, with a line that says so. @default 67108864 */
  maxFileBytes?: number;
  /** Time between SIGTERM and SIGKILL. @default 2000 */
  killGraceMs?: number;
  /** Told the group's id (the shell's pid) once it runs, before anything else happens. */
  onSpawn?: (pgid: number) => void;
}

export interface ProcessResult {
  /** Null when the shell was ended by a signal or never started. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const DEFAULT_CAPTURE = 4 * 1024 * 1024;
/** A CLI that prints without end for its whole timeout (30 min) would otherwise fill the disk: ~70 GB at 40 MB/s. */
const DEFAULT_FILE_BYTES = 64 * 1024 * 1024;
/** After the group is dead, how long a process that left it may hold our pipes open. */
const DRAIN_MS = 500;

/** Keeps the last `max` bytes written to it. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.max) {
      const first = this.chunks[0]!;
      const excess = this.size - this.max;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** A log file that never holds a secret the child printed: written through a line-wise redactor. */
interface Sink {
  stream: Writable;
  redactor: StreamRedactor;
  /** Keeps a character cut between two chunks whole. */
  decoder: StringDecoder;
  /** Bytes written so far, and the most the file takes. */
  written: number;
  max: number;
}

async function openSink(file: string | undefined, max: number): Promise<Sink | undefined> {
  if (!file) return undefined;
  const handle = await open(file, "w", PRIVATE_FILE);
  return { stream: handle.createWriteStream(), redactor: redactStream(), decoder: new StringDecoder("utf8"), written: 0, max };
}

function writeSink(sink: Sink | undefined, chunk: Buffer): void {
  if (!sink || sink.written >= sink.max) return;
  const text = sink.redactor.push(sink.decoder.write(chunk));
  if (!text) return;
  sink.written += Buffer.byteLength(text);
  sink.stream.write(text);
  if (sink.written >= sink.max) sink.stream.write(`\n[orchestrate: the output after its first ${sink.max} bytes is not kept in this file]\n`);
}

function endSink(sink: Sink | undefined): Promise<void> {
  if (!sink) return Promise.resolve();
  const rest = sink.written >= sink.max ? "" : sink.redactor.push(sink.decoder.end()) + sink.redactor.end();
  return new Promise((resolve) => {
    sink.stream.once("error", () => resolve());
    sink.stream.end(rest, () => resolve());
  });
}

/**
 * Runs a shell command line as the leader of its own process group, so that a timeout,
 * an abort or the end of the shell takes down everything it started, grandchildren
 * included. Resolves for any exit status; rejects only when the shell cannot start.
 */
export async function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { signal } = options;
  if (signal?.aborted) {
    return { exitCode: null, signal: null, timedOut: false, cancelled: true, stdout: "", stderr: "", durationMs: 0 };
  }
  const max = options.maxCaptureBytes ?? DEFAULT_CAPTURE;
  const grace = options.killGraceMs ?? 2000;
  const fileMax = options.maxFileBytes ?? DEFAULT_FILE_BYTES;
  const outSink = await openSink(options.stdoutFile, fileMax);
  const errSink = await openSink(options.stderrFile, fileMax).catch(async (error: unknown) => {
    await endSink(outSink);
    throw error;
  });
  const outTail = new Tail(max);
  const errTail = new Tail(max);

  const [program, ...args] = [...(options.launcher ?? []), "/bin/sh", "-c", options.command];
  const child = spawn(program!, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  child.on("error", () => {}); // later errors (none expected) must not crash the host
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once("exit", (code, sig) => resolve([code, sig])),
  );
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const stdout = child.stdout!; // both piped above
  const stderr = child.stderr!;
  stdout.on("data", (chunk: Buffer) => {
    outTail.push(chunk);
    writeSink(outSink, chunk);
  });
  stderr.on("data", (chunk: Buffer) => {
    errTail.push(chunk);
    writeSink(errSink, chunk);
  });

  try {
    await spawned;
  } catch (error) {
    await Promise.all([endSink(outSink), endSink(errSink)]);
    throw error;
  }
  const pgid = child.pid!;
  try {
    options.onSpawn?.(pgid);
  } catch {
    // Only an observer: its failure must not leave the group running unwatched.
  }
  if (child.stdin) {
    child.stdin.on("error", () => {}); // EPIPE when the command does not read its input
    child.stdin.end(options.stdin);
  }

  let timedOut = false;
  let cancelled = false;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= killGroup(pgid, grace));
  const onAbort = () => {
    cancelled = true;
    void stop();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  // Aborted while the logs were opened or the shell spawned: the listener above came too late for it.
  if (signal?.aborted) onAbort();
  const limit = options.timeoutMs;
  const timer =
    Number.isFinite(limit) && limit > 0
      ? setTimeout(() => {
          timedOut = true;
          void stop();
        }, Math.min(limit, MAX_TIMER_MS))
      : undefined;

  const [exitCode, exitSignal] = await exited;
  clearTimeout(timer);
  signal?.removeEventListener("abort", onAbort);
  // Whatever the shell left behind in its group is an orphan now: end it too.
  await stop();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
  stdout.destroy();
  stderr.destroy();
  await Promise.all([endSink(outSink), endSink(errSink)]);

  return {
    exitCode,
    signal: exitSignal,
    timedOut: timedOut && !cancelled,
    cancelled,
    // Redacted once here: summaries, errors, gate output and a model's tool results all start from these.
    stdout: redact(outTail.text()),
    stderr: redact(errTail.text()),
    durationMs: elapsed(),
  };
}
