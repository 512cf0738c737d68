import { SpecError, showValue } from "../errors.js";

/**
 * The module names of a front matter dependency list written with reasons: a mapping
 * (`ledger: for entries`, or `ledger:` alone), or items naming a module (`- module: ledger` with `why:`,
 * `- ledger: for entries`). Anything else is returned as it is, for `stringList` to judge.
 */
export function moduleNamesOf(value: unknown): unknown {
  const named = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const entry = v as Record<string, unknown>;
    const key = ["module", "name", "id"].find((k) => typeof entry[k] === "string");
    if (key) return entry[key];
    const keys = Object.keys(entry);
    return keys.length === 1 ? keys[0] : v;
  };
  if (Array.isArray(value)) return value.map(named);
  // A mapping of module to reason (or to nothing); `{b: 1}` is no such list.
  const reasons = typeof value === "object" && value !== null && Object.values(value).every((v) => v === null || typeof v === "string");
  return reasons ? Object.keys(value) : value;
}

/** A front matter value as paths, when it is a string (`a, b`) or a list of strings; else none. */
export function pathList(value: unknown): string[] {
  // `depends_on: store, pricing` or `"store; pricing"`: a list written as one string.
  if (typeof value === "string") return value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value.map((v) => v.trim()) : [];
}

export function stringList(value: unknown, key: string, file: string, keyLines: Record<string, number>): string[] {
  if (value === undefined || value === null) return [];
  // `depends_on: store, pricing` or `"store; pricing"`: a list written as one string.
  if (typeof value === "string") return value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.map((v) => v.trim());
  throw new SpecError("SPEC_PARSE", `Expected front matter \`${key}\` to be a list of strings, got ${showValue(value)}`, { file, line: keyLines[key] ?? 1 });
}

