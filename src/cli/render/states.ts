import type { ModuleState } from "../../store/types.js";
import type { Colors } from "../style.js";

export { MODULE_STATES, countsText, emptyCounts, gateSummary, gateVerdict, inLayerOrder } from "../../report/states.js";

const SYMBOL: Record<ModuleState, string> = { pending: "·", running: "▸", validating: "◐", done: "✓", failed: "✗", blocked: "⊘" };
const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** The state's symbol in its colour; `tick` animates the running spinner. */
export function stateSymbol(state: ModuleState, c: Colors, tick?: number): string {
  const symbol = state === "running" && tick !== undefined ? SPINNER[tick % SPINNER.length]! : SYMBOL[state];
  return paint(state, symbol, c);
}

export function paint(state: ModuleState | string, text: string, c: Colors): string {
  switch (state) {
    case "done":
      return c.green(text);
    case "failed":
    case "budget_exceeded":
      return c.red(text);
    case "blocked":
    case "interrupted":
      return c.yellow(text);
    case "running":
    case "validating":
      return c.cyan(text);
    default:
      return c.dim(text);
  }
}
