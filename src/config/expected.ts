import type { z } from "zod";

/**
 * The schema of the value at `path` in `schema`, through `optional` wrappers, objects and
 * records; undefined where the path leaves what can be followed (unions, loose objects).
 */
export function schemaAt(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let at: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (!at) return undefined;
    const def = at._zod.def as { type: string; shape?: Record<string, z.ZodType>; valueType?: z.ZodType };
    if (def.type === "object") at = def.shape?.[key];
    else if (def.type === "record") at = def.valueType;
    else return undefined;
    at = at ? unwrap(at) : undefined;
  }
  return at;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let at = schema;
  for (let def = at._zod.def as { type: string; innerType?: z.ZodType }; (def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType; def = at._zod.def as typeof def) {
    at = def.innerType;
  }
  return at;
}

/**
 * What a number schema accepts, in words: `an integer from 1 to 2147483647`, `an
 * integer from 0 up`, `a number greater than 0`, `a number from 0 up`. Undefined for
 * other schemas.
 */
export function expectedNumber(schema: z.ZodType | undefined): string | undefined {
  if (!schema || (schema._zod.def as { type: string }).type !== "number") return undefined;
  const checks = ((schema._zod.def as { checks?: { _zod: { def: Record<string, unknown> } }[] }).checks ?? []).map((c) => c._zod.def);
  const integer = checks.some((c) => c.check === "number_format" && (c.format === "safeint" || c.format === "int32"));
  const min = checks.find((c) => c.check === "greater_than");
  const max = checks.find((c) => c.check === "less_than");
  const kind = integer ? "an integer" : "a number";
  if (min && max && min.inclusive && max.inclusive) return `${kind} from ${String(min.value)} to ${String(max.value)}`;
  const parts = [min ? (min.inclusive ? `from ${String(min.value)} up` : `greater than ${String(min.value)}`) : "", max ? (max.inclusive ? `at most ${String(max.value)}` : `less than ${String(max.value)}`) : ""].filter(Boolean);
  return parts.length ? `${kind} ${parts.join(" and ")}` : kind;
}

/** The known key closest to `key` by edit distance (or that `key` begins), when it is close enough to be a typo. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // A key missing its unit (`timeout`, `maxCost`) is a typo too.
    const prefix = key.length >= 3 && candidate.toLowerCase().startsWith(key.toLowerCase());
    const d = prefix ? 1 : distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters is one edit. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** `; did you mean \`x\`?` when `value` is a string close to one of `known` (a typo of it), else "". */
export function didYouMean(value: unknown, known: readonly string[]): string {
  const nearest = typeof value === "string" && value !== "" ? nearestKey(value, known) : undefined;
  return nearest ? `; did you mean \`${nearest}\`?` : "";
}
