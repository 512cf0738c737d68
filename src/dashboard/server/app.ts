import { Hono, type Context } from "hono";
import type { LiveRuns } from "../../mcp/runs.js";
import type { Store } from "../../store/types.js";
import { OrchestrateError } from "../../errors.js";
import { reportJson } from "../../report/model.js";
import { runExtras, runGates, shownWorkOf } from "../../run/records.js";
import { shownRun } from "../../run/liveness.js";
import { runTimeOf } from "../../run/run-time.js";
import { withWorkspaceHead } from "../../run/workspace-view.js";
import { Actions } from "./actions.js";
import { CSP, PAGE, readAsset } from "./assets.js";
import { guard } from "./guard.js";
import type { InProcessRuns } from "./holder.js";
import { answerWrongMethods } from "./methods.js";
import { memoryView, moduleDetail } from "./module.js";
import { runDetail, runRows } from "./runs.js";
import { eventStream, startAfter, type StreamOptions } from "./stream.js";

export interface DashboardDeps {
  root: string;
  store: Store;
  token: string;
  port: () => number;
  /** Resumes runs in this process; also one of `inProcess`. */
  runs: LiveRuns;
  /** Runs of this process besides `runs`: the run `run --dashboard` drives. */
  inProcess?: InProcessRuns[];
  stream: StreamOptions;
  onError?: (error: unknown) => void;
}

/** The dashboard's routes: the page, its assets, the JSON API, the event stream and the two actions. */
export function dashboardApp(deps: DashboardDeps): Hono {
  const { store, root } = deps;
  const inProcess = [deps.runs, ...(deps.inProcess ?? [])];
  const actions = new Actions(store, inProcess, deps.runs);
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    c.header("content-security-policy", CSP);
  });
  app.use("*", guard({ token: deps.token, port: deps.port }));

  app.get("/", (c) => c.html(PAGE));
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/assets/:name", (c) => {
    const asset = readAsset(c.req.param("name"));
    if (!asset) return c.json({ error: "Not found" }, 404);
    return c.body(new Uint8Array(asset.body), 200, { "content-type": asset.type, "cache-control": "no-cache" });
  });

  app.get("/api/runs", (c) => c.json(runRows(store, inProcess, c.req.query("state") || undefined)));
  app.get("/api/runs/:id", (c) => {
    const detail = runDetail(store, c.req.param("id"), inProcess);
    return detail ? c.json(detail) : c.json({ error: `No run \`${c.req.param("id")}\` in this project` }, 404);
  });
  app.get("/api/runs/:id/modules/:module", (c) =>
    withRun(c, (run) => {
      const module = store.getModule(run.id, c.req.param("module"));
      return module ? c.json(moduleDetail(store, root, run, module, shownRun(store, run).gone ? runTimeOf(store, run, false).until : undefined)) : c.json({ error: `No module \`${c.req.param("module")}\` in run ${run.id}` }, 404);
    }),
  );
  app.get("/api/runs/:id/report", (c) =>
    withRun(c, async (run) => {
      // The run's workspace (its branch's head from git) and merges, as `orchestrate report` shows them.
      const extras = await withWorkspaceHead(runExtras(store, run.id, shownRun(store, run).gone), deps.root);
      return c.json(reportJson({ run: extras.gone ? { ...run, state: "interrupted" } : run, plan: run.plan, ...shownWorkOf(store, run.id, extras), gates: runGates(store, run.id), extras }));
    }),
  );
  app.get("/api/runs/:id/events", (c) => withRun(c, (run) => eventStream(c, store, run.id, startAfter(c), deps.stream)));
  app.post("/api/runs/:id/cancel", (c) => withRun(c, (run) => c.json(actions.cancel(run.id))));
  app.post("/api/runs/:id/resume", async (c) => {
    const run = store.getRun(c.req.param("id"));
    if (!run) return c.json({ error: `No run \`${c.req.param("id")}\`` }, 404);
    return c.json(await actions.resume(run.id, c.req.query("local") === "1"));
  });
  app.get("/api/memories", (c) => c.json(searchMemories(store, c.req.query("q") ?? "")));

  answerWrongMethods(app);
  app.notFound((c) => c.json({ error: `Not found: ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof OrchestrateError) return c.json({ error: error.message, code: error.code }, 409);
    deps.onError?.(error);
    return c.json({ error: "Internal error" }, 500);
  });

  function withRun(c: Context, body: (run: NonNullable<ReturnType<Store["getRun"]>>) => Response | Promise<Response>): Response | Promise<Response> {
    const run = store.getRun(c.req.param("id") ?? "");
    return run ? body(run) : c.json({ error: `No run \`${c.req.param("id")}\` in this project` }, 404);
  }
  return app;
}

/** Every word of `query` in the key, the content or a tag; newest first. */
function searchMemories(store: Store, query: string) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return store
    .listMemories()
    .filter((m) => {
      const text = `${m.key}\n${m.content}\n${m.tags.join(" ")}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map(memoryView);
}
