import { frame, spanning, type LineParser } from "./lines.js";

const SOURCE = String.raw`[^\s:]+\.(?:c|cc|cpp|cxx|h|hh|hpp|hxx|m|mm)`;
// glibc: `test_ring: tests/test_ring.c:9: main: Assertion `b == i' failed.` (the program's name first).
const GLIBC = new RegExp(String.raw`^(?:[^\s:]+: )?(${SOURCE}):(\d{1,7}): (.{1,200}?): Assertion [\`'](.*)' failed\.?$`);
// macOS and the BSDs: `Assertion failed: (b == i), function main, file tests/test_ring.c, line 9.`
const BSD = new RegExp(String.raw`^Assertion failed: \((.*)\), function (.{1,200}?), file (${SOURCE}), line (\d{1,7})\.?$`);

/** A C or C++ `assert()` that failed, as the C library reports it: its file, line and function. */
export const parseCAssert: LineParser = (lines, at) => {
  const line = lines[at] ?? "";
  if (!line.includes("ssertion")) return undefined;
  const glibc = GLIBC.exec(line);
  if (glibc) return spanning(at, at + 1, { format: "native", message: `Assertion \`${glibc[4]}' failed`, frames: [frame(glibc[1]!, Number(glibc[2]), undefined, glibc[3])] });
  const bsd = BSD.exec(line);
  if (bsd) return spanning(at, at + 1, { format: "native", message: `Assertion \`${bsd[1]}' failed`, frames: [frame(bsd[3]!, Number(bsd[4]), undefined, bsd[2])] });
  return undefined;
};
