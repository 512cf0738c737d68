import { frame, spanning, type LineParser } from "./lines.js";
import type { Frame } from "./types.js";

// `** (ArithmeticError) bad argument in arithmetic expression`, after Logger's `[error] ` too.
const HEADER = /^\s*(?:\[error\] )?\*\* \(([\w.]+)\) ?(.*)$/;
// `    (shop 0.1.0) lib/shop/billing/tax.ex:14: Shop.Billing.Tax.rate/1`: the application, its version, the file.
// ExUnit's `stacktrace:` lines have no application: `       lib/shop/billing.ex:14: Shop.Billing.total/1`.
const FRAME = /^\s+(?:\(([\w.-]+)(?: [\w.+-]+)?\) )?([^\s:()]+\.exs?):(\d+): (.+)$/;
// Frames of Elixir itself and of Erlang/OTP: never the project's, though their paths look relative (`lib/enum.ex`).
const PLATFORM = new Set(["elixir", "stdlib", "kernel", "erts", "ex_unit", "iex", "mix", "logger", "eex"]);
/** Lines of a multi-line message between the header and the first frame. */
const MESSAGE_LINES = 10;

/**
 * An Elixir exception: `** (Type) message`, then `(app vsn) file.ex:12: Mod.fun/1` frames,
 * innermost first. Frames of Elixir's and OTP's own applications are left out.
 */
export const parseElixir: LineParser = (lines, at) => {
  const header = HEADER.exec(lines[at] ?? "");
  if (!header) return undefined;
  let i = at + 1;
  while (i < lines.length && i <= at + MESSAGE_LINES && !FRAME.test(lines[i] ?? "")) i++;
  if (!FRAME.test(lines[i] ?? "")) return undefined;
  const frames: Frame[] = [];
  for (; i < lines.length; i++) {
    const m = FRAME.exec(lines[i] ?? "");
    if (!m) break;
    if (!PLATFORM.has(m[1] ?? "")) frames.push(frame(m[2]!, Number(m[3]), undefined, m[4]!.trim()));
  }
  return spanning(at, i, { format: "elixir", message: `${header[1]}: ${header[2]!.trim()}`.replace(/: $/, ""), frames });
};
