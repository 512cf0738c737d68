import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { AttemptRecord, EventRecord, ModuleRecord, RunRecord, Store } from "../../store/types.js";
import { planOf } from "../../report/records.js";
import { shownWork } from "../../run/liveness.js";
import { redact } from "../../redact/index.js";
import { failureOf } from "./failure.js";
import type { AttemptDetail, MemoryView, ModuleDetail, ToolCall } from "./views.js";

/** A prompt past this many characters is cut: the page shows it, it does not page through it. */
const PROMPT_LIMIT = 200_000;

/** `/api/runs/<id>/modules/<module>`: everything the run recorded about one module. */
export function moduleDetail(store: Store, root: string, run: RunRecord, recorded: ModuleRecord, cutAt?: number): ModuleDetail {
  const planned = planOf(run)?.modules.find((m) => m.id === recorded.moduleId);
  // As `status` shows it: nothing still running once the run's process is gone (`cutAt`: its last recorded step).
  const { modules: [module = recorded], attempts } = shownWork([recorded], store.getAttempts(run.id, recorded.moduleId), cutAt);
  const events = store.getEvents(run.id).filter((e) => e.moduleId === module.moduleId);
  const last = attempts.at(-1);
  const failure = last && failureOf(root, last);
  return {
    runId: run.id,
    id: module.moduleId,
    layer: module.layer,
    state: module.state,
    ...(module.reason ? { reason: module.reason } : {}),
    dependsOn: planned?.dependsOn ?? [],
    ...(planned ? { spec: planned.spec } : {}),
    files: planned?.files ?? [],
    attempts: attempts.map((a, i) => attemptDetail(root, a, attempts[i - 1], events, store.getAttemptText(run.id, a.moduleId, a.n).prompt)),
    ...(failure ? { failure } : {}),
    todos: store.readTodos(run.id, module.moduleId).map((t) => ({ content: t.content, status: t.status })),
    memories: store.listMemories({ tags: [`module:${module.moduleId}`] }).map(memoryView),
  };
}

export function memoryView(m: { key: string; content: string; tags: string[]; runId?: string; updatedAt: number }): MemoryView {
  return { key: m.key, content: m.content, tags: [...m.tags], ...(m.runId ? { runId: m.runId } : {}), updatedAt: m.updatedAt };
}

/** `kept`: the prompt in the store; a run from before prompts were kept there has it as a file. */
function attemptDetail(root: string, a: AttemptRecord, previous: AttemptRecord | undefined, events: EventRecord[], kept: string | undefined): AttemptDetail {
  const gate = a.gates;
  const mine = events.filter((e) => e.at >= a.startedAt && (a.endedAt === undefined || e.at <= a.endedAt));
  const prompt = kept === undefined ? readPrompt(root, a.promptPath) : cut(kept);
  return {
    n: a.n,
    kind: a.kind,
    agent: a.agent,
    state: a.state,
    ...(prompt !== undefined ? { prompt } : {}),
    promptPath: a.promptPath,
    ...(a.summary ? { summary: a.summary } : {}),
    ...(a.error ? { error: a.error } : {}),
    ...(previous?.error ? { previousError: previous.error } : {}),
    filesChanged: [...a.filesChanged],
    usage: { ...a.usage },
    ...(gate ? { gate } : {}),
    ...(a.worker ? { worker: a.worker } : {}),
    startedAt: a.startedAt,
    endedAt: a.endedAt ?? null,
    durationMs: a.endedAt === undefined ? null : a.endedAt - a.startedAt,
    tools: mine.flatMap(toolCall),
    progress: mine.filter((e) => e.type === "agent:progress").map((e) => ({ at: e.at, message: String((e.data as { message?: unknown }).message ?? "") })),
  };
}

function toolCall(e: EventRecord): ToolCall[] {
  if (e.type !== "agent") return [];
  const event = (e.data as { event?: { type?: string; name?: string; input?: unknown } }).event;
  if (event?.type !== "tool") return [];
  const input = event.input === undefined ? "" : JSON.stringify(event.input);
  return [{ at: e.at, name: event.name ?? "", summary: input.length > 300 ? `${input.slice(0, 300)}…` : input }];
}

function readPrompt(root: string, path: string): string | undefined {
  try {
    return redact(cut(readFileSync(isAbsolute(path) ? path : join(root, path), "utf8")));
  } catch {
    return undefined;
  }
}

function cut(text: string): string {
  return text.length > PROMPT_LIMIT ? `${text.slice(0, PROMPT_LIMIT)}\n… (cut at ${PROMPT_LIMIT} characters)` : text;
}
