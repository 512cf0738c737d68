import type { PlanModule } from "../plan/types.js";
import type { RunContext } from "./context.js";
import { gateLayer } from "./layer-gates.js";
import { blockDependents, runModule } from "./module-runner.js";
import { relayAgentProgress } from "./relay.js";

/**
 * Modules started between turns of the event loop. An agent that answers at once (simulate
 * at 0 ms, a replay) keeps the run on microtasks only: the store's group would not commit,
 * listeners would not be told and a signal would not be handled until the run ended, every
 * event held in memory meanwhile (23 MB at 10,000 modules). Not a turn per module: each
 * turn commits, and a commit per module costs CPU.
 */
const MODULES_PER_TURN = 256;

/**
 * Modules `concurrency` at a time as the scheduler hands them out, each layer's gate
 * once the layer is done, until nothing runs and nothing can start. A failed layer
 * gate is added to `failures`.
 */
export async function runLoop(ctx: RunContext, layerFixRounds: number, failures: string[]): Promise<void> {
  const { plan, scheduler, runId } = ctx;
  const modules = new Map<string, Promise<void>>();
  const gates = new Map<string, Promise<void>>();
  const gated = new Set<string>();
  const relay = relayAgentProgress(ctx, ctx.progressPollMs);
  let wave = -1;
  let started = 0;
  let turnAt = 0;
  while (!ctx.halted()) {
    const current = scheduler.lowestWave;
    // Only under the `waves` barrier: `ready` starts a module the moment its dependencies are done,
    // so a later wave's modules run before an earlier one ends and a "wave N" header would misstate the order.
    if (ctx.options.schedule === "waves" && current !== wave && current < plan.waves.length) ctx.emit({ type: "wave", runId, wave: (wave = current) + 1, modules: plan.waves[current]! });
    // By index: a turn of this loop for each module that ends, where (below TurboFan, src/cli/heap.ts) a for-of allocates an iterator and a result per element.
    const next = scheduler.next(ctx.options.concurrency - modules.size);
    for (let i = 0; i < next.length; i++) {
      const id = next[i]!;
      scheduler.set(id, "running");
      started++;
      modules.set(id, startModule(ctx, ctx.byId.get(id)!).finally(() => modules.delete(id)));
    }
    for (let i = 0; i < plan.layers.length; i++) {
      const layer = plan.layers[i]!;
      // A read-only run changed nothing for a layer gate to check (and its fix round would write).
      if (gated.has(layer.id) || ctx.workflow.readOnly || !scheduler.layerDone(layer.id)) continue;
      gated.add(layer.id);
      const gate = gateLayer(ctx, layer.id, layerFixRounds).then((r) => {
        if (r && !r.ok && !r.cancelled && !r.passedOld) failures.push(`layer gate ${layer.id} failed`);
      });
      gates.set(layer.id, gate.finally(() => gates.delete(layer.id)));
    }
    if (modules.size === 0 && gates.size === 0) break;
    await Promise.race([...modules.values(), ...gates.values()]);
    if (started - turnAt >= MODULES_PER_TURN) {
      turnAt = started;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await Promise.all([...modules.values(), ...gates.values()]);
  clearInterval(relay);
}

/** A module's attempts in the workflow of the task type, or its failure when the workflow says it cannot start. */
async function startModule(ctx: RunContext, module: PlanModule): Promise<void> {
  const plan = await ctx.workflow.attempts(ctx, module);
  if (typeof plan !== "string") return runModule(ctx, module, plan);
  ctx.setState(module, "failed", plan);
  blockDependents(ctx, module.id);
}
