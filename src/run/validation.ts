import type { Config } from "../config/schema.js";
import type { PlanModule } from "../plan/types.js";
import type { SpecTree } from "../spec/types.js";
import type { GateLevel, GateResult } from "../validate/types.js";
import type { RunHooks } from "./orchestrator.js";
import { checksFor, moduleGateCommands } from "../validate/checks.js";
import type { FrontMatterReaders } from "../validate/front-matter-readers.js";
import { runGate, type GateContext } from "../validate/gates.js";
import type { reviewWith } from "./review.js";
import { extend } from "../extend.js";
import type { GateConfinement } from "../validate/confine.js";
import { gateConfinement } from "./confinement.js";
import type { FileStats } from "../file-stats.js";

/**
 * The VALIDATION_ORCHESTRATOR as code: module, layer and system gates from the
 * config (and module front matter, as `frontMatter` reads it), run against the project's real files.
 * A gate with no checks is no gate (undefined), so an unconfigured project runs as before.
 */
export function gateHooks(spec: SpecTree, config: Config, layerOrder: string[], timeoutMs: number, frontMatter: FrontMatterReaders, review?: ReturnType<typeof reviewWith>): Pick<RunHooks, "validateModule" | "validateLayer" | "validateSystem" | "hasGate" | "gateCommands"> {
  const byId = new Map(spec.modules.map((m) => [m.id, m]));
  // Opened with the first gate (probing bubblewrap once): a run without command checks never starts it.
  let confinement: Promise<GateConfinement> | undefined;
  const confine = () => (confinement ??= gateConfinement(spec.root, config));
  const gate = async (level: GateLevel, target: string, modules: string[], vars: { module?: string; layer?: string }, signal: AbortSignal, cwd: string | undefined, reviewer?: GateContext["review"], stats?: FileStats): Promise<GateResult | undefined> => {
    const checks = checksFor(level, target, config, spec, frontMatter);
    if (checks.length === 0) return undefined;
    const files = modules.flatMap((id) => byId.get(id)?.files ?? []);
    // In the attempt's worktree (or a worktree of the integration head) when the run is isolated.
    const confined = checks.some((c) => c.kind === "command") ? { confine: await confine() } : {};
    return runGate(level, target, checks, { root: cwd ?? spec.root, spec, layerOrder, modules, vars: extend(vars, { files }), timeoutMs, signal, ...confined, ...(reviewer ? { review: reviewer } : {}), ...(stats ? { stats } : {}) });
  };
  // A module's commands are the same for all its attempts (the config and its spec are the run's): each prompt asked again.
  const commands = new WeakMap<PlanModule, string[]>();
  return {
    validateModule: (module: PlanModule, signal, cwd, stats) => gate("module", module.id, [module.id], { module: module.id, layer: module.layer }, signal, cwd, review?.(module, signal, cwd), stats),
    validateLayer: (layer, modules, signal, cwd, stats) => gate("layer", layer, modules, { layer }, signal, cwd, undefined, stats),
    validateSystem: (modules, signal, cwd, stats) => gate("system", "system", modules, {}, signal, cwd, undefined, stats),
    hasGate: (level, target) => checksFor(level, target, config, spec, frontMatter).length > 0,
    gateCommands: (module) => {
      let found = commands.get(module);
      if (!found) commands.set(module, (found = moduleGateCommands(module, config, spec, frontMatter)));
      return found;
    },
  };
}
