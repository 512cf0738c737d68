import { afterEach } from "vitest";

// Many tests run the CLI through spawnSync (helpers/cli.ts), which blocks this worker. Vitest's
// worker asks its host for an answer to each task update and gives up after a fixed 60 s
// (`[vitest-worker]: Timeout calling "onTaskUpdate"`, not configurable in vitest 3.2): when a
// file's synchronous tests together hold the event loop longer than that on a loaded machine,
// the run fails with every test passed. After each test the loop turns twice, so its poll phase
// reads the host's answers: the wait is bounded by one test, not by the file.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(async () => {
  await turn();
  await turn();
});
