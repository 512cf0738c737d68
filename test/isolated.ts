/**
 * The fast tests (`*.test.ts`, not `*.int.test.ts`) that need a process of their own, and why.
 * The others share their vitest worker with the files before them (vitest.config.ts, project
 * `shared`): no process to start and no modules to load again for each file. A file belongs
 * here when it leaves something behind in the process that a later file could see: a mock or a
 * spy on a shared module, fake timers, a change to process.env, or an import of a helper that
 * registers hooks or changes process.env when it is loaded (a loaded module is not loaded again
 * for the next file, so its hooks would not be registered there). test/isolation.test.ts
 * checks this list against the files.
 */
export const ISOLATED: readonly string[] = [
  // vi.mock, vi.spyOn or fake timers
  "test/cli/render/progress.test.ts",
  "test/read-capped-calls.test.ts",
  "test/redact/quoting.test.ts",
  "test/redact/remembered.test.ts",
  "test/run/file-stats.test.ts",
  "test/run/relay.test.ts",
  "test/spec/cache.test.ts",
  "test/spec/digest-by-file.test.ts",
  "test/spec/hash-once.test.ts",
  "test/spec/listing-snapshot.test.ts",
  "test/spec/provides-section-cue.test.ts",
  "test/spec/read-ahead-calls.test.ts",
  "test/spec/rules-places-once.test.ts",
  "test/spec/text-store.test.ts",
  // process.env changed
  "test/redact/engine.test.ts",
  "test/workspace/repo-discovery.test.ts",
  // workspace/git-fixture.ts: git's environment set in process.env at load, its HOME removed after the file
  "test/workspace/apply.test.ts",
  "test/workspace/fewer-calls.test.ts",
  "test/workspace/setup.test.ts",
  "test/workspace/worktrees.test.ts",
];
