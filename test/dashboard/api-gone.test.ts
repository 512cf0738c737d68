import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { getJson, postJson } from "../../src/dashboard/app/api.js";

const GONE = /^The dashboard does not answer \(its process stopped\?\): this page follows the run again as soon as it is back/;

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the page's API calls when the dashboard's process is gone", () => {
  it("say that the dashboard does not answer and that the page picks up again, not the browser's `Failed to fetch`", async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    await expect(getJson(`${base}/api/runs`)).rejects.toThrow(GONE);
    await expect(postJson(`${base}/api/runs/r1/resume`)).rejects.toThrow(GONE);
  });
});
