import { makeCounts, sumCounts, tally } from "./counts.js";
import type { TestCounts } from "./types.js";

// VSTest since .NET 5, one line per test assembly:
// `Failed!  - Failed:     1, Passed:     9, Skipped:     0, Total:    10, Duration: 25 ms - Shop.Domain.Tests.dll (net8.0)`.
const ASSEMBLY = /^(?:Passed|Failed)!\s+- Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+), Total:\s+\d+/gm;
// .NET Core 3.1: `Total tests: 10` then `     Passed: 9`, `     Failed: 1`, `    Skipped: 0` lines.
const OLD = /^Total tests: \d+\n((?:[ \t]+(?:Passed|Failed|Skipped): \d+\n?)+)/gm;
// Microsoft.Testing.Platform (`dotnet test` with its runner): `Test run summary: Failed! - ...` then
// `  total: 10`, `  failed: 1`, `  succeeded: 9`, `  skipped: 0`, `  duration: 1s 20ms`.
const MTP = /^Test run summary: .*\n((?:[ \t]+[a-z]+: .*\n?)+)/gm;

/** `dotnet test`: each test assembly's line summed (or the older totals, or the testing platform's summary). */
export function parseDotnetTest(output: string): TestCounts | undefined {
  const runs = [...output.matchAll(ASSEMBLY)].map(([, failed, passed, skipped]) => makeCounts("dotnet", Number(passed), Number(failed), Number(skipped)));
  for (const [, block] of output.matchAll(OLD)) {
    const n = tally(block!.replace(/(\w+): (\d+)/g, "$2 $1"));
    runs.push(makeCounts("dotnet", n["passed"] ?? 0, n["failed"] ?? 0, n["skipped"] ?? 0));
  }
  for (const [, block] of output.matchAll(MTP)) {
    const n = tally(block!.replace(/^[ \t]+([a-z]+): (\d+)\s*$/gm, "$2 $1"));
    if (n["total"] !== undefined) runs.push(makeCounts("dotnet", n["succeeded"] ?? 0, n["failed"] ?? 0, n["skipped"] ?? 0));
  }
  return runs.length === 0 ? undefined : sumCounts("dotnet", runs);
}
