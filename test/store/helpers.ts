import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect } from "vitest";
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

/**
 * Fresh database paths, each in a folder of its own made for it (better-sqlite3 makes no folder),
 * under one temporary folder removed after the test file's tests.
 */
export function freshFiles(name: string): () => string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `orchestrate-${name}-`));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let files = 0;
  return () => {
    const dir = path.join(root, `db${++files}`);
    fs.mkdirSync(dir, { recursive: true });
    return path.join(dir, "state.db");
  };
}
