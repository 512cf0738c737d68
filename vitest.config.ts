import { defineConfig } from "vitest/config";
import { ISOLATED } from "./test/isolated.js";

const INTEGRATION = "test/**/*.int.test.ts";
/** Fixture projects' own tests (a tree's test/calc/*.test.ts): what our tests feed the CLI, not tests of ours. */
const FIXTURES = "test/fixtures/**";

/** What both projects below share (not `extends: true`, which would run the global setup once more for each). */
const common = {
  // Lets each test end with a turn of the event loop; removes the projects a test made: see the files.
  setupFiles: ["test/helpers/loop-turn.ts", "test/helpers/project-cleanup.ts"],
  testTimeout: 30_000,
  // The CLI's bundle, which helpers/cli-here.ts runs in the test's process: loaded by Node as
  // bin/orchestrate.js loads it, not transformed module by module.
  server: { deps: { external: [/\/dist\/bundle\//] } },
  hookTimeout: 30_000,
} as const;

export default defineConfig({
  test: {
    // python3 without a version manager's shim in front of it, where there is one; then pytest's
    // plugins kept rewritten: see the files.
    globalSetup: ["test/helpers/python-direct.ts", "test/helpers/pytest-warm.ts"],
    // Integration tests spawn real processes; two cores, so keep the pools small. Vitest takes a
    // pool's isolation from here, not from a project: `threads` serves the project that shares.
    poolOptions: { forks: { maxForks: 2, minForks: 1 }, threads: { maxThreads: 2, minThreads: 1, isolate: false } },
    projects: [
      // The fast tests, each worker running file after file without starting anew: a process and
      // the modules loaded again for each file cost about 0.8 s of CPU a file here. First
      // (`groupOrder`), so that the two pools never run at once: two workers at a time, as before.
      { test: { ...common, name: "shared", include: ["test/**/*.test.ts"], exclude: [INTEGRATION, FIXTURES, ...ISOLATED], pool: "threads", isolate: false, sequence: { groupOrder: 0 } } },
      // Real processes, git, SQLite, and the fast tests that must not share (test/isolated.ts): a process each.
      { test: { ...common, name: "isolated", include: [INTEGRATION, ...ISOLATED], exclude: [FIXTURES], pool: "forks", sequence: { groupOrder: 1 } } },
    ],
  },
});
