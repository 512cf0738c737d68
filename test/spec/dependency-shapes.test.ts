import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import type { SpecTree } from "../../src/spec/types.js";
import { makeProject } from "../helpers/project.js";

/** Dependencies written in the shapes people write them in, beside the documented "Depends On" list. */

const CORE = ".claude/layers/core/modules";
const WEB = ".claude/layers/web/modules";

/** Base modules: `users` provides `UserRepo`. */
const BASE: Record<string, string> = {
  ".claude/system/SYSTEM_ORCHESTRATOR.md": "# System\n\nLayers: core, then web.\n",
  [`${CORE}/USERS_AGENT.md`]: "# Users\n\n**Module**: `app/core/users.py`\n\n## Provides\n- `UserRepo`\n",
  [`${CORE}/AUTH_AGENT.md`]: "# Auth\n\n**Module**: `app/core/auth.py`\n",
  [`${CORE}/SESSIONS_AGENT.md`]: "# Sessions\n\n**Module**: `app/core/sessions.py`\n",
};

function load(extra: Record<string, string>): SpecTree {
  return loadSpec(makeProject({ ...BASE, ...extra }));
}

function deps(spec: SpecTree, id: string): string[] {
  return spec.modules.find((m) => m.id === id)!.dependencies.map((d) => d.id).sort();
}

function warningsOf(spec: SpecTree, file: string): [string, number | undefined][] {
  return spec.warnings.filter((w) => w.file === file).map((w) => [w.code, w.line]);
}

describe("dependency headings and fields in other spellings", () => {
  it("a `## Dependencies` heading: module ids are dependencies, packages beside them are no warning", () => {
    const file = `${WEB}/ROUTES_AGENT.md`;
    const spec = load({ [file]: "# Routes\n\n**Module**: `app/web/routes.py`\n\n## 🔗 Dependencies\n- auth\n- `sessions` for the cookie\n- fastapi\n- pydantic>=2\n" });
    expect(deps(spec, "routes")).toEqual(["auth", "sessions"]);
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("a `### Requires` heading with a table: its rows are dependencies, its header row is no reference", () => {
    const file = `${WEB}/ROUTES_AGENT.md`;
    const spec = load({ [file]: "# Routes\n\n**Module**: `app/web/routes.py`\n\n### Requires\n\n| Module | Why |\n|---|---|\n| auth | tokens |\n| users | lookups |\n" });
    expect(deps(spec, "routes")).toEqual(["auth", "users"]);
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("a table under `Depends On`: the header row is not read as a module name", () => {
    const file = `${CORE}/SESSIONS_AGENT.md`;
    const spec = load({ [file]: "# Sessions\n\n**Module**: `app/core/sessions.py`\n\n## Depends On\n\n| Module | Reason |\n|--------|--------|\n| users  | looks users up |\n" });
    expect(deps(spec, "sessions")).toEqual(["users"]);
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("bold fields near the top: `**Depends On**:`, `**Dependencies**:`, `**Requires**:` with a list", () => {
    const spec = load({
      [`${WEB}/A_AGENT.md`]: "# A\n**Module**: `app/web/a.py`\n**Depends On**: `auth`, `sessions`\n",
      [`${WEB}/B_AGENT.md`]: "# B\n**Module**: `app/web/b.py`\n**Dependencies**: users, auth, requests\n",
      [`${WEB}/C_AGENT.md`]: "# C\n**Module**: `app/web/c.py`\n\n**Requires**:\n- sessions\n- users\n",
      [`${WEB}/D_AGENT.md`]: "# D\n**Module**: `app/web/d.py`\n**Depends On**: ghost\n",
      [`${WEB}/E_AGENT.md`]: "# E\n**Module**: `app/web/e.py`\n**Depends On**: None\n",
    });
    expect(deps(spec, "a")).toEqual(["auth", "sessions"]);
    expect(deps(spec, "b")).toEqual(["auth", "users"]);
    expect(deps(spec, "c")).toEqual(["sessions", "users"]);
    // The documented field names no module: a warning with its line; `requests` under the looser `Dependencies` is none.
    expect(warningsOf(spec, `${WEB}/D_AGENT.md`)).toEqual([["UNRESOLVED_DEPENDENCY", 3]]);
    expect(warningsOf(spec, `${WEB}/B_AGENT.md`)).toEqual([]);
    expect(warningsOf(spec, `${WEB}/E_AGENT.md`)).toEqual([]);
  });

  it("headings of what depends on this module, and of packages, are not its dependencies", () => {
    const file = `${CORE}/SESSIONS_AGENT.md`;
    const body = "## Depends On\n- users\n\n### Used By\n- auth\n\n## Dependencies\n\n### External packages\n- auth\n";
    const spec = load({ [file]: `# Sessions\n\n**Module**: \`app/core/sessions.py\`\n\n${body}` });
    expect(deps(spec, "sessions")).toEqual(["users"]);
  });

  it("`Dependencies (Imports Allowed)` stays import rules, not dependencies", () => {
    const spec = load({ [`${WEB}/A_AGENT.md`]: "# A\n**Module**: `app/web/a.py`\n\n## Dependencies (Imports Allowed)\n- auth\n" });
    expect(deps(spec, "a")).toEqual([]);
  });
});

describe("a module named in the ways people name it", () => {
  it("a link to its spec, its agent name in CamelCase, layer-qualified, `module/<id>`, its spec path", () => {
    const file = `${WEB}/ROUTES_AGENT.md`;
    const items = ["[Auth](../../core/modules/AUTH_AGENT.md) for tokens", "`SessionsAgent`", "`core/users`", "`module/auth`", "`.claude/layers/core/modules/SESSIONS_AGENT.md`"];
    const spec = load({ [file]: `# Routes\n\n**Module**: \`app/web/routes.py\`\n\n## Depends On\n${items.map((i) => `- ${i}`).join("\n")}\n` });
    expect(deps(spec, "routes")).toEqual(["auth", "sessions", "users"]);
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("module ids in backticks in the Depends On prose", () => {
    const file = `${WEB}/JOBS_AGENT.md`;
    const spec = load({ [file]: "# Jobs\n**Module**: `app/web/jobs.py`\n\n## Depends On\nThis module uses `auth` for tokens and `sessions` for state.\n" });
    expect(deps(spec, "jobs")).toEqual(["auth", "sessions"]);
    expect(warningsOf(spec, file)).toEqual([]);
  });

  it("front matter `dependencies`, `requires` and `depends-on` are read as `depends_on`, by the same names", () => {
    const spec = load({
      [`${WEB}/A_AGENT.md`]: "---\ndependencies: [auth]\n---\n# A\n**Module**: `app/web/a.py`\n",
      [`${WEB}/B_AGENT.md`]: "---\nrequires:\n  - users\n---\n# B\n**Module**: `app/web/b.py`\n",
      [`${WEB}/C_AGENT.md`]: "---\ndepends-on: auth, sessions\n---\n# C\n**Module**: `app/web/c.py`\n",
      [`${WEB}/D_AGENT.md`]: "---\ndepends_on: [AUTH_AGENT, SessionsAgent]\n---\n# D\n**Module**: `app/web/d.py`\n",
    });
    expect(deps(spec, "a")).toEqual(["auth"]);
    expect(deps(spec, "b")).toEqual(["users"]);
    expect(deps(spec, "c")).toEqual(["auth", "sessions"]);
    expect(deps(spec, "d")).toEqual(["auth", "sessions"]);
    expect(spec.warnings.filter((w) => w.code === "UNRESOLVED_DEPENDENCY")).toEqual([]);
  });
});
