// The wall time of a refactor run's baseline (its module gates on the code as it is, before any
// attempt): 4 modules whose tests each take 1 s, concurrency 4, in a shared working tree and in
// worktrees. Run one after another the baseline took the sum of the gates; at once, about one.
import { isMain } from "./lib/main.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../dist/store/open.js";

const CLI = fileURLToPath(new URL("../bin/orchestrate.js", import.meta.url));
const MODULES = 4;
const REPS = 3;
const GIT = { GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };

function project(git) {
  const root = mkdtempSync(join(tmpdir(), "orchestrate-bench-baseline-"));
  const write = (path, text) => (mkdirSync(dirname(join(root, path)), { recursive: true }), writeFileSync(join(root, path), text));
  write(".claude/system/SYSTEM_ORCHESTRATOR.md", "# System\n");
  for (let i = 0; i < MODULES; i++) {
    write(`.claude/layers/core/modules/M${i}_AGENT.md`, `# 📦 MODULE_AGENT\n\n**Type**: Module Agent\n**Module**: \`src/m${i}.txt\`\n`);
    write(`src/m${i}.txt`, `${i}\n`);
  }
  write("orchestrate.config.yaml", `agent: simulate\nconcurrency: ${MODULES}\ngates:\n  discover: false\n  sandbox: false\n  module:\n    - name: tests\n      kind: command\n      run: sleep 1\n`);
  if (git) {
    execFileSync("git", ["init", "-q"], { cwd: root });
    execFileSync("git", ["add", "-A"], { cwd: root });
    execFileSync("git", ["commit", "-qm", "init"], { cwd: root, env: { ...process.env, ...GIT } });
  }
  return root;
}

/** From the first baseline gate's start (its end less its duration) to the baseline's verdict, in ms. */
function baselineMs(isolation) {
  const root = project(isolation === "worktree");
  try {
    const r = spawnSync(process.execPath, [CLI, "run", "refactor the system", "--type", "refactor", "--project", root, "--isolation", isolation], { encoding: "utf8", env: { ...process.env, ...GIT } });
    if (r.status !== 0) throw new Error(`the run failed: ${r.stdout}${r.stderr}`);
    const store = openStore(root);
    try {
      const events = store.getEvents(store.listRuns(1)[0].id);
      const gates = events.filter((e) => e.type === "gate").slice(0, MODULES);
      const verdict = events.find((e) => e.type === "baseline");
      return verdict.at - Math.min(...gates.map((e) => e.at - e.data.result.durationMs));
    } finally {
      store.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function run() {
  const results = [];
  for (const isolation of ["shared", "worktree"]) {
    const times = Array.from({ length: REPS }, () => baselineMs(isolation));
    results.push({ isolation, modules: MODULES, "gate s": 1, "baseline median ms": median(times), "runs ms": times.join(" ") });
  }
  return { name: "refactor baseline", results };
}

if (isMain(import.meta.url)) {
  const { results } = await run();
  console.table(results);
}
