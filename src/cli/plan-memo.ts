import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plan } from "../plan/types.js";
import type { TaskType } from "../analyze/types.js";
import type { SpecTree } from "../spec/types.js";
import type { PlanForExtras } from "./render/plan-extras.js";
import type { Config } from "../config/schema.js";
import type { ConfigSource } from "../config/source.js";
import { discoverySpec, type DiscoverySpec } from "../validate/discover.js";

/**
 * What `plan` keeps of a plan it printed, under its spec tree's key (spec/recall.ts), so a
 * second `plan` of the same request over an unchanged tree prints it without reading,
 * parsing, resolving or planning anything: the plan as printed (rendering a plan of 10,000
 * modules costs less than reading the plan back would), what its validation lines read of
 * it, and what validation discovery reads of the tree. Validation itself is discovered again
 * each time: it reads the project's files and config, not only the specs.
 */
export interface PlanMemo {
  /** UTF-8: written out as it is, never decoded. */
  text: Uint8Array;
  /** The type, and the plan's modules (each with its benchmark, for optimize) unless it covers the whole tree. */
  extras: PlanForExtras & { everyModule: boolean };
  /** With its modules as UTF-8 JSON: they are read only when the project has a test runner, and 10,000 of them cost more to deserialise than the rest of the memo. */
  spec: Omit<DiscoverySpec, "modules"> & { modules: Uint8Array };
  /** The config file then and the config parsed from it: while the file is the same, it is not parsed again (js-yaml and zod are a third of a `plan`'s start-up). */
  config: { source: ConfigSource | null; config: Config };
}

export interface MemoRequest {
  request: string;
  type?: TaskType;
  scope?: string;
  /** The text is kept as printed, with or without colour. */
  colors: boolean;
}

/**
 * The name a plan is kept under: the request as given, and the code that turns a tree and
 * a request into a plan (analysis, planning, front matter validation) and a config file into
 * a config, so that a change of that code, like an upgrade, never serves what it would no
 * longer make. The spec parser's own code is in the tree's key already.
 */
export function memoName(r: MemoRequest): string {
  return JSON.stringify(["plan", planCodeStamp(), r.request, r.type ?? null, r.scope ?? null, r.colors]);
}

export function memoOf(text: string, plan: Plan, spec: SpecTree, config: PlanMemo["config"]): PlanMemo {
  const type = plan.analysis.type;
  // A plan of the whole tree keeps no module list: 10,000 of them would cost more to read back than the rest of the memo.
  const everyModule = plan.modules.length === spec.modules.length;
  const modules = type === "optimize" || !everyModule ? plan.modules.map((m) => ({ id: m.id, ...(m.benchmark ? { benchmark: m.benchmark } : {}) })) : [];
  const discovery = discoverySpec(spec);
  return { text: Buffer.from(text), extras: { analysis: { type }, modules, everyModule }, spec: { ...discovery, modules: Buffer.from(JSON.stringify(discovery.modules)) }, config };
}

/** What validation discovery reads of the memo's tree; the modules are parsed when first read. */
export function keptDiscovery(memo: PlanMemo): DiscoverySpec {
  const { modules, ...rest } = memo.spec;
  let parsed: DiscoverySpec["modules"] | undefined;
  return {
    ...rest,
    get modules() {
      return (parsed ??= JSON.parse(Buffer.from(modules.buffer, modules.byteOffset, modules.byteLength).toString()) as DiscoverySpec["modules"]);
    },
  };
}

/** The config the memo holds, when the project's config file is still the one it was parsed from. */
export function keptConfig(memo: PlanMemo, now: ConfigSource | undefined): Config | undefined {
  const then = memo.config.source;
  return (now === undefined && then === null) || (now !== undefined && then !== null && now.name === then.name && now.text === then.text) ? memo.config.config : undefined;
}

export function isPlanMemo(value: unknown): value is PlanMemo {
  const memo = value as PlanMemo | undefined;
  return typeof memo === "object" && memo !== null && memo.text instanceof Uint8Array && Array.isArray(memo.extras?.modules) && typeof memo.extras.everyModule === "boolean" && memo.spec?.modules instanceof Uint8Array && Array.isArray(memo.spec.layers) && typeof memo.spec.ownsPython === "boolean" && typeof memo.config?.config === "object";
}

/** Folders and files, under the compiled code's root, whose code makes a plan from a loaded tree. */
const PLAN_CODE = ["analyze", "plan", "validate/front-matter", "validate/config", "config", "sandbox/options", "agents/presets", "agents/names", "timer", "package"];

let stamp: string | undefined;

/** A hash of the code that makes a plan from a loaded tree and a request (`PLAN_CODE`): what a plan is kept under, with the tree. */
export function planCodeStamp(): string {
  if (stamp === undefined) {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
    const hash = createHash("sha256");
    for (const part of PLAN_CODE) {
      const dir = join(root, part);
      const files = isDir(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f)) : [`${dir}${ext}`];
      for (const file of files) hash.update(file.slice(root.length)).update(readFileSync(file));
    }
    stamp = hash.digest("hex").slice(0, 16);
  }
  return stamp;
}

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
