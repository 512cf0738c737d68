import type { GatesConfig } from "./config.js";
import type { CheckConfig, GateLevel } from "./types.js";

/** Words that start a command through another one: `npx jest` runs jest, `uv run pytest` pytest. */
const LAUNCHERS: Record<string, number> = { npx: 1, env: 1, exec: 1, time: 1, nice: 1 };
const LAUNCHER_PAIRS = new Set(["uv run", "poetry run", "pipenv run", "pdm run", "hatch run", "bundle exec", "pnpm exec", "yarn dlx", "python -m", "python3 -m", "dotnet tool"]);
/** A build tool's phases and tasks that run the project's unit tests (Maven's lifecycle runs `test` before `package`, `verify`, `install`). */
const TEST_STEPS: Record<string, ReadonlySet<string>> = {
  mvn: new Set(["test", "package", "verify", "install", "deploy"]),
  gradle: new Set(["test", "check", "build"]),
};
/** Programs whose first word after them says what they do (`cargo test`, `npm run lint`). */
const SUBCOMMANDS = new Set(["npm", "pnpm", "yarn", "bun", "cargo", "go", "make", "dotnet", "mix", "bazel", "bazelisk", "sbt", "swift", "rake", "deno", "just", "task", "nx", "turbo", "composer", "tox", "nox", "bundle"]);
const WRAPPERS: Record<string, string> = { mvnw: "mvn", gradlew: "gradle", python3: "python", bazelisk: "bazel" };

/**
 * What test run each simple command of `command` is, as `mvn test`, `npm test`, `cargo test` or
 * `pytest`: the program (wrappers and launchers seen through) and what it was asked to do. Flags
 * and the modules, files or tests chosen are left out: `mvn -B -q test -pl core` is `mvn test`.
 */
export function testRunsOf(command: string): Set<string> {
  const runs = new Set<string>();
  for (const segment of command.split(/&&|\|\||[;|\n]/)) {
    let words = segment.trim().split(/\s+/).filter((w) => w !== "" && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    for (;;) {
      const first = words[0] ?? "";
      if (LAUNCHERS[first] !== undefined) words = words.slice(LAUNCHERS[first]);
      else if (LAUNCHER_PAIRS.has(`${first} ${words[1] ?? ""}`)) words = words.slice(2);
      else break;
    }
    const [head, ...rest] = words;
    if (head === undefined || head === "cd") continue;
    const base = head.split("/").at(-1)!;
    const program = WRAPPERS[base] ?? base;
    const steps = TEST_STEPS[program];
    const args = rest.filter((w) => !w.startsWith("-"));
    // A Gradle project's task (`:core:test`) or a plugin's goal (`surefire:test`) by its last part.
    if (steps) runs.add(args.some((w) => steps.has(w) || steps.has(w.split(":").at(-1)!)) ? `${program} test` : `${program} ${args[0] ?? ""}`.trim());
    else if (SUBCOMMANDS.has(program)) {
      const sub = args.find((w) => w !== "run" && w !== "run-script") ?? "";
      runs.add(`${program} ${sub === "t" ? "test" : sub}`.trim());
    } else runs.add(program);
  }
  return runs;
}

/** The configured command checks at each level: module and layer gates, of the project and of each layer and module. */
function configuredChecks(config: GatesConfig): { level: GateLevel; check: CheckConfig }[] {
  const lists = [config.gates, ...Object.values(config.layers ?? {}).map((l) => l.gates), ...Object.values(config.modules ?? {}).map((m) => m.gates)];
  return lists.flatMap((g) => (["module", "layer"] as const).flatMap((level) => (g?.[level] ?? []).filter((c) => c.kind === "command" && c.run).map((check) => ({ level, check }))));
}

/** A module's command check from its spec's `validation:` front matter: the run of its module gate. */
export interface SpecGateRun {
  module: string;
  run: string;
}

/**
 * The command lines of the checks in a module's `validation:` front matter, a list of checks or
 * `{ module: [...] }`, read loosely: the front matter is validated, with its line, by
 * validate/front-matter.ts; what is not a command check here is simply none.
 */
export function frontMatterRuns(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === "object" && value !== null ? (value as { module?: unknown }).module : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    const check = c as { kind?: unknown; run?: unknown } | null;
    return check?.kind === "command" && typeof check.run === "string" && check.run.trim() !== "" ? [check.run] : [];
  });
}

/**
 * Why a discovered system gate `run` is left out, or undefined to keep it: a configured module or
 * layer gate already runs the same tests (`mvn test`, whatever modules or flags it picks), in
 * orchestrate.config.yaml or in a module's `validation:` front matter (`specRuns`). Added, it
 * would run them again over the whole project (when the gates run them all) or run what the
 * user chose not to (when they run some: `-pl core`, a marker, a folder). `gates.system` still sets one.
 */
export function sameTestsConfigured(run: string, config: GatesConfig, specRuns: readonly SpecGateRun[] = []): string | undefined {
  const runs = testRunsOf(run);
  const hint = "(set `gates.system` in orchestrate.config.yaml to run one over the whole project)";
  for (const { level, check } of configuredChecks(config)) {
    const same = [...testRunsOf(check.run!)].find((r) => runs.has(r));
    if (same) return `system gate \`${run}\` not discovered: the configured ${level} gate \`${check.run}\` runs \`${same}\` already ${hint}`;
  }
  for (const { module, run: gate } of specRuns) {
    const same = [...testRunsOf(gate)].find((r) => runs.has(r));
    if (same) return `system gate \`${run}\` not discovered: module \`${module}\`'s \`validation:\` front matter gate \`${gate}\` runs \`${same}\` already ${hint}`;
  }
  return undefined;
}
