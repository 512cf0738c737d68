import { afterAll, describe, expect, it } from "vitest";
import { serveDashboard } from "../../src/dashboard/server/serve.js";
import { MAX_CONNECTIONS } from "../../src/loopback/limits.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/types.js";
import { closedUnanswered, heldConnections } from "../helpers/connections.js";
import { makeProject } from "../helpers/project.js";

const TOKEN = "a-token-for-the-connections-test-0123456789ab";

describe("the dashboard's server", () => {
  const stores: Store[] = [];
  afterAll(() => {
    for (const s of stores) s.close();
  });

  it(`keeps at most ${MAX_CONNECTIONS} connections open at once, closing one more at once, and serves again when they go`, async () => {
    const root = makeProject({});
    const store = openStore(root);
    stores.push(store);
    const dashboard = await serveDashboard({ root, store, token: TOKEN, port: 0 });
    try {
      const held = await heldConnections(dashboard.port, MAX_CONNECTIONS);
      try {
        expect(await closedUnanswered(dashboard.port)).toBe(true);
      } finally {
        for (const socket of held) socket.destroy();
      }
      const runs = () => fetch(`http://127.0.0.1:${dashboard.port}/api/runs`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.status);
      await expect.poll(runs, { timeout: 10_000 }).toBe(200);
    } finally {
      await dashboard.close();
    }
  });
});
