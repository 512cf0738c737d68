import { moduleById } from "../spec/by-id.js";
import type { SpecTree } from "../spec/types.js";
import type { GatesConfig } from "./config.js";
import type { FrontMatterReaders } from "./front-matter-readers.js";
import type { CheckConfig, GateLevel } from "./types.js";
import { expandPath } from "./command.js";

/**
 * The checks of one gate. The most specific list that is set replaces the others whole
 * (lists are not merged, so a module can drop a check; an empty list means no checks):
 * - module gate: the module's front matter `validation:` (a list, or `{ module: [...] }`),
 *   then `modules.<id>.gates.module`, then `layers.<layer>.gates.module`, then `gates.module`;
 * - layer gate: `layers.<id>.gates.layer`, then `gates.layer`;
 * - system gate: `gates.system`.
 * `config` is taken as validated; front matter is read by `readers.checks`, which validates it
 * (ConfigError naming the spec file).
 */
export function checksFor(level: GateLevel, target: string, config: GatesConfig, spec: SpecTree, readers: Pick<FrontMatterReaders, "checks">): CheckConfig[] {
  let list: CheckConfig[] | undefined;
  if (level === "module") {
    const module = moduleById(spec, target);
    list =
      (module && readers.checks(module.frontMatter["validation"], module.specFile)) ??
      config.modules?.[target]?.gates?.module ??
      (module ? config.layers?.[module.layer]?.gates?.module : undefined) ??
      config.gates?.module;
  } else if (level === "layer") {
    list = config.layers?.[target]?.gates?.layer ?? config.gates?.layer;
  } else {
    list = config.gates?.system;
  }
  return (list ?? []).map((check) => ({ ...check }));
}

/**
 * The command lines a module's gate runs (its `command` checks, as `checksFor` picks them), with
 * `{module}`, `{layer}` and `{files}` written out: what its attempt's prompt tells the agent to run.
 */
export function moduleGateCommands(module: { id: string; layer: string; files: readonly string[] }, config: GatesConfig, spec: SpecTree, readers: Pick<FrontMatterReaders, "checks">): string[] {
  const vars = { module: module.id, layer: module.layer, files: [...module.files] };
  return checksFor("module", module.id, config, spec, readers).flatMap((c) => (c.kind === "command" && c.run ? [expandPath(c.run, vars)] : []));
}
