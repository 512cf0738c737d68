// Queued runs (issue 16): what a BullMQ job and git push/fetch cost per attempt, and how a run
// speeds up with more workers. Needs `npm run build` and `redis-server` on the PATH. Workers are
// `orchestrate worker` processes on this machine; the coordinator runs in this process.
//
// 1. Dispatch overhead: the same tree run isolated in-process and queued (one worker, one attempt
//    at a time, a 0 ms simulate agent, no gates): (queued - local) / attempts. On the example
//    (ledger) and on a 200-module tree (four workers, four at a time: the overhead as throughput).
// 2. Speed-up: a tree whose simulate attempts take 500 ms, with 1, 2 and 4 workers.
import { isMain } from "./lib/main.mjs";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createOrchestrator } from "../dist/workflows/project.js";
import { loadSpec } from "../dist/spec/load.js";
import { planRequest } from "../dist/plan/request.js";

const BIN = fileURLToPath(new URL("../bin/orchestrate.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../examples/ledger", import.meta.url));
const made = [];

const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const pong = (port) => new Promise((resolve) => { const s = connect(port, "127.0.0.1", () => s.write("PING\r\n")); s.once("data", (d) => { s.destroy(); resolve(String(d).startsWith("+PONG")); }); s.once("error", () => resolve(false)); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-bench-redis-"));
  made.push(dir);
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  while (!(await pong(port))) await sleep(20);
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => child.kill("SIGKILL") };
}

function flush(port) {
  return new Promise((resolve) => { const s = connect(port, "127.0.0.1", () => s.write("FLUSHALL\r\n")); s.once("data", () => { s.destroy(); resolve(); }); });
}

const pools = [];

async function startWorkers(url, n) {
  const workers = [];
  pools.push(workers);
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, [BIN, "worker", "--queue", url], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    await new Promise((resolve) => child.stderr.on("data", (d) => { err += d; if (err.includes("ready:")) resolve(); }));
    workers.push(child);
  }
  return { stop: () => Promise.all(workers.map((c) => new Promise((r) => { c.once("exit", r); c.kill("SIGTERM"); }))) };
}

function write(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** `layers` × `perLayer` modules, each on two of the layer below, each replaying one file. */
function treeFiles(layers, perLayer, latencyMs) {
  const id = (l, i) => `m${l}_${String(i % perLayer).padStart(3, "0")}`;
  const files = { ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n", "orchestrate.config.yaml": config(latencyMs) };
  for (let l = 1; l <= layers; l++) {
    for (let i = 0; i < perLayer; i++) {
      const front = l > 1 ? `---\ndepends_on: [${id(l - 1, i)}, ${id(l - 1, i + 1)}]\n---\n` : "";
      files[`.claude/layers/l${l}/modules/${id(l, i).toUpperCase()}_AGENT.md`] = `${front}# ${id(l, i)}\n\n**Type**: Module Agent\n**Module**: \`src/l${l}/${id(l, i)}.py\`\n\n## Purpose\n\nModule ${id(l, i)}.\n`;
      files[`recorded/${id(l, i)}/src/l${l}/${id(l, i)}.py`] = `# ${id(l, i)}\n`;
    }
  }
  return files;
}

const config = (latencyMs) => `agent: simulate\nretries: 0\nsimulate:\n  latencyMs: ${latencyMs}\ngates:\n  discover: false\n`;

/** A git repository holding `fill(root)`'s files, and a bare remote. */
function repo(fill) {
  const top = mkdtempSync(join(tmpdir(), "orchestrate-bench-queue-"));
  made.push(top);
  const root = join(top, "project");
  mkdirSync(root);
  fill(root);
  const git = (args, cwd = root) => execFileSync("git", args, { cwd, stdio: "pipe" });
  git(["init", "-q", "-b", "main"]);
  git(["add", "-A"]);
  git(["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "init"]);
  git(["init", "-q", "--bare", join(top, "remote.git")], top);
  return { root, remote: join(top, "remote.git") };
}

/** One run of `implement system`, queued when `queue` is given; its wall time and module count. */
async function timedRun(root, concurrency, queue) {
  const spec = loadSpec(root);
  const plan = planRequest(spec, "implement system", {});
  const { orchestrator, store } = createOrchestrator(root, { concurrency, ...(queue ? { queue } : {}) }, { spec, hooks: {} });
  try {
    const t = performance.now();
    const summary = await orchestrator.run(plan);
    if (summary.state !== "done") {
      const failed = store.getAttempts(summary.runId).filter((a) => a.state !== "done").map((a) => `${a.moduleId}#${a.n}: ${a.error}`);
      throw new Error(`run ended ${summary.state}: ${summary.reason ?? ""}\n${failed.slice(0, 5).join("\n")}`);
    }
    process.stderr.write(`  ${queue ? "queued" : "local"} ${plan.modules.length} modules, ${concurrency} at a time: ${Math.round(performance.now() - t)} ms\n`);
    return { ms: performance.now() - t, modules: plan.modules.length };
  } finally {
    store.close();
  }
}

/** The median of `n` runs of `fn`, each on a fresh copy from `fresh()`. */
async function median(n, fresh, fn) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(await fn(fresh()));
  runs.sort((a, b) => a.ms - b.ms);
  return { ...runs[Math.floor(n / 2)], min: runs[0].ms, max: runs.at(-1).ms };
}

export default async function run() {
  const redis = await startRedis();
  const results = [];
  try {
    const example = () => repo((root) => {
      cpSync(EXAMPLE, root, { recursive: true, filter: (src) => !/[/\\](?:\.orchestrate|__pycache__)(?:[/\\]|$)/.test(src) });
      writeFileSync(join(root, "orchestrate.config.yaml"), config(0));
    });
    const big = () => repo((root) => write(root, treeFiles(4, 50, 0)));
    for (const [name, fresh, workers, concurrency, n] of [["example (ledger)", example, 1, 1, 3], ["200 modules", big, 4, 4, 1]]) {
      const local = await median(n, fresh, (r) => timedRun(r.root, concurrency));
      const pool = await startWorkers(redis.url, workers);
      const queued = await median(n, fresh, (r) => timedRun(r.root, concurrency, { url: redis.url, remote: r.remote }));
      await pool.stop();
      await flush(redis.port);
      const per = (ms) => +(ms / local.modules).toFixed(1);
      results.push({ measure: `dispatch overhead, ${name}, ${workers} worker(s), ${concurrency} at a time`, modules: local.modules, localMsPerAttempt: per(local.ms), queuedMsPerAttempt: per(queued.ms), overheadMsPerAttempt: per(queued.ms - local.ms), queuedRangeMs: `${per(queued.min)}-${per(queued.max)}` });
    }
    // 24 modules of 500 ms, 12 on each of 2 layers: up to 12 attempts could run at once.
    const wide = () => repo((root) => write(root, treeFiles(2, 12, 500)));
    let single;
    for (const workers of [1, 2, 4]) {
      const pool = await startWorkers(redis.url, workers);
      const r = wide();
      const { ms, modules } = await timedRun(r.root, 8, { url: redis.url, remote: r.remote });
      await pool.stop();
      await flush(redis.port);
      single ??= ms;
      results.push({ measure: `speed-up, ${modules} modules of 500 ms, ${workers} worker(s)`, modules, wallMs: Math.round(ms), idealMs: Math.round((modules * 500) / workers), speedUp: +(single / ms).toFixed(2) });
    }
  } finally {
    // Workers a failed measure left behind go too (they would retry a stopped Redis forever).
    for (const c of pools.flat()) if (c.exitCode === null) c.kill("SIGKILL");
    redis.stop();
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
  return { name: "queue", results };
}

if (isMain(import.meta.url)) console.table((await run()).results);
