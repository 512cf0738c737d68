export { cost, duration, tokens } from "../../cli/render/format.js";
export { gateVerdict, gateVerdictText } from "../../report/states.js";

/** `2026-12-01 05:03` in the viewer's time zone. */
export function when(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
