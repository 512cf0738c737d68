interface Metric {
  total: number;
  covered: number;
}

function isMetric(value: unknown): value is Metric {
  if (typeof value !== "object" || value === null) return false;
  const { total, covered } = value as Record<string, unknown>;
  return typeof total === "number" && typeof covered === "number";
}

/**
 * Line coverage of istanbul's `coverage-summary.json` (the `json-summary` reporter of Jest
 * and Vitest), from `total.lines`, or `total.statements` where lines are missing. Computed
 * from the counts, since `pct` is cut to two places and is `"Unknown"` when nothing was found.
 */
export function readCoverageSummary(text: string): number | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const total = (data as { total?: Record<string, unknown> } | null)?.total;
  const metric = [total?.["lines"], total?.["statements"]].find(isMetric);
  if (metric === undefined || metric.total === 0) return undefined;
  return (metric.covered / metric.total) * 100;
}

export const looksLikeCoverageSummary = (text: string): boolean => /^\s*\{/.test(text);
