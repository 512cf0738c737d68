import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Agent, AgentEvent } from "../agents/types.js";
import type { Discovery } from "../discover/index.js";
import type { Store } from "../store/types.js";
import type { Usage } from "../usage.js";
import { agentServerConfig } from "../agent-mcp/server-config.js";
import { DESCRIBE_RUN, describeKey, parseDescription, type ModuleDescription } from "../agent-mcp/describe-tools.js";
import { loadTemplate, renderTemplate } from "../run/prompt.js";

export interface DescribeOptions {
  /** Modules per attempt; a layer with more is described in batches. @default 12 */
  batch?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}

export interface Described {
  descriptions: Map<string, ModuleDescription>;
  /** Modules the model left undescribed, and ids it described that are no module. */
  missing: string[];
  unknown: string[];
  usage: Usage;
  attempts: number;
}

/**
 * The model pass of `init --from-code`: one read-only attempt per layer (or batch of it)
 * asks the agent to read the modules' code and hand back, through orchestrate's MCP tool
 * `describe_module`, each module's purpose, responsibilities and notes. The structure is
 * the static pass's and stays so: the model only describes, and anything it says about
 * structure goes into a module's notes. A batch the model left short is asked once more.
 */
export async function describeModules(root: string, discovery: Discovery, agent: Agent, store: Store, options: DescribeOptions = {}): Promise<Described> {
  const batch = options.batch ?? 12;
  const known = new Set(discovery.modules.map((m) => m.id));
  const usage: Usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  const dir = join(root, ".orchestrate", "init");
  mkdirSync(dir, { recursive: true });
  // Descriptions of an earlier init are not this one's: only what this pass records counts.
  for (const old of store.searchMemories({ tags: ["init"], limit: 100_000 })) if (old.key.startsWith("describe/")) store.deleteMemory(old.key);
  let attempts = 0;
  for (const layer of discovery.layers) {
    for (let i = 0; i < layer.modules.length; i += batch) {
      const ids = layer.modules.slice(i, i + batch);
      let previousError: string | undefined;
      for (let round = 0; round < 2; round++) {
        attempts++;
        const name = `${layer.id}-${i / batch + 1}-${round + 1}`;
        const prompt = renderTemplate(loadTemplate(root, "describe"), { layer: layer.id, modules: moduleList(discovery, ids), previousError });
        const promptFile = join(dir, `${name}.prompt.md`);
        writeFileSync(promptFile, prompt);
        const result = await agent.run(
          {
            runId: DESCRIBE_RUN,
            moduleId: `layer-${layer.id}`,
            layer: layer.id,
            attempt: round + 1,
            kind: "analyze",
            prompt,
            promptFile,
            attemptDir: join(dir, name),
            cwd: root,
            files: ids.flatMap((id) => discovery.modules.find((m) => m.id === id)!.files),
            specExcerpt: "",
            mcpServers: { orchestrate: agentServerConfig(root, DESCRIBE_RUN, `layer-${layer.id}`) },
            timeoutMs: options.timeoutMs ?? 600_000,
            readOnly: true,
          },
          { signal: options.signal ?? new AbortController().signal, emit: (e) => options.onEvent?.(e) },
        );
        usage.inputTokens += result.usage.inputTokens;
        usage.outputTokens += result.usage.outputTokens;
        usage.costUsd += result.usage.costUsd;
        const left = ids.filter((id) => !store.readMemory(describeKey(id)));
        if (left.length === 0 || result.cancelled) break;
        previousError = `No description was recorded for: ${left.join(", ")}. Call describe_module for each of them, with the id exactly as listed.${result.ok ? "" : ` The attempt ended with: ${result.error ?? "an error"}`}`;
      }
    }
  }
  const descriptions = new Map<string, ModuleDescription>();
  const unknown: string[] = [];
  for (const memory of store.searchMemories({ tags: ["init"], limit: 100_000 })) {
    const id = memory.key.replace(/^describe\//, "");
    if (!memory.key.startsWith("describe/")) continue;
    const parsed = parseDescription(memory.content);
    if (known.has(id)) {
      if (parsed) descriptions.set(id, parsed);
      continue;
    }
    // Ignored, so not kept either: a memory tagged with no module of the tree would stay behind (check warns MEMORY_MODULE_UNKNOWN).
    unknown.push(id);
    store.deleteMemory(memory.key);
  }
  const missing = discovery.modules.map((m) => m.id).filter((id) => !descriptions.has(id));
  return { descriptions, missing, unknown: unknown.sort(), usage, attempts };
}

/** The modules of one batch as the prompt lists them: id, files, what the code declares and imports. */
function moduleList(d: Discovery, ids: string[]): string {
  return ids
    .map((id) => {
      const m = d.modules.find((x) => x.id === id)!;
      const lines = [`- module \`${m.id}\``, `  files: ${m.files.map((f) => `\`${f}\``).join(", ")}`];
      if (m.tests.length) lines.push(`  tests: ${m.tests.map((f) => `\`${f}\``).join(", ")}`);
      if (m.dependsOn.length) lines.push(`  uses: ${m.dependsOn.join(", ")}`);
      if (m.provides.length) lines.push(`  declares: ${m.provides.slice(0, 15).join(", ")}`);
      if (m.doc) lines.push(`  its own words: ${m.doc}`);
      return lines.join("\n");
    })
    .join("\n");
}
