import { describe, expect, it } from "vitest";
import { LOG_PARSE_BYTES, readLog } from "../../src/logs/read.js";
import { planRequest } from "../../src/plan/request.js";
import { makeProject } from "../helpers/project.js";
import { cpuMs } from "../helpers/cpu-time.js";
import { specOf } from "./helpers.js";

/** Logger lines and Python frames naming `file`, `count` errors of 3 lines each. */
function errorsIn(file: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => [`2025-11-20 09:14:02 | SHOP | ERROR | error ${i}`, "Traceback (most recent call last):", `  File "${file}", line ${i + 1}, in total`]).flat();
}

describe("a log longer than the part searched for errors", () => {
  it("is searched in its last MB, where it ends, and `plan` says so in a warning", () => {
    // The cart's errors fill the log's first 5 MB, the payments' its last MB and more: the crash is the payments'.
    const early = errorsIn("shop/cart.py", 40_000).join("\n");
    const late = errorsIn("shop/pay.py", 9_000).join("\n");
    expect(late.length).toBeGreaterThan(LOG_PARSE_BYTES);
    const root = makeProject({ "logs/x.log": `${early}\n${late}\n` });
    const spec = specOf({ cart: ["shop/cart.py"], pay: ["shop/pay.py"] }, root);
    const plan = planRequest(spec, "fix the total, see logs/x.log");
    expect(plan.analysis.scope).toEqual({ kind: "modules", ids: ["pay"] });
    expect(plan.warnings.find((w) => w.code === "LOG_TAIL_SEARCHED")?.message).toMatch(/^The log is \d+\.\d MB: only its last 1 MB \([\d,]+ lines, where it ends\) is searched for errors; to have an earlier error read, pass the part of the log that holds it$/);
    expect(plan.log?.excerpt).toContain("shop/pay.py");
    expect(plan.log?.excerpt).not.toContain("shop/cart.py");
  });

  it("whose last MB holds no error is searched as read, with no warning", () => {
    const noise = Array.from({ length: 60_000 }, (_, i) => `2025-11-20 09:14:02 | SHOP | INFO | request ${i} served`).join("\n");
    const root = makeProject({ "logs/x.log": `${errorsIn("shop/cart.py", 3).join("\n")}\n${noise}\n` });
    const log = readLog(root, "logs/x.log");
    expect(log.text.length).toBeGreaterThan(LOG_PARSE_BYTES);
    expect(log.errors.map((e) => e.frames[0]?.file)).toContain("shop/cart.py");
    expect(log.searched).toBeUndefined();
  });

  it("of 100,000 lines costs `plan` a quarter of the CPU it did: its last MB is parsed, once", () => {
    const root = makeProject({ "logs/x.log": errorsIn("shop/cart.py", 34_000).join("\n") });
    const spec = specOf({ cart: ["shop/cart.py"], ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`part${i}`, [`shop/part${i}.py`]])) }, root);
    const started = cpuMs();
    const plan = planRequest(spec, "fix the total, see logs/x.log");
    // The test thread's CPU: 250 ms here; before, 1,030 ms (the whole 4 MB parsed twice, for the scope, then for the excerpt).
    expect(cpuMs() - started).toBeLessThan(600);
    expect(plan.analysis.scope).toEqual({ kind: "modules", ids: ["cart"] });
  });
});
