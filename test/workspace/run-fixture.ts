import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { git, makeRepo, writeFiles } from "./git-fixture.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface ModuleDef {
  id: string;
  /** The module's file (its **Module** path). */
  file?: string;
  deps?: string[];
  layer?: string;
}

/**
 * A git repository holding a spec tree of `modules` and a config running the `command`
 * agent: each module's attempt runs `<agents>/<module>.sh` (written by the test, outside
 * the repository) in its working directory, so the test decides what each agent does and
 * where it records what it saw.
 */
export function runProject(modules: ModuleDef[], opts: { config?: string; files?: Record<string, string>; identity?: boolean } = {}): { root: string; agents: string } {
  const agents = mkdtempSync(join(tmpdir(), "orchestrate-agents-"));
  made.push(agents);
  const layers = [...new Set(modules.map((m) => m.layer ?? "l1"))];
  const files: Record<string, string> = {
    ".claude/system/SYSTEM_ORCHESTRATOR.md": `# System\n\nLayers: ${layers.join(", ")}.\n`,
    "orchestrate.config.yaml": `agent: command\ncommand:\n  run: sh ${agents}/$ORCHESTRATE_MODULE.sh\n  prompt: file\nconcurrency: 4\nretries: 1\n${opts.config ?? ""}`,
    ...opts.files,
  };
  for (const m of modules) {
    const front = m.deps?.length ? `---\ndepends_on: [${m.deps.join(", ")}]\n---\n` : "";
    files[`.claude/layers/${m.layer ?? "l1"}/modules/${m.id.toUpperCase()}_AGENT.md`] = `${front}# ${m.id}\n\n**Type**: Module Agent\n**Module**: \`${m.file ?? `src/${m.id}.txt`}\`\n\n## Purpose\n\nModule ${m.id} does its part.\n`;
  }
  const root = makeRepo(files, opts.identity === false ? { identity: false } : {});
  return { root, agents };
}

/** Writes module `id`'s agent script (POSIX sh, run in the attempt's working directory). */
export function agent(agents: string, id: string, script: string): void {
  const path = join(agents, `${id}.sh`);
  writeFileSync(path, `set -e\n${script}\n`);
  chmodSync(path, 0o755);
}

/** The run's id: the only integration branch, or the only run's folder when its run committed nothing (and so left no branch). */
export function runIdOf(root: string): string {
  const branches = git(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/orchestrate/").split("\n").filter((b) => b && !b.startsWith("orchestrate/attempts/"));
  const runs = branches.length === 0 ? readdirSync(join(root, ".orchestrate", "runs")) : [];
  if (runs.length === 1) return runs[0]!;
  if (branches.length !== 1) throw new Error(`expected one integration branch, found ${branches.join(", ") || "none"}`);
  return branches[0]!.slice("orchestrate/".length);
}

/** How many merge commits of each module the integration branch's first-parent history holds. */
export function mergesPerModule(root: string, branch: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const subject of git(root, "log", "--first-parent", "--merges", "--format=%s", branch).split("\n").filter(Boolean)) {
    const id = /^Merge (\S+) \(attempt \d+\)/.exec(subject)?.[1];
    if (id) counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

export { writeFiles };
