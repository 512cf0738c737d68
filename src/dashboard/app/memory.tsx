import { useEffect, useState } from "preact/hooks";
import type { MemoryView } from "../server/views.js";
import { getJson } from "./api.js";
import { when } from "./format.js";

/** The project memory agents read and write, searched by key, content and tags. */
export function MemoryPage() {
  const [query, setQuery] = useState("");
  const [memories, setMemories] = useState<MemoryView[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const timer = window.setTimeout(() => getJson<MemoryView[]>(`/api/memories?q=${encodeURIComponent(query)}`).then(setMemories, (e: Error) => setError(e.message)), 150);
    return () => window.clearTimeout(timer);
  }, [query]);
  return (
    <div class="memory-page">
      <div class="toolbar">
        <h1>Memory</h1>
        <input type="search" placeholder="search keys, content, tags" value={query} data-memory-search onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </div>
      {error && <p class="error">{error}</p>}
      {memories?.length === 0 && <p class="muted">No memories{query ? ` match “${query}”` : " yet"}.</p>}
      {memories?.map((m) => (
        <details key={m.key} class="memory" data-memory={m.key}>
          <summary><b>{m.key}</b> <span class="muted">{m.tags.join(" ")} · {when(m.updatedAt)}</span></summary>
          <pre>{m.content}</pre>
        </details>
      ))}
    </div>
  );
}
