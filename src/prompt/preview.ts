import type { AttemptKind } from "../agents/types.js";
import type { Plan, PlanModule } from "../plan/types.js";
import { UsageError } from "../errors.js";
import { redact } from "../redact/index.js";
import { moduleSpecText, renderPrompt } from "../run/attempt.js";
import type { PromptVars } from "../run/prompt.js";
import { buildContext, type SectionName } from "./context.js";
import { presentInstructionFiles } from "./instructions.js";
import { countTokens, ENCODING } from "./tokens.js";

/** The prompt a module's first attempt would get, and what it is made of. */
export interface PromptPreview {
  module: string;
  prompt: string;
  /** Tokens of the whole prompt, counted in `encoding`. */
  tokens: number;
  encoding: string;
  maxTokens: number;
  /** Tokens per part; `template` is the rest (instructions, request, file list). */
  sections: Record<SectionName | "template", number>;
  /** What the budget left out. */
  cut: string[];
  /** The project's instruction files left out because the agent reads them itself. */
  agentReads: string[];
  /** Who reads them: "Claude Code reads itself (...)". */
  agentReadsWhy?: string;
}

const KIND: Record<Plan["analysis"]["type"], AttemptKind> = { implement: "implement", debug: "fix", refactor: "refactor", analyze: "analyze", optimize: "optimize", general: "general" };

/**
 * Renders the prompt `moduleId` would get as the first attempt of `plan`, exactly as the
 * run builds it (same context builder, template and redaction), with its tokens counted.
 * `gateCommands`: the run's hook naming the module gate's commands (RunHooks.gateCommands).
 * `first` gives the workflow's first attempt (kind, template, values) when it is not the type's own.
 * Throws `UsageError` when the module is not in the plan.
 */
export function previewPrompt(args: { root: string; plan: Plan; moduleId: string; maxTokens: number; first?: ((module: PlanModule) => { kind: AttemptKind; template?: string; vars?: PromptVars }) | undefined; memoriesFor?: ((module: PlanModule, request: string) => string | undefined) | undefined; memoriesOf?: ((asks: readonly { module: PlanModule; request: string }[]) => (string | undefined)[]) | undefined; agentReads?: readonly string[] | undefined; agentReadsWhy?: string | undefined; gateCommands?: ((module: PlanModule) => string[]) | undefined }): PromptPreview {
  const { plan, moduleId } = args;
  const module = plan.modules.find((m) => m.id === moduleId);
  if (!module) throw new UsageError(`Expected \`--prompt\` to name a module of the plan (${plan.modules.slice(0, 8).map((m) => m.id).join(", ")}${plan.modules.length > 8 ? ", ..." : ""}), got \`${moduleId}\``);
  const context = buildContext({ root: args.root, module, request: plan.request, modules: new Map(plan.modules.map((m) => [m.id, m])), external: plan.external, memoriesFor: args.memoriesFor, memoriesOf: args.memoriesOf, maxTokens: args.maxTokens, agentReads: args.agentReads, gates: args.gateCommands?.(module) });
  // The workflow's first attempt (debug's diagnosis with the log, ...), else the type's own kind.
  const first = args.first?.(module) ?? { kind: KIND[plan.analysis.type] };
  const input = { runId: "preview", request: plan.request, module, n: 1, kind: first.kind, timeoutMs: 0, context: context.vars, ...(first.template ? { template: first.template } : {}), ...(first.vars ? { vars: first.vars } : {}) };
  const prompt = redact(renderPrompt(args.root, input, moduleSpecText(args.root, module)));
  const tokens = countTokens(prompt);
  const v = context.vars;
  const sections = {
    spec: countTokens(v.spec ?? ""),
    task: countTokens(v.task ?? "") + countTokens(v.acceptance ?? "") + countTokens(v.tests ?? "") + countTokens(v.gates ?? ""),
    instructions: countTokens(v.instructions ?? ""),
    dependencies: countTokens(v.dependencies ?? ""),
    memory: countTokens(v.memories ?? ""),
  };
  const template = Math.max(0, tokens - sections.spec - sections.task - sections.instructions - sections.dependencies - sections.memory);
  return { module: moduleId, prompt, tokens, encoding: ENCODING, maxTokens: args.maxTokens, sections: { ...sections, template }, cut: context.cut, agentReads: presentInstructionFiles(args.root, args.agentReads ?? []), ...(args.agentReadsWhy ? { agentReadsWhy: args.agentReadsWhy } : {}) };
}

/** `1234 tokens (cl100k_base; budget 12000 ...): spec 500 (40%) · task 0 (0%) · dependencies ... · template 60 (5%)`, instructions only when there are some. */
export function describePreview(p: PromptPreview): string {
  const share = (n: number) => `${p.tokens ? Math.round((100 * n) / p.tokens) : 0}%`;
  const s = p.sections;
  const instructions = s.instructions ? ` · instructions ${s.instructions} (${share(s.instructions)})` : "";
  const lines = [`${p.tokens} tokens (${p.encoding}; budget ${p.maxTokens} for spec, task, ${s.instructions ? "instructions, " : ""}dependencies and memory): spec ${s.spec} (${share(s.spec)}) · task ${s.task} (${share(s.task)})${instructions} · dependencies ${s.dependencies} (${share(s.dependencies)}) · memory ${s.memory} (${share(s.memory)}) · template ${s.template} (${share(s.template)})`];
  if (p.cut.length) lines.push(`Cut to fit: ${p.cut.join("; ")}`);
  if (p.agentReads.length) lines.push(`Left out: ${p.agentReads.join(", ")}, which ${p.agentReadsWhy ?? "the agent reads itself"}`);
  return lines.join("\n");
}
