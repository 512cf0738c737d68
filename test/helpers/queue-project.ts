import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A project of `layers` × `perLayer` modules (each on two of the layer below), in a git repository, with a bare remote beside it. */
export function queuedProject(opts: { layers: number; perLayer: number; latencyMs: number; retries?: number }): { root: string; remote: string; ids: string[]; dispose(): void } {
  const top = mkdtempSync(join(tmpdir(), "orchestrate-queue-"));
  const root = join(top, "project");
  const remote = join(top, "remote.git");
  const id = (l: number, i: number) => `m${l}_${String(i % opts.perLayer).padStart(2, "0")}`;
  const files: Record<string, string> = {
    ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n",
    "orchestrate.config.yaml": `agent: simulate\nconcurrency: 6\nretries: ${opts.retries ?? 1}\nsimulate:\n  latencyMs: ${opts.latencyMs}\n`,
  };
  const ids: string[] = [];
  for (let l = 1; l <= opts.layers; l++) {
    for (let i = 0; i < opts.perLayer; i++) {
      const m = id(l, i);
      ids.push(m);
      const front = l > 1 ? `---\ndepends_on: [${id(l - 1, i)}, ${id(l - 1, i + 1)}]\n---\n` : "";
      files[`.claude/layers/l${l}/modules/${m.toUpperCase()}_AGENT.md`] = `${front}# ${m}\n\n**Type**: Module Agent\n**Module**: \`src/l${l}/${m}.py\`\n\n## Purpose\n\nModule ${m} does its part.\n`;
      files[`recorded/${m}/src/l${l}/${m}.py`] = `# ${m}\n`;
    }
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const git = (args: string[], cwd = root) => execFileSync("git", args, { cwd, stdio: "pipe" });
  git(["init", "-q", "-b", "main"]);
  git(["add", "-A"]);
  git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init"]);
  git(["init", "-q", "--bare", remote], top);
  return { root, remote, ids, dispose: () => rmSync(top, { recursive: true, force: true }) };
}
