import type { SandboxLimits } from "./types.js";

const MB = 1024 * 1024;

/**
 * The `prlimit` (util-linux) command placed between bubblewrap and the shell: hard and soft
 * limits, so that the command cannot raise them again. Memory is RLIMIT_DATA, not RLIMIT_AS:
 * V8 reserves address space it never touches (WebAssembly's guard regions alone exceed a few
 * GB), so an address-space cap breaks Node; the data limit counts only memory the process made
 * writable. Both limits are per process: without cgroups nothing caps a command's total.
 */
export function prlimitArgs(limits: SandboxLimits): string[] {
  const args: string[] = [];
  if (limits.memoryMb > 0) args.push(`--data=${limits.memoryMb * MB}`);
  if (limits.fileMb > 0) args.push(`--fsize=${limits.fileMb * MB}`);
  return args.length > 0 ? ["prlimit", ...args, "--"] : [];
}

/**
 * Why a sandboxed command ended, when a limit explains it: killed by SIGXFSZ (a file over
 * `fileMb`), or an allocation that failed under `memoryMb` (Node's `bad_alloc` or heap out of
 * memory, Python's MemoryError, C's "Cannot allocate memory", a sanitizer's shadow memory). Undefined otherwise.
 */
export function limitHit(limits: SandboxLimits, result: { exitCode: number | null; signal: string | null }, output: string): string | undefined {
  if (limits.fileMb > 0 && (result.signal === "SIGXFSZ" || result.exitCode === 128 + 25 || /File size limit exceeded/.test(output))) {
    return `a file reached the sandbox's size limit of ${limits.fileMb} MB (sandbox.limits.fileMb)`;
  }
  if (limits.memoryMb > 0 && result.exitCode !== 0 && SANITIZER_SHADOW.test(output)) {
    return `a sanitizer's shadow memory does not fit the sandbox's memory limit of ${limits.memoryMb} MB (sandbox.limits.memoryMb: 0 lifts it)`;
  }
  if (limits.memoryMb > 0 && result.exitCode !== 0 && OUT_OF_MEMORY.test(output)) {
    return `a process reached the sandbox's memory limit of ${limits.memoryMb} MB (sandbox.limits.memoryMb)`;
  }
  return undefined;
}

// AddressSanitizer (and its kin) map terabytes of shadow memory as they start, which a data limit refuses whatever the program uses.
const SANITIZER_SHADOW = /(?:Address|Memory|Thread|HWAddress)Sanitizer failed to allocate|ReserveShadowMemoryRange failed/;
const OUT_OF_MEMORY = /std::bad_alloc|JavaScript heap out of memory|Array buffer allocation failed|Fatal process out of memory|\bMemoryError\b|Cannot allocate memory|out of memory/i;
