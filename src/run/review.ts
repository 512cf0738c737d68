import { readFileSync } from "node:fs";
import { mkdirPrivate, redact, writePrivate } from "../redact/index.js";
import { join } from "node:path";
import type { Agent } from "../agents/types.js";
import type { PlanModule } from "../plan/types.js";
import type { CheckConfig, CheckResult } from "../validate/types.js";
import { loadTemplate, renderTemplate } from "./prompt.js";
import { ProjectPaths } from "./paths.js";

const REJECTED = /^\s*(?:\**\s*)?(?:reject|rejected|changes requested)\b/i;

/**
 * A `review` check: the run's agent reads the module (read-only) and answers
 * APPROVE or REJECT on its first line. A rejection fails the check, with the review as output.
 */
export function reviewWith(agent: Agent, root: string, timeoutMs: number) {
  const paths = new ProjectPaths(root);
  return (module: PlanModule, signal: AbortSignal, cwd = root) =>
    async (check: CheckConfig): Promise<CheckResult> => {
      const started = performance.now();
      const dir = join(paths.dir, "reviews", module.id);
      mkdirPrivate(dir);
      const promptFile = join(dir, `${Date.now()}-${check.name.replace(/[^\w-]+/g, "_")}.prompt.md`);
      let spec = module.specText ?? "";
      try {
        if (module.specText === undefined) spec = readFileSync(join(root, module.spec), "utf8");
      } catch {
        /* a missing spec is reviewed without it */
      }
      const prompt = redact(renderTemplate(loadTemplate(root, "review"), { module: module.id, layer: module.layer, files: module.files.map((f) => `- ${f}`).join("\n"), specFile: module.spec, spec }));
      writePrivate(promptFile, prompt);
      const result = await agent.run(
        { runId: "review", moduleId: module.id, layer: module.layer, attempt: 1, kind: "review", prompt, promptFile, attemptDir: dir, cwd, files: module.files, specExcerpt: spec, mcpServers: {}, timeoutMs: check.timeoutMs ?? timeoutMs, readOnly: true },
        { signal, emit: () => undefined },
      );
      const durationMs = Math.round(performance.now() - started);
      const base = { name: check.name, kind: "review" as const, blocking: check.blocking ?? true, durationMs };
      if (!result.ok) return { ...base, ok: false, message: `review failed: ${(result.error ?? "").split("\n")[0]}`, output: result.error ?? "" };
      const rejected = REJECTED.test(result.summary);
      return { ...base, ok: !rejected, message: rejected ? `rejected: ${result.summary.split("\n")[0]!.replace(REJECTED, "").replace(/^[\s:*-]+/, "")}` : "approved", output: result.summary };
    };
}
