import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLE } from "../helpers/example.js";
import { exampleProject } from "../mcp/process.js";

/**
 * A command agent for the example whose pace the test sets: each module's attempt waits until
 * the test releases it (a file), then replays recorded/<module>/ into the project and reports
 * Claude's JSON result with tokens and a cost. The release files and the script live outside
 * the project, so they never show up among the files changed.
 */
const AGENT = `import { cpSync, existsSync } from "node:fs";
const [module, dir] = process.argv.slice(2);
while (!existsSync(dir + "/" + module)) await new Promise((r) => setTimeout(r, 20));
cpSync("recorded/" + module, ".", { recursive: true });
console.log(JSON.stringify({ type: "result", subtype: "success", is_error: false, result: "implemented " + module + " from recorded/" + module, total_cost_usd: 0.0123, usage: { input_tokens: 1200, output_tokens: 340 } }));
`;

export interface Scripted {
  root: string;
  /** Lets the module's waiting attempt (and any later one) go on. */
  release(moduleId: string): void;
  remove(): void;
}

/**
 * The example's system gate without its smoke test of the command line (`python3 -m ledger --help`),
 * which only a run that builds the cli module can pass: for a run of one layer.
 */
export function withoutCliCheck(config: string): string {
  const out = config.replace(/^ {4}- name: cli\n {6}kind: command\n {6}run: python3 -m ledger --help\n/m, "");
  if (out === config) throw new Error("The example's config has no cli check to leave out: update withoutCliCheck");
  return out;
}

/** `edit` changes the example's config; its agent is then replaced by the scripted one. */
export function scriptedExample(edit: (config: string) => string = (c) => c): Scripted {
  const control = mkdtempSync(join(tmpdir(), "orchestrate-pace-"));
  const releases = join(control, "release");
  mkdirSync(releases);
  writeFileSync(join(control, "agent.mjs"), AGENT);
  const base = readFileSync(join(EXAMPLE, "orchestrate.config.yaml"), "utf8");
  const config = edit(base).replace(
    /^agent: simulate.*$/m,
    `agent: command\ngraceMs: 300\ncommand:\n  preset: claude\n  run: node ${join(control, "agent.mjs")} {module} ${releases}\n  prompt: file`,
  );
  const project = exampleProject(config);
  // A git checkout, as a user's is: the agent's changes are then listed per attempt.
  const git = (...args: string[]) => execFileSync("git", args, { cwd: project.root, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "example");
  return {
    root: project.root,
    release: (moduleId) => writeFileSync(join(releases, moduleId), ""),
    remove() {
      project.remove();
      rmSync(control, { recursive: true, force: true });
    },
  };
}
