import { UsageError } from "../errors.js";
import { boundedInteger, rangeWords, type Bound } from "../config/bounds.js";

/**
 * A flag's value as an integer within `bound`, or a usage error naming the range. A range the
 * config file has too is taken from config/bounds.ts, so a number is refused alike from either.
 */
export function integerFlag(flag: string, text: string, bound: Bound): number {
  const n = boundedInteger(text, bound);
  if (n === undefined) throw new UsageError(`Expected \`${flag}\` to be ${rangeWords(bound)}, got \`${text}\``);
  return n;
}
