import type { Command } from "commander";
import type { Warning } from "../../spec/types.js";
import type { CliContext } from "../main.js";
import { OrchestrateError, SpecError } from "../../errors.js";
import { noModuleSpecs } from "../empty-plan.js";
import { misspeltFrontMatterKeys } from "../front-matter-keys.js";
import { colorsFor, plural } from "../style.js";
import { GENERAL_MODULE } from "../../workflows/general.js";

/** Lints a spec tree: exit 0 clean, 1 warnings, 2 errors; owned paths not yet present are listed but leave it clean. */
export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command("check")
    .description("lint the .claude/ spec tree: exit 0 when clean, 1 with warnings, 2 with errors")
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("--json", "print {ok, errors, warnings, modules, layers} as JSON")
    .action(async (opts: { project: string; json?: boolean }) => {
      const [{ loadSpec, saveSpecCache }, { missingOwnedPaths }, { unreadSpecs }, { buildPlan }, { renderWarnings }, { validateProject }, { sharedBuildOutputs }, { readConfigSource, parseConfigSource }] = await Promise.all([
        import("../../spec/load.js"),
        import("../../spec/presence.js"),
        import("../../spec/unread.js"),
        import("../../plan/build.js"),
        import("../render/plan.js"),
        import("../../run/project.js"),
        import("../../config/share.js"),
        import("../../config/load.js"),
      ]);
      const c = colorsFor(process.stdout);
      let warnings: Warning[] = [];
      let notes: Warning[] = [];
      let counts = { modules: 0, layers: 0 };
      try {
        const spec = loadSpec(opts.project, { cache: true });
        // Nothing for `plan` or `run` to work on: an error, as they say it (exit 2), not one warning among others.
        if (spec.modules.length === 0) throw new SpecError("SPEC_MISSING", `No modules: ${noModuleSpecs(spec.root)}`);
        // What `run` would reject before starting, `check` rejects too: config, agent options, front matter.
        validateProject(spec);
        warnings = buildPlan(spec, { type: "general", scope: { kind: "system" }, because: [] }).warnings;
        // On disk, so here and not in `plan`: a stat per owned path.
        warnings.push(...unreadSpecs(spec), ...missingOwnedPaths(spec), ...misspeltFrontMatterKeys(spec), ...(await orphanedMemories(spec.root, spec.modules.map((m) => m.id))));
        const source = readConfigSource(spec.root);
        if (source) warnings.push(...sharedBuildOutputs(parseConfigSource(source), source.name, source.text));
        counts = { modules: spec.modules.length, layers: spec.layers.length };
        notes = spec.notes ?? [];
        saveSpecCache(spec);
      } catch (error) {
        if (!(error instanceof OrchestrateError) || !opts.json) throw error;
        const { file, line } = error.place;
        process.stdout.write(`${JSON.stringify({ ok: false, errors: [{ code: error.code, message: error.message, file, line }], warnings: [] }, null, 2)}\n`);
        ctx.exitCode = 2;
        return;
      }
      // A module still to be implemented has no files yet: listed, but not a problem on its own.
      const pending = warnings.filter((w) => w.code === "NOT_YET_PRESENT");
      const problems = warnings.filter((w) => w.code !== "NOT_YET_PRESENT");
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, errors: [], warnings, ...(notes.length ? { notes } : {}), ...counts }, null, 2)}\n`);
      } else {
        const summary = `${plural(counts.modules, "module")} in ${plural(counts.layers, "layer")}`;
        // By module, not by file: a system spec declaring several modules is one file (each line says `<id>: ...`).
        const waiting = new Set(pending.map((w) => `${w.file}\0${w.message.slice(0, w.message.indexOf(":"))}`)).size;
        const notYet = waiting ? `owned paths of ${plural(waiting, "module")} not yet present` : "";
        const blocks = [
          ...(problems.length ? [renderWarnings(problems, c)] : []),
          ...(pending.length ? [renderListed(`Not yet present (${pending.length})`, pending, c)] : []),
          // What was read from a Mermaid graph (spec/diagram-dependencies.ts) or a package's folder (spec/package-specs.ts): shown, so a wrong reading is seen.
          ...noteBlocks(notes, c),
          problems.length
            ? `${summary}: ${plural(problems.length, "warning")}${notYet ? `, ${notYet}` : ""}`
            : `${c.green("✓")} ${summary}: no problems found${notYet ? ` (${notYet})` : ""}`,
        ];
        process.stdout.write(`${blocks.join("\n")}\n`);
      }
      ctx.exitCode = problems.length ? 1 : 0;
    });
}

/**
 * Memories tagged `module:<id>` for no module of the tree (the module was renamed or removed):
 * no prompt reads them any more. Read only from a store the project already has.
 */
async function orphanedMemories(root: string, ids: string[]): Promise<Warning[]> {
  const { openStoreToRead } = await import("../../store/open.js");
  const store = openStoreToRead(root);
  if (!store) return [];
  try {
    // A general run's one step is tagged `module:general` (src/workflows/general.ts): no module, but no orphan either.
    const known = new Set([...ids, GENERAL_MODULE]);
    const counts = new Map<string, number>();
    for (const m of store.listMemories()) {
      for (const tag of m.tags) if (tag.startsWith("module:") && !known.has(tag.slice(7))) counts.set(tag.slice(7), (counts.get(tag.slice(7)) ?? 0) + 1);
    }
    return [...counts].map(([id, n]) => ({
      code: "MEMORY_MODULE_UNKNOWN",
      message: `${plural(n, "memory", "memories")} tagged \`module:${id}\`, which is no module of the tree: if it was renamed, \`orchestrate memory retag ${id} <new id>\`; if removed, \`orchestrate memory delete <key>\``,
    }));
  } finally {
    store.close();
  }
}

/** The notes under a heading per place they were read from: diagrams, package folders, the system spec's list of modules, rules between layers, .claude/agents/. */
function noteBlocks(notes: Warning[], c: ReturnType<typeof colorsFor>): string[] {
  const packaged = notes.filter((n) => n.code === "PACKAGE_SPEC_READ");
  const declared = notes.filter((n) => n.code === "MODULE_FROM_SYSTEM_SPEC");
  const ruled = notes.filter((n) => n.code === "LAYER_RULE_READ");
  const agents = notes.filter((n) => n.code === "SUBAGENT_READ_AS_MODULE" || n.code === "SUBAGENT_NOT_MODULE");
  const drawn = notes.filter((n) => !["PACKAGE_SPEC_READ", "MODULE_FROM_SYSTEM_SPEC", "LAYER_RULE_READ", "SUBAGENT_READ_AS_MODULE", "SUBAGENT_NOT_MODULE"].includes(n.code));
  return [
    ...(drawn.length ? [renderListed(`Read from diagrams (${drawn.length})`, drawn, c)] : []),
    ...(packaged.length ? [renderListed(`Read from package folders (${packaged.length})`, packaged, c)] : []),
    ...(declared.length ? [renderListed(`Read from the system spec (${declared.length})`, declared, c)] : []),
    ...(ruled.length ? [renderListed(`Read as rules between layers (${ruled.length})`, ruled, c)] : []),
    ...(agents.length ? [renderListed(`Read from .claude/agents/ (${agents.length})`, agents, c)] : []),
  ];
}

/** Findings that are no problems (owned paths missing on disk, diagrams read), in the warnings' `file:line  CODE  message` form, under their own heading. */
function renderListed(title: string, listed: Warning[], c: ReturnType<typeof colorsFor>): string {
  const lines = [c.bold(title)];
  for (const w of listed) lines.push(`  ${c.dim("·")} ${w.file}${w.line ? `:${w.line}` : ""}  ${c.dim(w.code)}  ${w.message}`);
  return lines.join("\n");
}
