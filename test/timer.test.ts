import { describe, expect, it } from "vitest";
import { ATTEMPT_TIMEOUT_SETTING, span, timedOutAfter } from "../src/timer.js";

describe("timedOutAfter", () => {
  it("names the limit as people set it, and the setting that changes it", () => {
    expect(timedOutAfter(20_000, ATTEMPT_TIMEOUT_SETTING)).toBe("timed out after 20 s (timeoutMs in orchestrate.config.yaml, or --timeout MS)");
    expect([400, 1500, 20_000, 1_800_000, 90_000, 7_200_000].map(span)).toEqual(["400 ms", "1.5 s", "20 s", "30 min", "1.5 min", "2 h"]);
  });
});
