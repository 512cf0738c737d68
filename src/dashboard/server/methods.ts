import type { Hono } from "hono";

/**
 * Answers a request to one of `app`'s paths with a method it has no route for 405, naming the
 * methods it takes (`Allow`), where Hono answers 404 as for a path that does not exist. Call it
 * after the routes: it reads them, and Hono tries routes in the order they were added.
 */
export function answerWrongMethods(app: Hono): void {
  const methods = new Map<string, Set<string>>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue; // middleware
    const taken = methods.get(route.path) ?? new Set<string>();
    taken.add(route.method);
    // Hono answers HEAD from the GET route.
    if (route.method === "GET") taken.add("HEAD");
    methods.set(route.path, taken);
  }
  for (const [path, taken] of methods) {
    const allow = [...taken].join(", ");
    app.all(path, (c) => c.json({ error: `Method not allowed: ${c.req.method} ${c.req.path}; expected ${allow}` }, 405, { allow }));
  }
}
