// The cost of isolation (issue 13).
// - Per attempt, through RunWorktrees of dist/workspace on generated git repositories of
//   1,000 and 10,000 files (2-8 KB sources in nested folders, an `assets` folder of 20 files,
//   and an ignored `node_modules` of 500): `create` (a worktree of the integration head,
//   shared links, setup), `commit` and `merge` of a one-file change, and the worktree's end,
//   each in turn as one attempt does them. Two ways to end: "new each attempt" removes the
//   worktree and its branch (the first attempts of a run, one a slot, make theirs new), and
//   "reused" releases it for the next attempt, which moves and resets it; "runEnd" is the
//   run's discard of what is left. Three setups: none; `workspace.share: [node_modules]` with
//   `workspace.setup: true`; the same with `setup: cp -r assets .build`. p50 and p95 of
//   BENCH_REPS attempts (default 10) after one warm-up, and the mean CPU of an attempt (this
//   process and its children: git, setup). "git alone" is `git worktree add --detach` +
//   `git worktree remove --force` of the same repository.
// - End to end, what a user feels: `orchestrate run "implement system"` of examples/ledger
//   (a new git repository in a tmp folder each time, simulate agent, the example's gates:
//   10 modules, 3 layers) with `--isolation worktree` and `--isolation shared`, alternated,
//   BENCH_REPS_CLI times (default 3): wall time of the CLI, and its CPU with its children's
//   (git, the gates) from /usr/bin/time (Debian's `time` package).
// The machine is shared: the load average is printed with each row.
import { isMain } from "./lib/main.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openRepo } from "../dist/workspace/repo.js";
import { attemptBranch, RunWorktrees } from "../dist/workspace/worktrees.js";

const BIN = fileURLToPath(new URL("../bin/orchestrate.js", import.meta.url));
const REPS = Number(process.env.BENCH_REPS ?? 10);
const CLI_REPS = Number(process.env.BENCH_REPS_CLI ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "1000,10000").split(",").filter(Boolean).map(Number);
const SETUPS = [
  { name: "none", share: [] },
  { name: "share node_modules, setup `true`", share: ["node_modules"], setup: "true" },
  { name: "share node_modules, setup `cp -r assets .build`", share: ["node_modules"], setup: "cp -r assets .build" },
];
const IDENTITY = { GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@localhost", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@localhost" };

const round = (x, d = 0) => +x.toFixed(d);
const load = () => round(loadavg()[0], 1);
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A seeded pseudo-random source, so every run generates the same repository. */
function random(seed) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The path of source file `i`: 10 files a folder, 10 folders a package. */
export const sourceFile = (i) => join("src", `pkg${String(Math.floor(i / 100)).padStart(3, "0")}`, `mod${Math.floor(i / 10) % 10}`, `file${i}.ts`);

/** A git repository of `n` source files of 2-8 KB, committed, with an ignored node_modules and build output. */
export function generate(n) {
  const root = mkdtempSync(join(tmpdir(), `orchestrate-bench-isolation-${n}-`));
  const rand = random(n);
  for (let i = 0; i < n; i++) {
    const size = 2048 + Math.floor(rand() * 6144);
    const lines = [`// Module file ${i}: generated for the isolation benchmark.`, `import { helper${i % 97} } from "../../shared/helpers.js";`];
    let length = lines.join("\n").length;
    for (let k = 0; length < size; k++) {
      const line = `export function fn${i}_${k}(x: number): number { return helper${i % 97}(x * ${Math.floor(rand() * 1000)}) + ${k}; }`;
      lines.push(line);
      length += line.length + 1;
    }
    const path = join(root, sourceFile(i));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, `${lines.join("\n")}\n`);
  }
  for (let i = 0; i < 20; i++) {
    mkdirSync(join(root, "assets"), { recursive: true });
    writeFileSync(join(root, "assets", `asset${i}.json`), JSON.stringify({ i, data: "x".repeat(1000) }));
  }
  // A node_modules-like folder: 50 packages of 10 files, untracked, shared into worktrees by a link.
  for (let p = 0; p < 50; p++) {
    const dir = join(root, "node_modules", `pkg${p}`, "lib");
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 10; f++) writeFileSync(join(dir, `f${f}.js`), `module.exports = ${p * 10 + f};\n`.repeat(50));
  }
  writeFileSync(join(root, ".gitignore"), "node_modules\n.build\n");
  const git = (args) => execFileSync("git", args, { cwd: root, env: { ...process.env, ...IDENTITY }, maxBuffer: 1 << 26 });
  git(["init", "-q", "-b", "main"]);
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "generated"]);
  return root;
}

const since = (t) => performance.now() - t;

/** CPU ms of this process and of its waited-for children (git, setup), which a loaded machine's wall time hides. */
function cpuMs() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  const tick = 10; // USER_HZ is 100 on Linux
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + (Number(fields[13]) + Number(fields[14])) * tick;
}

/**
 * One attempt's isolation: create, a one-file change committed and merged, then its worktree
 * removed (`fresh`: every attempt checks out a new worktree) or released for the next attempt
 * to reuse, as a run does; answers the time of each step.
 */
async function attempt(trees, runId, i, n, fresh) {
  let t = performance.now();
  const tree = await trees.create(`m${i}-1`, attemptBranch(runId, `m${i}`, 1));
  const create = since(t);
  appendFileSync(join(tree.dir, sourceFile((i * 37) % n)), `// attempt ${i}\n`);
  t = performance.now();
  const { commit } = await trees.commit(tree, `m${i}: a one-line change`);
  const committed = since(t);
  t = performance.now();
  const merged = await trees.merge(commit, `Merge m${i}`);
  const merge = since(t);
  if (!merged.ok) throw new Error(`the merge of m${i} conflicts: ${merged.detail}`);
  t = performance.now();
  if (fresh) await trees.remove(tree);
  else trees.release(tree);
  const remove = since(t);
  return { create, commit: committed, merge, remove, total: create + committed + merge + remove };
}

/** `git worktree add` + `git worktree remove` alone, the floor of create + remove. */
function gitAlone(root, i) {
  const path = join(root, ".orchestrate", "floor", `w${i}`);
  const t = performance.now();
  execFileSync("git", ["worktree", "add", "--quiet", "--detach", path, "HEAD"], { cwd: root });
  execFileSync("git", ["worktree", "remove", "--force", "--force", path], { cwd: root });
  return since(t);
}

async function perAttempt(n, results) {
  const root = generate(n);
  try {
    const repo = await openRepo(root);
    if ("reason" in repo) throw new Error(repo.reason);
    const floor = [];
    gitAlone(root, 0);
    const cpu = cpuMs();
    for (let i = 1; i <= REPS; i++) floor.push(gitAlone(root, i));
    results.push({ files: n, setup: "git alone: worktree add + remove", p50: round(percentile(floor, 50)), p95: round(percentile(floor, 95)), cpu: round((cpuMs() - cpu) / REPS), load: load() });
    for (const [s, setup] of SETUPS.entries()) {
      // Before reuse (and what the first attempts of a run pay, one a slot): a new worktree every attempt.
      const modes = typeof RunWorktrees.prototype.release === "function" ? [true, false] : [true];
      for (const fresh of modes) {
        const runId = `bench-${s}-${fresh ? "fresh" : "reused"}`;
        const trees = new RunWorktrees(repo, root, runId, { share: setup.share, ...(setup.setup ? { setup: setup.setup } : {}), timeoutMs: 60_000 });
        await trees.start(repo.head);
        await attempt(trees, runId, 0, n, fresh);
        const runs = [];
        const cpu = cpuMs();
        for (let i = 1; i <= REPS; i++) runs.push(await attempt(trees, runId, i, n, fresh));
        const cpuPerAttempt = (cpuMs() - cpu) / REPS;
        const t = performance.now();
        await trees.discard();
        const discard = since(t);
        const pick = (k, p) => round(percentile(runs.map((r) => r[k]), p));
        results.push({
          files: n,
          setup: setup.name,
          worktree: fresh ? "new each attempt" : "reused",
          p50: pick("total", 50),
          p95: pick("total", 95),
          create: `${pick("create", 50)} / ${pick("create", 95)}`,
          commit: `${pick("commit", 50)} / ${pick("commit", 95)}`,
          merge: `${pick("merge", 50)} / ${pick("merge", 95)}`,
          remove: `${pick("remove", 50)} / ${pick("remove", 95)}`,
          cpu: round(cpuPerAttempt),
          runEnd: round(discard),
          load: load(),
        });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `orchestrate run` of a fresh copy of the example, made a git repository: wall ms. */
function cliRun(isolation) {
  const dir = mkdtempSync(join(tmpdir(), "orchestrate-bench-isolation-cli-"));
  try {
    execFileSync(process.execPath, [BIN, "init", "--example", dir], { stdio: "ignore" });
    // `init --example` makes it a git repository with one commit (where git is installed).
    if (!existsSync(join(dir, ".git"))) {
      const git = (args) => execFileSync("git", args, { cwd: dir, env: { ...process.env, ...IDENTITY }, stdio: "ignore" });
      git(["init", "-q", "-b", "main"]);
      git(["add", "-A"]);
      git(["commit", "-q", "-m", "example"]);
    }
    // CPU (user+sys of the CLI and its children: git, the gates) from /usr/bin/time, which a loaded machine's wall time hides.
    const t = performance.now();
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %U %S", process.execPath, BIN, "run", "implement system", "--yes", "--isolation", isolation], { cwd: dir, encoding: "utf8" });
    const wall = since(t);
    const line = r.stderr.split("\n").find((l) => l.startsWith("TIME "));
    if (r.status !== 0 || !line) throw new Error(`orchestrate run --isolation ${isolation} failed (${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
    const [user, sys] = line.split(" ").slice(1).map(Number);
    return { wall, cpu: (user + sys) * 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function endToEnd(results) {
  const runs = { worktree: [], shared: [] };
  const loads = [];
  for (let i = 0; i < CLI_REPS; i++) {
    loads.push(load());
    // Alternated, so a change of the machine's load falls on both alike.
    for (const isolation of i % 2 ? ["shared", "worktree"] : ["worktree", "shared"]) runs[isolation].push(cliRun(isolation));
  }
  const median = (xs) => percentile(xs, 50);
  const range = (xs) => `${round(Math.min(...xs))}-${round(Math.max(...xs))}`;
  for (const k of ["wall", "cpu"]) {
    const w = runs.worktree.map((r) => r[k]);
    const s = runs.shared.map((r) => r[k]);
    results.push({
      files: "examples/ledger (CLI run, simulate agent)",
      setup: `${k} ms, worktree vs shared, median of ${CLI_REPS}`,
      isolated: `${round(median(w))} (${range(w)})`,
      shared: `${round(median(s))} (${range(s)})`,
      isolationMs: round(median(w) - median(s)),
      load: median(loads),
    });
  }
}

export default async function run() {
  const results = [];
  for (const n of SIZES) await perAttempt(n, results);
  if (CLI_REPS > 0) endToEnd(results);
  const git = execFileSync("git", ["--version"], { encoding: "utf8" }).trim();
  return { name: "isolation", node: process.version, git, reps: REPS, note: "ms; p50 and p95 of the whole attempt; create/commit/merge/remove (or release) p50 / p95; cpu: mean CPU of an attempt, git and setup included; runEnd: the run's discard of its worktrees and branches", results };
}

if (isMain(import.meta.url)) {
  const { results, ...rest } = await run();
  console.log(JSON.stringify(rest));
  console.table(results);
}
