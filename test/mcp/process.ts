import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { BIN } from "../helpers/cli.js";
import { EXAMPLE } from "../helpers/example.js";
import { clientOn } from "./helpers.js";

const ENV = { NO_COLOR: "1", CI: "true" };

/** A copy of examples/ledger in a temp folder (the checkout stays clean); `remove` deletes it. */
export function exampleProject(config?: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-mcp-"));
  cpSync(EXAMPLE, root, { recursive: true, filter: (src) => !/[/\\](?:\.orchestrate|__pycache__)(?:[/\\]|$)/.test(src) });
  if (config !== undefined) writeFileSync(join(root, "orchestrate.config.yaml"), config);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** `orchestrate mcp --project root` as a real child process, driven by the SDK's stdio client. */
export async function stdioClient(root: string): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, "mcp", "--project", root], env: { ...(process.env as Record<string, string>), ...ENV }, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return { client: await clientOn(transport), stderr: () => stderr };
}

export interface HttpChild {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `orchestrate mcp --http ...args`; resolves once it prints its URL. */
export function httpServer(root: string, args: string[], env: Record<string, string> = {}): Promise<HttpChild> {
  const child = spawn(process.execPath, [BIN, "mcp", "--project", root, "--http", ...args], { env: { ...process.env, ...ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stdout: () => stdout, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`orchestrate mcp exited (${code}) before printing its URL:\n${stdout}${stderr}`)));
  });
}
