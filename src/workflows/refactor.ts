import type { Workflow } from "../run/workflow.js";
import type { BaselineFailure } from "../run/events.js";
import type { GateResult } from "../validate/types.js";
import { recorded } from "../run/events.js";
import { mapBounded } from "../run/bounded.js";
import { visitProjectFolders } from "../validate/project-folders.js";

/**
 * Build files of tools whose builds write one output folder with no lock (Maven's `target/`,
 * Gradle's `build/`, CMake's `build/`, .NET's `obj/`): two module gates building at once in the
 * one folder the baseline runs in would break each other's build, and a broken baseline is read
 * as failures that were there before. Cargo and Go lock their build folders or caches.
 */
const UNLOCKED_BUILD = /^(?:pom\.xml|build\.gradle(?:\.kts)?|settings\.gradle(?:\.kts)?|CMakeLists\.txt|.+\.(?:csproj|fsproj|sln))$/;

/** Whether the project (its root, or a project in it, as discovery finds them) builds with such a tool: its baseline gates then run one at a time. */
function sharesBuildOutput(root: string): boolean {
  let found = false;
  visitProjectFolders(root, (_, entries) => {
    found ||= entries.some((e) => e.isFile() && UNLOCKED_BUILD.test(e.name));
    return !found;
  });
  return found;
}

/** Lines of a failed check's output that the baseline failure carries (CLI, status, report): its first and last. */
export const BASELINE_OUTPUT_LINES = 15;

/**
 * A refactoring starts from passing tests: before any agent runs, the scope's module
 * gates must pass on the code as it is (the baseline), or the run stops and says which
 * check failed and why, with the start of its output.
 */
export const refactor: Workflow = {
  async before(ctx) {
    const { plan, store, runId } = ctx;
    const validate = ctx.hooks.validateModule;
    if (!validate || recorded(store.getEvents(runId), "baseline").some((e) => e.ok)) return undefined;
    // The code as the run starts from it: isolated, the integration branch's first commit.
    // The module gates run at once, as many as the run's attempts may (their gates run so too, in
    // the one tree when it is shared), but one at a time for a build writing one unlocked folder;
    // each verdict is told as its gate ends.
    const results = await ctx.inHead((dir) =>
      mapBounded(
        plan.modules,
        sharesBuildOutput(ctx.paths.root) ? 1 : ctx.options.concurrency,
        async (module) => {
          const result = await validate(module, ctx.signal, dir);
          if (result) ctx.emit({ type: "gate", runId, result });
          return result;
        },
        ctx.halted,
      ),
    );
    // Cut short (Ctrl-C: no gate starts after it, running ones are cancelled after the grace):
    // no verdict is recorded, so `resume` runs the baseline again.
    if (!results || results.some((r) => r?.cancelled)) return undefined;
    // In the plan's order, whatever order the gates ended in: what is stored does not depend on timing.
    const failures: BaselineFailure[] = plan.modules.flatMap((module, i) => {
      const result = results[i];
      return result && !result.ok ? baselineFailures(module.id, result) : [];
    });
    if (failures.length) {
      ctx.emit({ type: "baseline", runId, ok: false, failures });
      const modules = [...new Set(failures.map((f) => f.module))];
      return `baseline failed before any change: the gates of ${modules.join(", ")} do not pass on the code as it is; a refactoring must start from passing tests\n${describeBaseline(failures)}`;
    }
    ctx.emit({ type: "baseline", runId, ok: true });
    return undefined;
  },
  attempts: async () => ({ kind: "refactor", template: "refactor" }),
  docs: { section: "Changed" },
};

function baselineFailures(module: string, result: GateResult): BaselineFailure[] {
  return result.checks
    .filter((c) => !c.ok && c.blocking)
    .map((c) => {
      const output = firstLines(c.output ?? "", BASELINE_OUTPUT_LINES);
      return { module, check: c.name, message: c.message, ...(output ? { output } : {}) };
    });
}

/** Each failed check, then the first lines of its output, indented: for the CLI, `status` and the report. */
export function describeBaseline(failures: readonly BaselineFailure[]): string {
  return failures.map((f) => [`  ${f.module}: check \`${f.check}\` failed (${f.message})`, ...(f.output ? f.output.split("\n").map((l) => `    ${l}`) : [])].join("\n")).join("\n");
}

/** Lines kept from the start of a long output; the rest of `n` come from its end. */
const HEAD_LINES = 5;

/**
 * The first and the last lines of a check's output, at most `n` with the note of what was left
 * out between them: test runners print the failing test and its error at the end (pytest's
 * `E   TypeError`, its `FAILED` summary), the command and the first failure at the start.
 */
function firstLines(text: string, n: number): string {
  const lines = text.trimEnd().split(/\r?\n/);
  const kept = lines.length > n ? [...lines.slice(0, HEAD_LINES), `… ${lines.length - n} more lines …`, ...lines.slice(lines.length - (n - HEAD_LINES))] : lines;
  return kept.join("\n").trim() ? kept.join("\n") : "";
}
