import type { SpecTree } from "../spec/types.js";
import type { GatesConfig, GateLists } from "./config.js";
import { discoverChecks } from "./discover-checks.js";
import { frontMatterRuns, sameTestsConfigured, type SpecGateRun } from "./same-tests.js";
import type { CheckConfig, GateLevel } from "./types.js";

/** A check found from the project's own files, and where it applies. */
export interface DiscoveredCheck {
  level: GateLevel;
  /** "system", a layer id, or a module id. */
  target: string;
  check: CheckConfig;
  /** What it was found from: "pyproject.toml [tool.pytest]", "tests/test_events.py". */
  from: string;
}

/** What validates a run: the gates configured, those discovered, and whether there is anything at all. */
export interface ValidationPlan {
  /** Gates as the run will use them: the configured ones with the discovered ones under them. */
  config: GatesConfig;
  configured: GateLevel[];
  discovered: DiscoveredCheck[];
  /** True when discovery is off (`gates: { discover: false }`). */
  discoveryOff: boolean;
  /** True when no gate at any level has a check: nothing will be validated. */
  none: boolean;
  /** Why discovery found no module gates where a runner was found: `npm test` runs a script no module's tests can be picked out of. */
  notes: string[];
  /** Modules no module gate applies to although the level is configured for others: none is discovered for them either. */
  ungated: string[];
}

export const NO_VALIDATION = "no validation configured";

/** What discovery reads of a spec tree: `plan` keeps it with a plan, to validate without loading the tree again. */
export interface DiscoverySpec {
  layers: string[];
  modules: { id: string; files: string[]; layer?: string }[];
  /** Some module's front matter sets `validation`. */
  frontMatterValidation: boolean;
  /** The modules whose front matter sets `validation`. Absent (a plan kept before it was): not known. */
  frontMatterModules?: string[];
  /** Some module's front matter `validation` holds a check. */
  frontMatterChecks: boolean;
  /** The command lines of those checks, by module: a discovered system gate running the same tests is left out. Absent: none. */
  frontMatterRuns?: SpecGateRun[];
  /** Some module or layer has import rules. */
  importRules: boolean;
  /** Some module owns a `.py` file: a Python project even without its build files. */
  ownsPython: boolean;
}

export function discoverySpec(spec: SpecTree): DiscoverySpec {
  const validation = spec.modules.map((m) => m.frontMatter["validation"]);
  return {
    layers: spec.layers.map((l) => l.id),
    modules: spec.modules.map((m) => ({ id: m.id, files: m.files, layer: m.layer })),
    frontMatterValidation: validation.some((v) => v !== undefined && v !== null),
    frontMatterModules: spec.modules.flatMap((m, i) => (validation[i] !== undefined && validation[i] !== null ? [m.id] : [])),
    frontMatterChecks: validation.some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === "object" && v !== null)),
    frontMatterRuns: spec.modules.flatMap((m, i) => frontMatterRuns(validation[i]).map((run) => ({ module: m.id, run }))),
    importRules: [...spec.modules, ...spec.layers].some((x) => x.allowedImports.length + x.forbiddenImports.length > 0),
    ownsPython: spec.modules.some((m) => m.files.some((f) => f.endsWith(".py"))),
  };
}

/**
 * Gates from the project itself, for a project that configured none: its test runner as the
 * system gate, each module's own tests (found by name) as its module gate, and the
 * architecture check as each layer's gate. A level that is configured anywhere (config or a
 * module's `validation:` front matter) is left to the configuration, whole; and no system gate
 * is discovered that runs the tests a configured module or layer gate runs (`mvn test`).
 */
export function planValidation(root: string, spec: SpecTree, config: DiscoveryConfig, kept?: readonly DiscoveredCheck[]): ValidationPlan {
  return validationOf(root, discoverySpec(spec), config, kept);
}

type DiscoveryConfig = GatesConfig & { gates?: GateLists & { discover?: boolean } };

/**
 * `planValidation` from what discovery reads of the tree. `kept`: the checks a run discovered as it
 * started (its `validation` event), used in place of what the project shows now: a resumed run
 * validates its last modules as it validated its first.
 */
export function validationOf(root: string, spec: DiscoverySpec, config: DiscoveryConfig, kept?: readonly DiscoveredCheck[]): ValidationPlan {
  const configured = configuredLevels(config, spec);
  const discoveryOff = config.gates?.discover === false;
  const notes: string[] = [];
  const found = discoveryOff ? [] : (kept ?? discoverChecks(root, spec, configured.includes("module") ? [] : notes));
  const discovered = found.filter((d) => !configured.includes(d.level) && !sameTestsAsConfigured(d, config, spec.frontMatterRuns ?? [], notes));
  const merged: GatesConfig = { ...config, gates: { ...config.gates }, modules: { ...config.modules } };
  for (const d of discovered) {
    if (d.level === "system") (merged.gates!.system ??= []).push(d.check);
    else if (d.level === "layer") merged.gates!.layer ??= [d.check];
    else merged.modules![d.target] = { gates: { module: [...(merged.modules![d.target]?.gates?.module ?? []), d.check] } };
  }
  const anyConfigured = configured.length > 0 && hasChecks(config, spec);
  const ungated = configured.includes("module") ? ungatedModules(spec, config) : [];
  return { config: merged, configured, discovered, discoveryOff, none: !anyConfigured && discovered.length === 0, notes, ungated };
}

/**
 * The modules left with no module gate by a module level configured for others only (one module's
 * `modules.x.gates`, a layer's, a spec's `validation:`): as the level is not discovered, their tests
 * would not run, and only the run's first lines can say so. An empty list configured is a choice, not this.
 */
function ungatedModules(spec: DiscoverySpec, config: GatesConfig): string[] {
  if (config.gates?.module) return [];
  // A plan kept before these were recorded: which modules are covered cannot be told.
  if (spec.frontMatterValidation && !spec.frontMatterModules) return [];
  const own = new Set(spec.frontMatterModules ?? []);
  const byLayer = (layer: string | undefined) => layer !== undefined && config.layers?.[layer]?.gates?.module !== undefined;
  if (Object.values(config.layers ?? {}).some((l) => l.gates?.module) && spec.modules.some((m) => m.layer === undefined)) return [];
  return spec.modules.filter((m) => !own.has(m.id) && config.modules?.[m.id]?.gates?.module === undefined && !byLayer(m.layer)).map((m) => m.id);
}

/** A discovered system gate running the tests a configured gate runs (src/validate/same-tests.ts): left out, and `notes` says why. */
function sameTestsAsConfigured(d: DiscoveredCheck, config: GatesConfig, specRuns: readonly SpecGateRun[], notes: string[]): boolean {
  const why = d.level === "system" && d.check.run ? sameTestsConfigured(d.check.run, config, specRuns) : undefined;
  if (why) notes.push(why);
  return why !== undefined;
}

/**
 * One line per fact, for the run's first lines, `plan` and the report. `modules`: those the run
 * covers (its plan's), when not every module of the tree: discovered module gates of others are not named.
 */
export function describeValidation(v: ValidationPlan, modules?: ReadonlySet<string>): string[] {
  if (v.none) return [`${NO_VALIDATION}: no gates in orchestrate.config.yaml${v.discoveryOff ? " and discovery is off (`gates.discover: false`)" : ", and no test runner found in the project"}; modules are done when their agent says so`];
  const lines: string[] = [];
  if (v.configured.length) lines.push(`gates configured: ${v.configured.join(", ")}`);
  const system = v.discovered.filter((d) => d.level === "system");
  for (const d of system) lines.push(`system gate discovered: \`${d.check.run}\` (from ${d.from})`);
  const own = v.discovered.filter((d) => d.level === "module" && (!modules || modules.has(d.target)));
  if (own.length) lines.push(`module gates discovered: ${own.map((d) => `${d.target} (${d.from})`).join(", ")}`);
  lines.push(...v.notes);
  const ungated = (v.ungated ?? []).filter((id) => !modules || modules.has(id));
  if (ungated.length) {
    const named = ungated.length > 8 ? `${ungated.slice(0, 8).join(", ")} and ${ungated.length - 8} more` : ungated.join(", ");
    lines.push(`no module gate for ${named}: module gates are configured for other modules only, and a configured level is not discovered (give them theirs in orchestrate.config.yaml, or set \`gates.module\` for every module)`);
  }
  if (v.discovered.some((d) => d.level === "layer")) lines.push("layer gates discovered: the architecture check of each layer's import rules");
  return lines;
}

function configuredLevels(config: GatesConfig, spec: DiscoverySpec): GateLevel[] {
  const levels: GateLevel[] = [];
  const layers = Object.values(config.layers ?? {});
  const modules = Object.values(config.modules ?? {});
  if (config.gates?.module || spec.frontMatterValidation || layers.some((l) => l.gates?.module) || modules.some((m) => m.gates?.module)) levels.push("module");
  if (config.gates?.layer || layers.some((l) => l.gates?.layer)) levels.push("layer");
  if (config.gates?.system) levels.push("system");
  return levels;
}

/** Whether any configured list holds a check (an empty list configures a level away). */
function hasChecks(config: GatesConfig, spec: DiscoverySpec): boolean {
  const lists = [config.gates, ...Object.values(config.layers ?? {}).map((l) => l.gates), ...Object.values(config.modules ?? {}).map((m) => m.gates)];
  if (lists.some((g) => (g?.module?.length ?? 0) + (g?.layer?.length ?? 0) + (g?.system?.length ?? 0) > 0)) return true;
  return spec.frontMatterChecks;
}

