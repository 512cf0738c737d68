// node bench/same-output.mjs OLD_CHECKOUT NEW_CHECKOUT [TREE ...]
//
// Whether two builds of orchestrate answer the same: `plan --json`, `plan` (first, then second, which
// takes the kept plan) and `check --json`, byte for byte with their exit codes, on each tree (the
// fixture trees under test/fixtures/trees by default). Each build gets a fresh copy of a tree at the
// same path, so paths in the output agree. Prints one line per tree; exits 1 when any differs.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [oldBuild, newBuild, ...given] = process.argv.slice(2);
if (!oldBuild || !newBuild) {
  console.error("usage: node bench/same-output.mjs OLD_CHECKOUT NEW_CHECKOUT [TREE ...]");
  process.exit(2);
}
const fixtures = resolve("test/fixtures/trees");
const trees = given.length ? given.map((t) => resolve(t)) : readdirSync(fixtures).map((t) => join(fixtures, t));
const COMMANDS = [
  ["plan", "implement system", "--json"],
  ["plan", "implement system"],
  ["plan", "implement system"],
  ["check", "--json"],
];

const work = mkdtempSync(join(tmpdir(), "same-output-"));
const copy = join(work, "tree");

/** Each command's exit code, stdout and stderr, run by `build` on a fresh copy of `tree`. */
function answers(build, tree) {
  rmSync(copy, { recursive: true, force: true });
  cpSync(tree, copy, { recursive: true });
  rmSync(join(copy, ".orchestrate", "cache"), { recursive: true, force: true });
  return COMMANDS.map((args) => {
    const r = spawnSync(process.execPath, [join(build, "bin", "orchestrate.js"), ...args], { cwd: copy, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } });
    return `${r.status}\n${r.stdout}\n${r.stderr}`;
  });
}

let differing = 0;
for (const tree of trees) {
  const before = answers(oldBuild, tree);
  const after = answers(newBuild, tree);
  const diff = COMMANDS.filter((_, i) => before[i] !== after[i]).map((c) => c.join(" "));
  if (diff.length) differing++;
  console.log(`${diff.length ? "DIFFERS" : "same   "} ${tree}${diff.length ? `: ${diff.join("; ")}` : ""}`);
}
rmSync(work, { recursive: true, force: true });
process.exit(differing ? 1 : 0);
