import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import * as fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SIZE = 50 * 1024 * 1024;
const OLD = "old content\n";

/** Version `i` of the file; the child script builds the same bytes. */
const content = (i: number) => `v${i}\n` + String.fromCharCode(97 + (i % 26)).repeat(SIZE);

// Writes versions 1, 2, 3, ... of the target forever, saying on stdout when each temp file is opened.
const CHILD = `
import * as fsp from "node:fs/promises";
import { writeSync } from "node:fs";
import { writeFileAtomic } from "./atomic.js";
const [target, size] = process.argv.slice(2);
const content = (i) => "v" + i + "\\n" + String.fromCharCode(97 + (i % 26)).repeat(Number(size));
let i = 0;
const fs = {
  ...fsp,
  open: async (file, flags, mode) => {
    const handle = await fsp.open(file, flags, mode);
    if (flags === "wx") writeSync(1, "open " + i + "\\n");
    return handle;
  },
};
for (i = 1; ; i++) await writeFileAtomic(target, content(i), fs);
`;

let build: string;
beforeAll(async () => {
  // Node 20 cannot import TypeScript, so the child runs atomic.ts compiled on its own.
  build = await fsp.mkdtemp(path.join(os.tmpdir(), "orchestrate-atomic-build-"));
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  const flags = ["--outDir", build, "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022"];
  await promisify(execFile)(process.execPath, [tsc, ...flags, "--skipLibCheck", "--types", "node", "src/docs/atomic.ts"], { cwd: ROOT });
  await fsp.writeFile(path.join(build, "package.json"), '{ "type": "module" }\n');
  await fsp.writeFile(path.join(build, "child.mjs"), CHILD);
});
afterAll(async () => {
  await fsp.rm(build, { recursive: true, force: true });
});

/** Starts the writer, SIGKILLs it as soon as it opens the temp file for version `killAt`. */
async function crashWhileWriting(dir: string, killAt: number): Promise<{ target: string; temps: number[] }> {
  const target = path.join(dir, "CHANGELOG.md");
  await fsp.writeFile(target, OLD);
  const child = spawn(process.execPath, [path.join(build, "child.mjs"), target, String(SIZE)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  let said = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    said += chunk;
    if (said.includes(`open ${killAt}\n`)) child.kill("SIGKILL");
  });
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: null, signal: "SIGKILL" });
  const temps = [];
  for (const name of await fsp.readdir(dir)) {
    if (name !== "CHANGELOG.md") temps.push((await fsp.stat(path.join(dir, name))).size);
  }
  return { target, temps };
}

describe("writeFileAtomic under SIGKILL", () => {
  it("leaves the old content or a complete new version, never a partial file", async () => {
    let partialTemps = 0;
    for (const killAt of [1, 2, 3]) {
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "orchestrate-atomic-crash-"));
      try {
        const { target, temps } = await crashWhileWriting(dir, killAt);
        const bytes = await fsp.readFile(target);
        const header = /^v(\d+)\n/.exec(bytes.subarray(0, 16).toString("latin1"));
        if (!header) {
          expect(bytes.toString("utf8")).toBe(OLD);
        } else {
          const version = Number(header[1]);
          expect(version).toBeLessThanOrEqual(killAt);
          expect(bytes.equals(Buffer.from(content(version)))).toBe(true);
        }
        partialTemps += temps.filter((size) => size < SIZE).length;
      } finally {
        await fsp.rm(dir, { recursive: true, force: true });
      }
    }
    // The kills did land mid-write: a SIGKILLed writer leaves its half-written temp file behind.
    expect(partialTemps).toBeGreaterThan(0);
  });
});
