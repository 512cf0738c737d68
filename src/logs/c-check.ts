import { frame, spanning, type LineParser } from "./lines.js";

const SOURCE = String.raw`[^\s:()]{1,400}\.(?:c|cc|cpp|cxx|h|hh|hpp|hxx)`;
// `tests/test_stats.cpp:15: CHECK failed: ...` (a project's own check macro), GoogleTest's `...:15: Failure`,
// Catch2's `...:15: FAILED:`, and doctest's `tests/test_stats.cpp(15): ERROR: CHECK( ... ) is NOT correct!`.
const PLACE = new RegExp(String.raw`^(${SOURCE})(?::(\d{1,7}):|\((\d{1,7})\):) (.+)$`);
// Unity: `tests/test_uart.c:12:test_uart_writes:FAIL: Expected 1 Was 2`.
const UNITY = new RegExp(String.raw`^(${SOURCE}):(\d{1,7}):(\w{1,200}):FAIL(?:: ?(.*))?$`);
/** A compiler's note or warning without a column (`-fno-show-column`) is no failure. */
const NOT_FAILURE = /^(?:warning|note|remark|required from|in expansion of)\b/i;
/** GoogleTest and Catch2 say what failed on the next line. */
const HEADING = /^(?:Failure|FAILED:?)$/;
/** How much of a line is read: a check's place and message fit well within it. */
const MAX_LINE = 1000;

/**
 * A C or C++ test's failed check, as its test program prints it to the output CTest keeps
 * (`build/Testing/Temporary/LastTest.log`, `ctest --output-on-failure`): the test file and line
 * where the check is and what it says.
 */
export const parseCCheck: LineParser = (lines, at) => {
  const line = (lines[at] ?? "").slice(0, MAX_LINE);
  const unity = UNITY.exec(line);
  if (unity) return spanning(at, at + 1, { format: "native", message: unity[4]?.trim() || "FAIL", frames: [frame(unity[1]!, Number(unity[2]), undefined, unity[3])] });
  const m = PLACE.exec(line);
  if (!m || NOT_FAILURE.test(m[4]!)) return undefined;
  const said = m[4]!.trim();
  const next = (lines[at + 1] ?? "").trim();
  const detailed = HEADING.test(said) && next !== "";
  const message = detailed ? `${said} ${next.slice(0, 200)}` : said;
  return spanning(at, at + (detailed ? 2 : 1), { format: "native", message, frames: [frame(m[1]!, Number(m[2] ?? m[3]))] });
};
