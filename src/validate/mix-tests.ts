import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * A module's ExUnit tests by `mix test <files>`. In an umbrella (apps/<app>/mix.exs) each app runs its
 * own tests from its folder, as `mix test` at the umbrella's root does app by app: `cd apps/shop_core &&
 * mix test test/cart_test.exs`, one such run an app. Undefined without an `_test.exs` file.
 */
export function mixTests(root: string, tests: readonly string[]): string | undefined {
  const byApp = new Map<string, string[]>();
  for (const t of tests) {
    if (!t.endsWith("_test.exs")) continue;
    const app = /^(apps\/[^/]+)\//.exec(t)?.[1];
    const dir = app && existsSync(join(root, app, "mix.exs")) ? app : "";
    byApp.set(dir, [...(byApp.get(dir) ?? []), dir ? t.slice(dir.length + 1) : t]);
  }
  const runs = [...byApp].map(([dir, files]) => `${dir ? `cd ${dir} && ` : ""}mix test ${files.join(" ")}`);
  if (runs.length <= 1) return runs[0];
  return runs.map((r) => (r.startsWith("cd ") ? `(${r})` : r)).join(" && ");
}
