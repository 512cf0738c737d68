/** How a dependency was found, strongest first (DESIGN.md, "Dependencies"). */
export type DependencySource = "front-matter" | "list" | "import" | "symbol" | "diagram";

export interface Dependency {
  /** Module id depended on. */
  id: string;
  via: DependencySource;
  /** Spec file (relative to the project root) and 1-based line that declared it. */
  file: string;
  line: number;
}

/** A non-fatal finding while reading specs or planning. */
export interface Warning {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

export interface ImportRule {
  /** Module path or prefix as written (`pkg.ui`, `src/ui`, `react`). */
  pattern: string;
  file: string;
  line: number;
  /** `pattern` is a layer's id and names every module of that layer: a rule a system or layer spec writes in prose (spec/layer-rules.ts). */
  layer?: true;
}

export interface ModuleSpec {
  /** `ORDER_BOOK_AGENT.md` -> `order_book`. */
  id: string;
  layer: string;
  /** Spec file relative to the project root, `/`-separated. */
  specFile: string;
  /** Header fields as written (`Type`, `Layer`, `Module`, `Orchestrator`, ...). */
  fields: Record<string, string>;
  /** Primary file from the `Module` field, when given. */
  primaryFile?: string;
  /** Owned files: primary file, Related Files and front matter `owns`, in that order, unique. */
  files: string[];
  /** Resolved dependencies, unique by id, strongest source kept. */
  dependencies: Dependency[];
  /**
   * Spec line of each owned file and folder as written (after normalising), for messages
   * such as "not yet present"; absent for trees built in memory.
   */
  fileLines?: Record<string, number>;
  /**
   * Logger names the spec declares: a `**Logger**:` field, `getLogger("DATA.SCHWAB")` in its
   * code blocks, and for `getLogger(__name__)` the dotted path of each owned Python file.
   */
  loggers?: string[];
  /** Names declared under the "Provides" heading. */
  provides: string[];
  allowedImports: ImportRule[];
  forbiddenImports: ImportRule[];
  /** Front matter as parsed (empty object when absent). */
  frontMatter: Record<string, unknown>;
  /** Text of the spec file, without front matter; used to build prompts (with its parts after it, when it has any). */
  body: string;
  /**
   * Files beside a folder's spec that it links as its parts (spec/spec-parts.ts), read as part of it, each
   * with where its lines start among the module's: a line (`fileLines`, a dependency's) past one is that part's.
   */
  parts?: { file: string; line: number }[];
}

export interface LayerSpec {
  id: string;
  /** `<LAYER>_ORCHESTRATOR.md`, relative to the project root, when present. */
  specFile?: string;
  /** `CORE_ORCHESTRATOR` when the layer has an orchestrator spec. */
  orchestrator?: string;
  /** Module ids in file-name order. */
  modules: string[];
  allowedImports: ImportRule[];
  forbiddenImports: ImportRule[];
}

export interface CrossCuttingSpec {
  /** `VALIDATION_ORCHESTRATOR` */
  name: string;
  specFile: string;
}

export interface SystemSpec {
  specFile?: string;
  /** Layer ids in the order their names first appear in SYSTEM_ORCHESTRATOR.md. */
  layerOrder: string[];
  crossCutting: CrossCuttingSpec[];
  body: string;
  /**
   * The layer order a Mermaid graph between layers draws (spec/diagram-layers.ts), where it is:
   * no import rule, but `plan` and `check` warn when it contradicts the order the layers are planned and checked in.
   */
  drawnLayers?: { order: string[]; file: string; line: number };
}

export interface SpecTree {
  /** Absolute project root (the folder holding `.claude/`). */
  root: string;
  system: SystemSpec;
  /** Layers in folder-name order (the plan orders them). */
  layers: LayerSpec[];
  /** Modules in layer then file-name order. */
  modules: ModuleSpec[];
  warnings: Warning[];
  /** What was read from where a user may not expect it (a Mermaid graph's dependencies): not problems; `check` lists them. */
  notes?: Warning[];
  /**
   * Files found on disk under the modules' owned folders (`strategies/`, `src/ui/**`),
   * relative to the root; read by `loadSpec`, absent for trees built in memory.
   */
  projectFiles?: string[];
}
