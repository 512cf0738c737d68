// How benchmark figures read: in the CHANGELOG entry, a failed attempt's error and the progress lines (no I/O, so the CLI's renderer loads nothing more).

/** "120 ms -> 80 ms (-33.3%)" */
export function describeChange(before: number, after: number, unit = "ms"): string {
  // A per-operation figure (Go's 5.754 ns/op) reads as nanoseconds, not as 0.00000575 ms.
  if (unit === "ms" && Math.max(before, after) < 0.01) return describeChange(before * 1e6, after * 1e6, "ns");
  const change = before === 0 ? 0 : ((after - before) / before) * 100;
  return `${figure(before)} ${unit} -> ${figure(after)} ${unit} (${change > 0 ? "+" : ""}${change.toFixed(1)}%)`;
}

/** "288 ms", "5.75 ns": one figure as `describeChange` writes it. */
export function describeFigure(ms: number): string {
  return ms < 0.01 ? `${figure(ms * 1e6)} ns` : `${figure(ms)} ms`;
}

function figure(n: number): string {
  return String(Number(n >= 100 ? n.toFixed(0) : n.toPrecision(3)));
}
