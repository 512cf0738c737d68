import type { Command } from "commander";
import type { Warning } from "../../spec/types.js";
import type { CliContext } from "../main.js";
import { OrchestrateError } from "../../errors.js";
import { colorsFor, plural } from "../style.js";

/** Lints a spec tree: exit 0 clean, 1 warnings, 2 errors. */
export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command("check")
    .description("lint the .claude/ spec tree: exit 0 when clean, 1 with warnings, 2 with errors")
    .option("-p, --project <dir>", "project folder holding .claude/", ".")
    .option("--json", "print {ok, errors, warnings, modules, layers} as JSON")
    .action(async (opts: { project: string; json?: boolean }) => {
      const [{ loadSpec, saveSpecCache }, { buildPlan }, { renderWarnings }, { validateProject }] = await Promise.all([
        import("../../spec/load.js"),
        import("../../plan/build.js"),
        import("../render/plan.js"),
        import("../../run/project.js"),
      ]);
      const c = colorsFor(process.stdout);
      let warnings: Warning[] = [];
      let counts = { modules: 0, layers: 0 };
      try {
        const spec = loadSpec(opts.project, { cache: true });
        // What `run` would reject before starting, `check` rejects too: config, agent options, front matter.
        validateProject(spec);
        warnings = buildPlan(spec, { type: "general", scope: { kind: "system" }, because: [] }).warnings;
        counts = { modules: spec.modules.length, layers: spec.layers.length };
        saveSpecCache(spec);
      } catch (error) {
        if (!(error instanceof OrchestrateError) || !opts.json) throw error;
        const { file, line } = error.place;
        process.stdout.write(`${JSON.stringify({ ok: false, errors: [{ code: error.code, message: error.message, file, line }], warnings: [] }, null, 2)}\n`);
        ctx.exitCode = 2;
        return;
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ok: warnings.length === 0, errors: [], warnings, ...counts }, null, 2)}\n`);
      } else {
        const summary = `${plural(counts.modules, "module")} in ${plural(counts.layers, "layer")}`;
        process.stdout.write(warnings.length ? `${renderWarnings(warnings, c)}\n${summary}: ${plural(warnings.length, "warning")}\n` : `${c.green("✓")} ${summary}: no problems found\n`);
      }
      ctx.exitCode = warnings.length ? 1 : 0;
    });
}
