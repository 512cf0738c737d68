import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Lets each test end with a turn of the event loop: see the file.
    setupFiles: ["test/helpers/loop-turn.ts"],
    // python3 without a version manager's shim in front of it, where there is one: see the file.
    globalSetup: ["test/helpers/python-direct.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn real processes; two cores, so keep the pool small.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: "forks",
  },
});
