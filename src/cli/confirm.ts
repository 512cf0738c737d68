import { createInterface } from "node:readline";
import type { Plan } from "../plan/types.js";
import { UsageError } from "../errors.js";

export interface ConfirmIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

/**
 * A run whose scope fell back to the whole system (`SCOPE_FALLBACK`) runs every module:
 * with an agent that costs money, that is asked for, never assumed. On a terminal the user
 * answers y/N; without one, `--yes` or `--scope` must say so. The offline `simulate` agent
 * costs nothing and is never stopped.
 * @throws UsageError when there is no terminal to ask and no `--yes`, or the answer is no.
 */
export async function confirmFallback(plan: Plan, agent: string, yes: boolean, io: ConfirmIo): Promise<void> {
  const fallback = plan.warnings.find((w) => w.code === "SCOPE_FALLBACK");
  if (!fallback || yes || agent === "simulate") return;
  const what = `The request matched no module, so the run would cover all ${plan.modules.length} modules with agent \`${agent}\``;
  const nearest = plan.analysis.nearest?.length ? ` (nearest: ${plan.analysis.nearest.join(", ")})` : "";
  if (!io.input.isTTY) {
    throw new UsageError(`${what}${nearest}. Pass --yes to run them all, or --scope module/<id> to narrow it`);
  }
  const rl = createInterface({ input: io.input, output: io.output });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(`${what}${nearest}. Run them all? [y/N] `, resolve);
      rl.once("close", () => resolve(""));
    });
    if (!/^y(?:es)?$/i.test(answer.trim())) throw new UsageError("Not run: pass --scope module/<id> to narrow the request, or --yes to run every module");
  } finally {
    rl.close();
  }
}
