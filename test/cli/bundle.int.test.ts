import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { dashboardUrl, parts, raw, type Child } from "../dashboard/process.js";
import { unbundled } from "../helpers/bundle.js";
import { BIN } from "../helpers/cli.js";
import { makeProject, moduleSpec } from "../helpers/project.js";

// The bin runs the CLI's bundle (scripts/build-cli.mjs), built from dist/ by `npm run build`.
const CHECKOUT = fileURLToPath(new URL("../../", import.meta.url));
const HOOK = fileURLToPath(new URL("../helpers/resolve-log.mjs", import.meta.url));
const ENV = { ...process.env, NO_COLOR: "1", CI: "true" };

/** What `bin <args>` loads, from a resolve hook, and its output. */
function load(bin: string, args: string[]): { urls: string[]; stdout: string } {
  const r = spawnSync(process.execPath, ["--no-warnings", "--loader", HOOK, bin, ...args], { encoding: "utf8", env: ENV });
  const lines = r.stderr.split("\n");
  expect(r.status, lines.filter((l) => !l.startsWith("loaded ")).join("\n")).toBe(0);
  return { urls: [...new Set(lines.filter((l) => l.startsWith("loaded ")).map((l) => l.slice("loaded ".length)))], stdout: r.stdout };
}

function tree(config = "agent: simulate\nconcurrency: 2\n"): string {
  const root = makeProject({
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    ".claude/layers/core/modules/A_AGENT.md": moduleSpec({ module: "pkg/a.py" }),
    ".claude/layers/core/modules/B_AGENT.md": moduleSpec({ module: "pkg/b.py", body: "## Depends On\n- a\n" }),
    "orchestrate.config.yaml": config,
  });
  mkdirSync(join(root, ".orchestrate"));
  return root;
}

// A copy of the package as npm installs it (bin/, dist/, templates/, package.json; node_modules
// linked): what the bundle finds from `import.meta.url` must be the copy's, not the checkout's.
const copy = mkdtempSync(join(tmpdir(), "orchestrate-bundle-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const part of ["bin", "dist", "templates", "package.json"]) cpSync(join(CHECKOUT, part), join(copy, part), { recursive: true, filter: (src) => !/\.(?:d\.ts|map)$/.test(src) });
symlinkSync(join(CHECKOUT, "node_modules"), join(copy, "node_modules"));
const COPY_BIN = join(copy, "bin", "orchestrate.js");

describe("the CLI's bundle", () => {
  it("is what the bin runs: a `run` loads our code only from dist/bundle/, in far fewer files than the modules bundled into them", () => {
    const own = load(BIN, ["run", "implement system", "--yes", "--project", tree()]).urls.filter((url) => url.startsWith(pathToFileURL(CHECKOUT).href) && !url.includes("/node_modules/"));
    const outside = own.filter((url) => !url.includes("/dist/bundle/") && !url.endsWith("/bin/orchestrate.js"));
    expect(outside).toEqual([]);
    expect(own.length * 2).toBeLessThan(unbundled(own).length);
  });

  it("finds package.json from the tsc output's place beside it: the copy's version, not the checkout's", () => {
    const pkg = JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as { version: string };
    writeFileSync(join(copy, "package.json"), JSON.stringify({ ...pkg, version: "9.9.9-copy" }));
    expect(spawnSync(process.execPath, [COPY_BIN, "--version"], { encoding: "utf8", env: ENV }).stdout).toBe("9.9.9-copy\n");
  });

  it("keys the spec cache by the tsc output of spec/ it was built with: a changed dist/spec/ file parses the tree again", () => {
    const root = tree();
    const plan = () => unbundled(load(COPY_BIN, ["plan", "implement system", "--project", root]).urls, copy).filter((url) => url.endsWith("/dist/spec/load.js"));
    expect(plan()).toHaveLength(1);
    expect(plan()).toEqual([]);
    appendFileSync(join(copy, "dist", "spec", "markdown.js"), "\n// a new build\n");
    expect(plan()).toHaveLength(1);
  });

  it("serves the dashboard's page from the dist/dashboard/assets/ beside it", async () => {
    writeFileSync(join(copy, "dist", "dashboard", "assets", "app.js"), "// the copy's page\n");
    const child = spawn(process.execPath, [COPY_BIN, "dashboard", "--port", "0", "--project", tree()], { env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const c: Child = { child, stdout: () => stdout, stderr: () => stderr, exited: new Promise((resolve) => child.on("exit", resolve)) };
    try {
      const { base, token } = parts(await dashboardUrl(c, "stdout"));
      const page = await raw(`${base}/assets/app.js`, { headers: { authorization: `Bearer ${token}` } });
      expect(page.status).toBe(200);
      expect(page.body).toBe("// the copy's page\n");
    } finally {
      child.kill("SIGTERM");
      await c.exited;
    }
  });
});
