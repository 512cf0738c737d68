import { openStore } from "../../store/open.js";
import { serveDashboard, type Dashboard } from "./serve.js";
import type { InProcessRuns } from "./holder.js";
import { projectToken } from "./token.js";

/** What the CLI's `dashboard` and `run --dashboard` start: the project's dashboard, on its own store connection. */
export async function openDashboard(root: string, port: number, options: { inProcess?: InProcessRuns[]; onError?: (error: unknown) => void } = {}): Promise<Dashboard> {
  // Its own connection: it reads while the run writes, and outlives (or predeceases) the run's store.
  const store = openStore(root);
  try {
    const dashboard = await serveDashboard({ root, store, token: projectToken(root), port, ...options });
    return {
      ...dashboard,
      async close() {
        await dashboard.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
