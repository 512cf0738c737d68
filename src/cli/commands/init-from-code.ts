import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import type { Discovery, Granularity } from "../../discover/index.js";
import type { Description } from "../../discover/write.js";
import { UsageError } from "../../errors.js";
import { folderKind } from "../../folder-kind.js";
import { agentFlag, MODEL_AGENTS } from "../agent-flag.js";
import { specTreeParts } from "../../spec/root.js";
import { plural } from "../style.js";
import { shellQuote } from "../../exec/shell.js";

export interface FromCodeFlags {
  granularity?: Granularity;
  /** The model pass: this agent writes each module's purpose from its code. */
  agent?: string;
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
}

/** `orchestrate init --from-code [DIR]`: the spec tree of existing code, from its import graph. */
export async function initFromCode(target: string, flags: FromCodeFlags): Promise<void> {
  const kind = folderKind(target);
  if (!("folder" in kind)) throw new UsageError(`Expected DIR to be a folder of code, got \`${target}\`, which ${"other" in kind ? `is ${kind.other}` : "does not exist"}`);
  if (flags.agent) agentFlag(flags.agent, MODEL_AGENTS);
  const claude = join(target, ".claude");
  const existing = specTreeParts(target);
  if (existing.length > 0 && !flags.force && !flags.dryRun) throw new UsageError(`${target} already has a spec tree (${existing.join(", ")}); it is never overwritten (--force moves it to .claude.bak-<time>/ first, --dry-run shows what would be written)`);
  const [{ discover }, { specFiles }] = await Promise.all([import("../../discover/index.js"), import("../../discover/write.js")]);
  const discovery = discover(target, { granularity: flags.granularity ?? "auto" });
  if (discovery.modules.length === 0) throw new UsageError(`Found no Python, TypeScript/JavaScript, Go, Rust, Java, Kotlin, Scala, Ruby, C#, PHP, C/C++, Swift, Elixir or Dart source files in ${target}${discovery.skipped.length ? ` (skipped: ${discovery.skipped.slice(0, 3).map((s) => `${s.path} ${s.why}`).join("; ")})` : ""}`);
  const described = flags.agent && !flags.dryRun ? await describe(target, discovery, flags.agent) : undefined;
  const files = specFiles(discovery, basename(target), described);
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...discovery, written: flags.dryRun ? [] : [...files.keys()] }, null, 2)}\n`);
  else process.stdout.write(summary(discovery, [...files.keys()], flags.dryRun === true));
  if (flags.dryRun) return;

  // Only the spec tree moves aside: Claude Code's settings, agents and commands stay in .claude/.
  let backup: string | undefined;
  if (existing.length > 0) {
    backup = `${claude}.bak-${new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`;
    mkdirSync(backup);
    for (const part of existing) renameSync(join(target, part), join(backup, basename(part)));
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), text);
  }
  if (flags.json) return;
  // A project outside the current folder is named as it is: `../../../tmp/x` says less than `/tmp/x`.
  const near = relative(process.cwd(), target);
  const shown = near === "" ? "." : near.startsWith("..") || isAbsolute(near) ? target : near;
  if (backup) process.stdout.write(`The old spec tree (${existing.join(", ")}) is in ${relative(target, backup)}/\n`);
  process.stdout.write(`Wrote ${files.size} spec files under ${shown}/.claude/\nNext: orchestrate check --project ${shellQuote(shown)}   then   orchestrate plan "implement system" --project ${shellQuote(shown)}\n`);
}

/** The model pass, with the project's config for the agent's options; what it left out is said. */
async function describe(target: string, discovery: Discovery, agentName: string): Promise<{ by: string; descriptions: ReadonlyMap<string, Description> }> {
  const [{ loadConfig }, { withDefaults }, { agentFor }, { openStore }, { describeModules }] = await Promise.all([
    import("../../config/load.js"),
    import("../../config/options.js"),
    import("../../run/project.js"),
    import("../../store/open.js"),
    import("../../workflows/describe-code.js"),
  ]);
  const { config, file } = loadConfig(target);
  const options = withDefaults(config, { agent: agentName });
  const agent = agentFor(options, config, file, target);
  const store = openStore(target);
  try {
    process.stderr.write(`Describing ${plural(discovery.modules.length, "module")} with ${agent.name}, one read-only attempt per layer...\n`);
    const result = await describeModules(target, discovery, agent, store, { timeoutMs: options.timeoutMs });
    const { inputTokens, outputTokens, costUsd } = result.usage;
    process.stderr.write(`Described ${result.descriptions.size} of ${plural(discovery.modules.length, "module")} in ${plural(result.attempts, "attempt")} (${inputTokens + outputTokens} tokens, $${costUsd.toFixed(4)})\n`);
    if (result.missing.length) process.stderr.write(`Not described (their purpose comes from the code's own comments): ${result.missing.join(", ")}\n`);
    if (result.unknown.length) process.stderr.write(`Ignored descriptions of modules that do not exist (the structure is the import graph's): ${result.unknown.join(", ")}\n`);
    return { by: agent.name, descriptions: result.descriptions };
  } finally {
    store.close();
  }
}

/** Files of a module named in the summary; the rest are counted. */
const SHOWN_FILES = 3;
/** Steps of an import cycle shown in the summary; the system spec has them all. */
const SHOWN_STEPS = 6;

function summary(d: Discovery, paths: string[], dryRun: boolean): string {
  const lines = [`${plural(d.modules.length, "module")} in ${plural(d.layers.length, "layer")}, ${plural(d.edges, "dependency", "dependencies")}, from ${plural(d.files, "source file")}`, ""];
  for (const [i, layer] of d.layers.entries()) {
    lines.push(`${i + 1}. ${layer.id}`);
    for (const id of layer.modules) {
      const m = d.modules.find((x) => x.id === id)!;
      // A module of many files (a cycle merged, part of a split folder) on one line: its spec lists them all.
      const what = m.folder ? `${m.folder}/ (${plural(m.files.length, "file")})` : m.files.length > SHOWN_FILES ? `${m.files.slice(0, SHOWN_FILES).join(", ")} and ${m.files.length - SHOWN_FILES} more` : m.files.join(", ");
      lines.push(`   ${id.padEnd(18)} ${what}${m.tests.length ? `  +${m.tests.length} test${m.tests.length === 1 ? "" : "s"}` : ""}${m.dependsOn.length ? `  ← ${m.dependsOn.join(", ")}` : ""}`);
    }
  }
  if (d.merged.length) {
    lines.push("", "Import cycles, each merged into one module:");
    for (const m of d.merged) {
      const steps = m.cycle.length - 1;
      const shown = steps > SHOWN_STEPS ? [...m.cycle.slice(0, SHOWN_STEPS), `… ${steps - SHOWN_STEPS} more`, m.cycle.at(-1)!] : m.cycle;
      lines.push(`   ${m.into}: ${shown.join(" → ")}`);
    }
  }
  if (d.skipped.length) {
    lines.push("", "Skipped:");
    const byWhy = new Map<string, string[]>();
    for (const s of d.skipped) byWhy.set(s.why, [...(byWhy.get(s.why) ?? []), s.path]);
    for (const [why, list] of byWhy) lines.push(`   ${why}: ${list.slice(0, 5).join(", ")}${list.length > 5 ? ` and ${list.length - 5} more` : ""}`);
  }
  if (d.notes.length) lines.push("", "Notes:", ...shortNotes(d.notes).map((n) => `   ${n}`));
  if (dryRun) lines.push("", `Would write ${plural(paths.length, "file")}:`, ...paths.map((p) => `   ${p}`));
  return `${lines.join("\n")}\n`;
}

const UNATTACHED = ": a test that imports none of the project's modules, attached to none";
const MOVED = /^(\S+): named for (\w+) but imports \w+ code, so placed in (\w+)$/;
/** Notes of one kind shown one each up to this many; more are one line with a count and the first few. */
const SHOWN_NOTES = 5;

/**
 * Many notes of one kind in one line, not one each: tests attached to no module (a suite that
 * imports the package as installed), modules placed above the layer their name says (a large
 * package's `utils/` files that import its models).
 */
function shortNotes(notes: string[]): string[] {
  const tests = notes.filter((n) => n.endsWith(UNATTACHED)).map((n) => n.slice(0, -UNATTACHED.length));
  const moved = notes.flatMap((n) => {
    const m = MOVED.exec(n);
    return m ? [`${m[1]} (${m[2]} → ${m[3]})`] : [];
  });
  const more = (list: string[]) => `${list.slice(0, SHOWN_NOTES).join(", ")} and ${list.length - SHOWN_NOTES} more (--json lists them)`;
  return [
    ...notes.filter((n) => !(tests.length > SHOWN_NOTES && n.endsWith(UNATTACHED)) && !(moved.length > SHOWN_NOTES && MOVED.test(n))),
    ...(tests.length > SHOWN_NOTES ? [`${tests.length} tests import none of the project's modules, attached to none: ${more(tests)}`] : []),
    ...(moved.length > SHOWN_NOTES ? [`${moved.length} modules named for a layer import code of a later one, so placed in that layer: ${more(moved)}`] : []),
  ];
}
