import type { ModuleSpec, SpecTree } from "../../src/spec/types.js";

/** A SpecTree built in memory: `modules` as `id: layer <- dep, dep`. */
export function tree(modules: string[], layerOrder: string[] = []): SpecTree {
  const parsed: ModuleSpec[] = modules.map((line) => {
    const [head, deps = ""] = line.split("<-");
    const [id, layer] = head!.split(":").map((s) => s.trim()) as [string, string];
    return {
      id,
      layer,
      specFile: `.claude/layers/${layer}/modules/${id.toUpperCase()}_AGENT.md`,
      fields: {},
      files: [`src/${layer}/${id}.py`],
      primaryFile: `src/${layer}/${id}.py`,
      dependencies: deps.split(",").map((d) => d.trim()).filter(Boolean).map((d) => ({ id: d, via: "list" as const, file: "x", line: 1 })),
      provides: [],
      allowedImports: [],
      forbiddenImports: [],
      frontMatter: {},
      body: "",
    };
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
