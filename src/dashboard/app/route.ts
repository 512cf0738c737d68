import { useEffect, useState } from "preact/hooks";

export type Route = { page: "runs" } | { page: "run"; runId: string; moduleId?: string } | { page: "memory" };

/** `#/runs`, `#/runs/<run>`, `#/runs/<run>/<module>`, `#/memory`: the hash keeps the server's one page. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "memory") return { page: "memory" };
  if (parts[0] === "runs" && parts[1]) return { page: "run", runId: parts[1], ...(parts[2] ? { moduleId: parts[2] } : {}) };
  return { page: "runs" };
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
