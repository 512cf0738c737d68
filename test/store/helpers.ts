import { expect } from "vitest";
import { StoreError, type StoreErrorCode } from "../../src/store/errors.js";
import type { Store } from "../../src/store/types.js";
import type { Plan } from "../../src/plan/types.js";

/** A plan with nothing in it: the store keeps plans whole, whatever they hold. */
export const EMPTY_PLAN: Plan = { request: "implement system", analysis: { type: "implement", scope: { kind: "system" }, because: [] }, layers: [], modules: [], waves: [], criticalPath: [], warnings: [] };

/** A run `r1` with modules a, b (layer core) and c (layer app), created at t=100. */
export function seed(store: Store, id = "r1", at = 100): void {
  store.createRun({
    id, request: "implement system", plan: EMPTY_PLAN, options: "{}", at,
    modules: [{ moduleId: "a", layer: "core" }, { moduleId: "b", layer: "core" }, { moduleId: "c", layer: "app" }],
  });
}

export function expectStoreError(fn: () => unknown, code: StoreErrorCode): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(StoreError);
  expect((thrown as StoreError).code).toBe(code);
}

export const attempt = (at: number) => ({ kind: "implement", agent: "simulate", promptPath: ".orchestrate/p.md", at });
