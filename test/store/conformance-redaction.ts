import { EMPTY_PLAN } from "./helpers.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshSecrets } from "../../src/redact/index.js";
import type { Store } from "../../src/store/types.js";
import { attempt, seed } from "./helpers.js";

// A shapeless value (found only because of its variable's name) and two token shapes.
const ENV_NAME = "ORCHESTRATE_TEST_SERVICE_TOKEN";
const ENV_VALUE = "plain-words-but-secret-42";
const GITHUB = `ghp_${"Ab3dEf7h".repeat(5).slice(0, 36)}`;
const AWS = "AKIAQ2W3E4R5T6Y7U2W3";
const LEAK = `key ${ENV_VALUE}, token ${GITHUB}, id ${AWS}`;
const SECRETS = [ENV_VALUE, GITHUB, AWS];
const MARKERS = [`[REDACTED:${ENV_NAME}]`, "[REDACTED:github-token]", "[REDACTED:aws-access-key]"];

function expectClean(value: unknown): void {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  for (const marker of MARKERS) expect(text).toContain(marker);
}

/** Conformance cases for redaction: every text a store keeps goes in without secrets; `current` is the test's fresh store. */
export function redactionCases(current: () => Store): void {
  describe("redaction", () => {
    beforeAll(() => {
      process.env[ENV_NAME] = ENV_VALUE;
      refreshSecrets();
    });
    afterAll(() => {
      delete process.env[ENV_NAME];
      refreshSecrets();
    });

    it("redacts a plan module's spec text, and hands back the plan as stored", () => {
      const store = current();
      const plan = { ...EMPTY_PLAN, modules: [{ id: "a", layer: "core", spec: "a.md", files: [], dependsOn: [], specText: `# A\n${LEAK}`, specDigest: "d1" }] };
      const created = store.createRun({ id: "r1", request: "x", plan, options: "{}", at: 1, modules: [{ moduleId: "a", layer: "core" }] });
      expectClean(created.plan.modules[0]!.specText);
      expectClean(store.getRun("r1")!.plan.modules[0]!.specText);
      expect(store.getRun("r1")!.plan.modules[0]!.specDigest).toBe("d1");
    });

    it("redacts run request, plan and options (still JSON), module reasons and attempt summary, error and gates", () => {
      const store = current();
      store.createRun({ id: "r1", request: `fix ${LEAK}`, plan: { ...EMPTY_PLAN, request: LEAK }, options: JSON.stringify({ env: { X: LEAK } }), at: 1, modules: [{ moduleId: "a", layer: "core" }] });
      const run = store.getRun("r1")!;
      expectClean(run.request);
      expectClean(run.plan);
      expectClean(JSON.parse(run.options));
      store.setModuleState("r1", "a", "blocked", 2, LEAK);
      expectClean(store.getModule("r1", "a")!.reason);
      store.startAttempt("r1", "a", attempt(3));
      store.finishAttempt("r1", "a", 1, { state: "failed", summary: LEAK, error: `exit 1\n${LEAK}`, gates: { level: "module", target: "a", ok: false, durationMs: 1, checks: [{ name: "t", kind: "command", blocking: true, ok: false, message: "failed", durationMs: 1, output: LEAK }] }, endedAt: 4 }, "failed", LEAK);
      const [a] = store.getAttempts("r1", "a");
      expectClean(a!.summary);
      expectClean(a!.error);
      expectClean(a!.gates!);
      expectClean(store.getModule("r1", "a")!.reason);
    });

    it("redacts event data, memories and todos", () => {
      const store = current();
      seed(store);
      store.appendEvent("r1", "attempt:end", { error: LEAK, nested: [{ text: LEAK }] }, 5, "a");
      expectClean(store.getEvents("r1")[0]!.data);
      expectClean(store.writeMemory({ key: "k", content: LEAK, at: 6 }).content);
      expectClean(store.readMemory("k")!.content);
      store.writeTodos("r1", "a", [{ content: LEAK, status: "pending" }]);
      expectClean(store.readTodos("r1", "a")[0]!.content);
    });

    it("leaves text without secrets exactly as it was", () => {
      const store = current();
      seed(store);
      store.appendEvent("r1", "note", { text: 'quotes " and \\ stay' }, 5);
      expect(store.getEvents("r1")[0]!.data).toEqual({ text: 'quotes " and \\ stay' });
      expect(store.writeMemory({ key: "k", content: "ordinary words", at: 6 }).content).toBe("ordinary words");
    });
  });
}
