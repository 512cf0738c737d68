import { frame, spanning, type LineParser } from "./lines.js";
import { FRAME } from "./ruby.js";
import type { Frame } from "./types.js";

// `  1) Cart#total sums the lines` over `     Failure/Error: expect(cart.total).to eq(350)`.
const EXAMPLE = /^\s*\d+\) \S/;
const FAILURE = /^\s*Failure\/Error: ?(.*)$/;
// What ends an example's report: the next example, or the run's closing lines.
const AFTER = /^\s*\d+\) \S|^(?:Finished in |Failed examples:|\d+ examples?, )/;
// RSpec's `NoMethodError:` line above the exception's message.
const CLASS_COLON = /^[A-Z]\w*(?:::[A-Z]\w*)*:$/;
// `rspec ./spec/cart_spec.rb:12 # Cart totals`, `rspec './spec/cart_spec.rb[1:2:1]' # ...` (shared examples).
const RERUN = /^rspec '?(?:\.\/)?([^\s'[]+\.rb)(?::(\d+)|\[[\d:]+\])'? # (.*)$/;

/**
 * RSpec's report of a failing example: its `N) description` block, whose message is the exception
 * (`NoMethodError: undefined method ...`) or the expectation (`expected: 350, got: -150`) and whose
 * frames are its `# ./path:12:in ...` lines, innermost first; and a line of its "Failed examples"
 * list (`rspec ./spec/cart_spec.rb:7 # Cart sums`), whose only frame is the example's file, as a
 * pytest `FAILED` line's is. Before it, an expectation's failure was read as a bare Ruby backtrace
 * with `got: -150` for message, and a pasted list of failed examples as nothing.
 */
export const parseRspec: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  const rerun = RERUN.exec(line);
  if (rerun) return spanning(at, at + 1, { format: "ruby", message: rerun[3]!.trim(), frames: [frame(rerun[1]!, rerun[2] ? Number(rerun[2]) : undefined)] });
  if (!EXAMPLE.test(line)) return undefined;
  const failure = [at + 1, at + 2].find((k) => FAILURE.test(lines[k] ?? ""));
  if (failure === undefined) return undefined;
  const frames: Frame[] = [];
  const text: string[] = [];
  // The report ends at its last line with text: the blank lines after it are no part of it.
  let end = failure + 1;
  for (let i = failure + 1; i < lines.length && !AFTER.test(lines[i] ?? ""); i++) {
    const line = (lines[i] ?? "").trim();
    if (!line) continue;
    end = i + 1;
    const m = FRAME.exec(lines[i] ?? "");
    if (m) frames.push(frame(m[1]!.replace(/^\.\//, ""), Number(m[2]), undefined, m[3]));
    else if (frames.length === 0) text.push(line);
  }
  const code = FAILURE.exec(lines[failure] ?? "")?.[1]?.trim() ?? "";
  return spanning(at, end, { format: "ruby", message: messageOf(text) ?? `Failure/Error: ${code}`, frames });
};

/** The exception (`NoMethodError: msg`) or the expectation (`expected: 350, got: -150`, `expected x to be valid`). */
function messageOf(text: readonly string[]): string | undefined {
  const [first, second] = text;
  if (first === undefined) return undefined;
  if (CLASS_COLON.test(first) && second !== undefined) return `${first} ${second}`;
  if (first.startsWith("expected:") && second?.startsWith("got:")) return `${first}, ${second}`;
  return first;
}
