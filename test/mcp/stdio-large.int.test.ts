import { describe, expect, it } from "vitest";
import { exampleProject, stdioClient } from "./process.js";

describe("orchestrate mcp over stdio, given a message over 10 MB", () => {
  it("answers that call with an error saying so and serves the next, where the server stopped reading and the client waited", async () => {
    const project = exampleProject();
    const { client, stderr } = await stdioClient(project.root);
    try {
      const call = client.callTool({ name: "write_memory", arguments: { key: "huge", content: "x".repeat(11 * 1024 * 1024) } }, undefined, { timeout: 20_000 });
      await expect(call).rejects.toThrow(/Request too large: expected a message of at most 10 MB, got 11 MB; nothing of it was read/);
      const written = await client.callTool({ name: "write_memory", arguments: { key: "small", content: "still served" } });
      expect(written.isError).toBeFalsy();
      expect((await client.listTools()).tools.map((t) => t.name)).toContain("read_memory");
      expect(stderr()).toBe("");
    } finally {
      await client.close();
      project.remove();
    }
  });
});
