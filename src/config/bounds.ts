import { MAX_TIMER_MS } from "../timer.js";

/**
 * The ranges of the run's numbers, one place for the config file and the CLI flags: `--concurrency 1e9`
 * and `concurrency: 1000000000` are refused alike, with the same range in the message.
 * Concurrency: each slot holds an agent and a git worktree; past a thousand a machine runs out of
 * processes and disk before the run does. Retries: each one is an attempt paid for; a hundred is
 * past any retry that could still help, where `1e9` retried a failing module until the budget ran out.
 */
export const BOUNDS = {
  concurrency: { min: 1, max: 1000 },
  retries: { min: 0, max: 100 },
  timeoutMs: { min: 1, max: MAX_TIMER_MS },
} as const;

export interface Bound {
  min: number;
  max: number;
}

/**
 * `text` (a flag's value) as an integer within `bound`, or undefined: decimal digits only, so
 * `0x10`, `1e3`, `1.5`, ` 4` and `` are not read as the number JavaScript makes of them.
 */
export function boundedInteger(text: string, bound: Bound): number | undefined {
  if (!/^-?\d{1,16}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= bound.min && n <= bound.max ? n : undefined;
}

/** `an integer from 1 to 1000`: as the config's errors word a range (config/expected.ts). */
export function rangeWords(bound: Bound): string {
  return bound.max === Number.MAX_SAFE_INTEGER ? `an integer from ${bound.min} up` : `an integer from ${bound.min} to ${bound.max}`;
}
