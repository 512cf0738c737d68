import { setFlagsFromString } from "node:v8";

/**
 * How far, in percent, V8 lets the old generation grow past what the last full GC found
 * live, in a process that runs modules. V8's own factor there is up to 4: loading a
 * 10,000-module tree, a full GC found 43 MB live, and the heap then grew to 180 MB before
 * the next one, most of it garbage of the run (a peak RSS of about 290 MB). At 25 % the
 * full GCs come more often (7 instead of 3 in that run, about 0.2 s of GC on the main
 * thread either way, no CPU measurable at 1,000 or 10,000 modules) and the peak is about 245 MB.
 */
export const HEAP_GROWING_PERCENT = 25;

/** Sets V8's heap growth for the rest of the process: each full GC from now on takes it. */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * V8's settings for a process that runs modules (`run`, `resume`): the heap's growth above, and
 * TurboFan without inlining. A run's hot code is many small functions, each called a few times
 * per module: with inlining, V8 spent more compiling them than the inlined calls saved (a
 * 1,000-module run: 1.73 -> 1.63 s of CPU, 6 runs each; at 10,000 modules the same CPU, and a
 * few MB less peak RSS). Optimised code still runs.
 */
export function tuneForRun(): void {
  limitHeapGrowth();
  setFlagsFromString("--no-turbo-inlining");
}

/**
 * How much V8 grows the young generation when a scavenge finds much of it live, in a run below
 * TURBOFAN_FROM_MODULES: 1 keeps it at the size it has when the run's size is known (a few MB),
 * where V8 would take it to 32 MB. A run of a thousand modules then touches fewer new pages
 * (19,500 -> 16,000 page faults; a fault costs 15-20 us here) and allocates into memory still in
 * the CPU's caches: 2.16 -> 1.98 and 2.10 -> 2.00 s CPU (medians of 8 runs each, two sets, load
 * 12-17); at load 3, 1.90 -> 1.76 (10 runs each; 1.73 both in another 8 pairs); sys 0.44 -> 0.34 s,
 * peak RSS 107 -> 94 MB. Set from the start of the run (before the tree is loaded), it saved
 * more at 1,000 modules (1.90 s, 81 MB) but cost a 10,000-module run 9-12 % more CPU, even when
 * given back once the size was known; a larger run keeps V8's own growth. Where between 2,000 and
 * 10,000 modules it stops paying was not measured: the tier's threshold is taken for it.
 */
export const SMALL_RUN_SEMI_SPACE_GROWTH = 1;

/**
 * Below this many modules, a run's code stays out of TurboFan (Sparkplug's baseline code is the
 * top tier). A run's hot code is a few hundred functions; compiling them with TurboFan costs a
 * fixed amount of CPU on V8's background thread that a run of a thousand modules never earns
 * back (1,000 modules: 1.96 -> 1.79 s CPU, median of 7 runs each). From about 3,000 modules the
 * optimised code pays for itself (3,000: 4.74 s with TurboFan, 4.97 without; 10,000: 10.8 s, 11.5 without).
 */
export const TURBOFAN_FROM_MODULES = 2000;

/** V8's tier flag for a run of `modules` modules, if it needs one: see TURBOFAN_FROM_MODULES. */
export function tierFlagFor(modules: number): string | undefined {
  return modules < TURBOFAN_FROM_MODULES ? "--max-opt=2" : undefined;
}

/** V8's own `--max-opt` (any tier), and TurboFan, which a lower `--max-opt` turned off with it. */
const ANY_TIER = ["--max-opt=999", "--turbofan"];

/**
 * V8's top tier for `plan` of a tree of `modules` modules, once they are listed: the same bound as
 * a run's. `plan` starts without TurboFan (bin/orchestrate.js), and a tree of TURBOFAN_FROM_MODULES
 * or more gets it back. A cold `plan --json` of 1,000 generated modules without it: 4.21-4.33 ->
 * 3.54 billion instructions (callgrind, all threads), 1.51 -> 1.08 s CPU (medians of 6 alternating
 * runs at a load of 12; 1.03 -> 0.77 s at a load of 1). Without it, wall time at a load of 1:
 * 2,000 modules 0.96 -> 0.91 s, but 5,000 1.52 -> 1.63 s and 10,000 2.37 -> 2.85 s (less CPU, but
 * the extra work is on the main thread, where TurboFan compiles on a helper thread).
 * And its young generation's growth, at any size: PLAN_SEMI_SPACE_GROWTH.
 */
export function tuneForPlan(modules: number): void {
  const flag = tierFlagFor(modules);
  for (const f of flag ? [flag] : ANY_TIER) setFlagsFromString(f);
  setFlagsFromString(`--semi-space-growth-factor=${PLAN_SEMI_SPACE_GROWTH}`);
}

/**
 * How much V8 grows the young generation of a `plan` once its tree is listed: 1 keeps it at the
 * size it has then (2 MB, where V8 takes it to 32 MB): fewer new pages to fault in. A cold
 * `plan --json` of 1,000 generated modules: peak RSS 99-101 -> 71 MB, CPU 1.10 -> 0.87 s (medians
 * of 5 alternating runs, load 11-15), with the same instructions (callgrind, all threads: 3.69 G
 * against 3.57 and 3.71 G). Of 10,000: 209-215 -> 189-194 MB (6 runs each), CPU not measurably
 * changed (medians 4.72 -> 4.59 s, runs spread over 3.7-5.4 s at that load). Set at
 * the process's start instead, it cost CPU (4.99 s). A larger young generation
 * (`--max-semi-space-size`, which only a start-up flag sets) cost more CPU and memory: 32 MB 4.66 s
 * and 241 MB, 64 MB 5.57 s and 313 MB, against 4.41 s and 213 MB.
 */
export const PLAN_SEMI_SPACE_GROWTH = 1;

/** V8's own growth factor of the young generation (`--semi-space-growth-factor`'s default in Node 20's V8). */
const V8_SEMI_SPACE_GROWTH = 2;

/**
 * V8's settings for `run` once its tree is listed, before any spec is read: `run` starts without
 * TurboFan (bin/orchestrate.js), as `plan` does. A tree below TURBOFAN_FROM_MODULES keeps that, and
 * its young generation stays at its size from here (tuneForModules); a larger one gets TurboFan and
 * V8's own growth back (told again with its layer tables' modules, it may be larger than first
 * listed). Set only once the plan was known, a 1,000-module run had grown its young generation to
 * 16 MB loading the tree (8 MB now), and TurboFan compiled 16 functions of its start-up and spec
 * reader that a small tree never earns back: 17,850 -> 15,290 page faults, peak RSS 97.5 -> 85.4 MB,
 * CPU 1.53 -> 1.44 s (medians of 12 alternated runs, load 7-10).
 */
export function tuneForListedRun(modules: number): void {
  if (tierFlagFor(modules)) return tuneForModules(modules);
  for (const f of ANY_TIER) setFlagsFromString(f);
  setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH}`);
}

/** Sets V8's top tier and young generation for a run of `modules` modules, once its plan is known. */
export function tuneForModules(modules: number): void {
  const flag = tierFlagFor(modules);
  if (!flag) return;
  setFlagsFromString(flag);
  setFlagsFromString(`--semi-space-growth-factor=${SMALL_RUN_SEMI_SPACE_GROWTH}`);
}
