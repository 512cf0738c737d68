import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { Discovery, Granularity } from "../../discover/index.js";
import { UsageError } from "../../errors.js";

export interface FromCodeFlags {
  granularity?: Granularity;
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
}

/** `orchestrate init --from-code [DIR]`: the spec tree of existing code, from its import graph. */
export async function initFromCode(target: string, flags: FromCodeFlags): Promise<void> {
  if (!existsSync(target) || !statSync(target).isDirectory()) throw new UsageError(`Expected DIR to be a folder of code, got \`${target}\`, which ${existsSync(target) ? "is not a folder" : "does not exist"}`);
  const claude = join(target, ".claude");
  if (existsSync(claude) && !flags.force && !flags.dryRun) throw new UsageError(`${target} already has a .claude/ folder; it is never overwritten (--force moves it to .claude.bak-<time> first, --dry-run shows what would be written)`);
  const [{ discover }, { specFiles }] = await Promise.all([import("../../discover/index.js"), import("../../discover/write.js")]);
  const discovery = discover(target, { granularity: flags.granularity ?? "auto" });
  if (discovery.modules.length === 0) throw new UsageError(`Found no Python, TypeScript/JavaScript or Go source files in ${target}${discovery.skipped.length ? ` (skipped: ${discovery.skipped.slice(0, 3).map((s) => `${s.path} ${s.why}`).join("; ")})` : ""}`);
  const files = specFiles(discovery, basename(target));
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...discovery, written: flags.dryRun ? [] : [...files.keys()] }, null, 2)}\n`);
  else process.stdout.write(summary(discovery, [...files.keys()], flags.dryRun === true));
  if (flags.dryRun) return;

  let backup: string | undefined;
  if (existsSync(claude)) {
    backup = `${claude}.bak-${new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`;
    renameSync(claude, backup);
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), text);
  }
  if (flags.json) return;
  const shown = relative(process.cwd(), target) || ".";
  if (backup) process.stdout.write(`The old .claude/ is in ${relative(target, backup)}\n`);
  process.stdout.write(`Wrote ${files.size} spec files under ${shown}/.claude/\nNext: orchestrate check --project ${shown}   then   orchestrate plan "implement system" --project ${shown}\n`);
}

function summary(d: Discovery, paths: string[], dryRun: boolean): string {
  const lines = [`${d.modules.length} modules in ${d.layers.length} layers, ${d.edges} dependencies, from ${d.files} source files`, ""];
  for (const [i, layer] of d.layers.entries()) {
    lines.push(`${i + 1}. ${layer.id}`);
    for (const id of layer.modules) {
      const m = d.modules.find((x) => x.id === id)!;
      const what = m.folder ? `${m.folder}/ (${m.files.length} files)` : m.files.join(", ");
      lines.push(`   ${id.padEnd(18)} ${what}${m.tests.length ? `  +${m.tests.length} test${m.tests.length === 1 ? "" : "s"}` : ""}${m.dependsOn.length ? `  ← ${m.dependsOn.join(", ")}` : ""}`);
    }
  }
  if (d.merged.length) {
    lines.push("", "Import cycles, each merged into one module:");
    for (const m of d.merged) lines.push(`   ${m.into}: ${m.cycle.join(" → ")}`);
  }
  if (d.skipped.length) {
    lines.push("", "Skipped:");
    const byWhy = new Map<string, string[]>();
    for (const s of d.skipped) byWhy.set(s.why, [...(byWhy.get(s.why) ?? []), s.path]);
    for (const [why, list] of byWhy) lines.push(`   ${why}: ${list.slice(0, 5).join(", ")}${list.length > 5 ? ` and ${list.length - 5} more` : ""}`);
  }
  if (d.notes.length) lines.push("", "Notes:", ...d.notes.map((n) => `   ${n}`));
  if (dryRun) lines.push("", `Would write ${paths.length} files:`, ...paths.map((p) => `   ${p}`));
  return `${lines.join("\n")}\n`;
}
