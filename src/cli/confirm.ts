import type { Plan } from "../plan/types.js";
import { UsageError } from "../errors.js";

export interface ConfirmIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

/**
 * A run whose scope fell back to the whole system (`SCOPE_FALLBACK`) runs every module, and
 * one scoped to a module read from a misspelled word (`SCOPE_SPELLING`) runs a guess: with an
 * agent that costs money, either is asked for, never assumed. On a terminal the user
 * answers y/N; without one, `--yes` or `--scope` must say so. The offline `simulate` agent
 * costs nothing and is never stopped.
 * @throws UsageError when there is no terminal to ask and no `--yes`, or the answer is no.
 */
export async function confirmFallback(plan: Plan, agent: string, yes: boolean, io: ConfirmIo): Promise<void> {
  const fallback = plan.warnings.find((w) => w.code === "SCOPE_FALLBACK");
  // A module read from a misspelled word is a guess: a paid run on it is asked for too.
  const typo = plan.analysis.evidence?.find((e) => e.source === "spelling");
  if ((!fallback && !typo) || yes || agent === "simulate") return;
  const nearest = plan.analysis.nearest?.length ? ` (nearest: ${plan.analysis.nearest.join(", ")})` : "";
  const ask = typo
    ? { what: `The request names no module; \`${typo.words[0]}\` was read as module \`${typo.target}\`, so the run would cover it with agent \`${agent}\``, question: "Run it?", no: "Pass --yes to run it, or --scope module/<id> (or --scope system) to say which", refused: "Not run: pass --scope module/<id> (or --scope system) to say which, or --yes to run it" }
    : { what: `The request matched no module, so the run would cover all ${plan.modules.length} modules with agent \`${agent}\`${nearest}`, question: "Run them all?", no: "Pass --yes to run them all, or --scope module/<id> to narrow it", refused: "Not run: pass --scope module/<id> to narrow the request, or --yes to run every module" };
  if (!io.input.isTTY) {
    throw new UsageError(`${ask.what}. ${ask.no}`);
  }
  // Loaded to ask, not with the module: every run loads this one, and Node's readline is ~1 ms of compiling builtins.
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: io.input, output: io.output });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(`${ask.what}. ${ask.question} [y/N] `, resolve);
      rl.once("close", () => resolve(""));
    });
    if (!/^y(?:es)?$/i.test(answer.trim())) throw new UsageError(ask.refused);
  } finally {
    rl.close();
  }
}
