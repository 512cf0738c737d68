import type { ModuleSpec, SpecTree } from "../../src/spec/types.js";

/** A module spec with nothing but its id, layer, files and dependencies set. */
export function bareModule(id: string, layer: string, files: string[], deps: string[] = []): ModuleSpec {
  return {
    id,
    layer,
    specFile: `.claude/layers/${layer}/modules/${id.toUpperCase()}_AGENT.md`,
    fields: {},
    ...(files[0] ? { primaryFile: files[0] } : {}),
    files,
    dependencies: deps.map((d) => ({ id: d, via: "list" as const, file: "x", line: 1 })),
    provides: [],
    allowedImports: [],
    forbiddenImports: [],
    frontMatter: {},
    body: "",
  };
}

/** A SpecTree built in memory: `modules` as `id: layer <- dep, dep`. */
export function tree(modules: string[], layerOrder: string[] = []): SpecTree {
  const parsed: ModuleSpec[] = modules.map((line) => {
    const [head, deps = ""] = line.split("<-");
    const [id, layer] = head!.split(":").map((s) => s.trim()) as [string, string];
    return bareModule(id, layer, [`src/${layer}/${id}.py`], deps.split(",").map((d) => d.trim()).filter(Boolean));
  });
  const layerIds = [...new Set(parsed.map((m) => m.layer))].sort();
  return {
    root: "/project",
    system: { specFile: ".claude/system/SYSTEM_ORCHESTRATOR.md", layerOrder, crossCutting: [], body: "" },
    layers: layerIds.map((id) => ({ id, modules: parsed.filter((m) => m.layer === id).map((m) => m.id), allowedImports: [], forbiddenImports: [] })),
    modules: parsed,
    warnings: [],
  };
}
