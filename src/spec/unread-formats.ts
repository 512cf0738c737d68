import { readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import type { Warning } from "./types.js";
import { readCapped } from "../read-capped.js";
import { SPEC_MAX_BYTES } from "./limits.js";
import { ownsFiles } from "./subagent-modules.js";

const FORMATS: Record<string, string> = { rst: "reStructuredText", adoc: "AsciiDoc", asciidoc: "AsciiDoc", asc: "AsciiDoc", org: "Org", txt: "plain text", textile: "Textile", yaml: "YAML", yml: "YAML", json: "JSON", toml: "TOML" };
const OTHER = /\.(rst|adoc|asciidoc|asc|org|txt|textile|ya?ml|json|toml)$/i;
// A module's keys written as data (`billing.yaml` with `files:` and `depends_on:`): its front matter, in a Markdown spec.
const DATA = new Set(["yaml", "yml", "json", "toml"]);
// Named as a spec is: `CART_AGENT.rst`, `cart.agent.adoc`, `CORE_ORCHESTRATOR.rst`, `AGENT.rst`.
const SPEC_NAMED = /(?:^|_|\.)(?:AGENT|ORCHESTRATOR)\.\w+$/i;
const MAX_DEPTH = 6;

/**
 * `SPEC_NOT_READ` for specs written in a format other than Markdown under `.claude/layers` (a
 * `CART_AGENT.rst`, any such file in a modules/ folder, a `billing.yaml` of a module's keys that owns nothing; YAML and
 * JSON that say what they own are read, spec/yaml-specs.ts): only `.md` files are read otherwise, so without a
 * word the module would be missing from every plan with `check` clean.
 */
export function otherFormatSpecs(root: string): Warning[] {
  const warnings: Warning[] = [];
  const walk = (rel: string, depth: number, inModules: boolean) => {
    for (const e of entries(join(root, rel))) {
      if (e.name.startsWith(".")) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory() && depth < MAX_DEPTH) walk(path, depth + 1, inModules || e.name === "modules" || e.name === "agents");
      const ext = OTHER.exec(e.name)?.[1]?.toLowerCase();
      if (!e.isFile() || ext === undefined || !(SPEC_NAMED.test(e.name) || (inModules && ext !== "txt" && ext !== "json"))) continue;
      // A YAML spec in a modules/ or agents/ folder is read when it says what it owns (spec/yaml-specs.ts); one that does not is told how.
      if ((ext === "yaml" || ext === "yml" || ext === "json") && /\/(?:modules|agents)$/.test(rel)) {
        const text = readCapped(join(root, path), SPEC_MAX_BYTES)?.text;
        if (text === undefined || ownsFiles(text, true)) continue;
        // A JSON file there that owns nothing may be anything (a schema, fixtures): only one named as a spec comes here, and is told below.
        if (ext === "json") {
          warnings.push(notRead(rel, e.name, ext));
          continue;
        }
        warnings.push({ code: "SPEC_NOT_READ", message: "Not read: a module spec written as YAML is read when it says what the module owns: add `files:` (its paths, `files: [src/billing/]`) beside `depends_on:`", file: path });
        continue;
      }
      warnings.push(notRead(rel, e.name, ext));
    }
  };
  walk(".claude/layers", 1, false);
  return warnings;
}

function notRead(rel: string, name: string, ext: string): Warning {
  const md = DATA.has(ext) && !SPEC_NAMED.test(name) ? `${name.replace(OTHER, "").toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_AGENT.md` : name.replace(OTHER, ".md");
  const how =
    ext === "rst"
      ? ` (\`pandoc -f rst -t gfm ${name} -o ${md}\`)`
      : DATA.has(ext)
        ? " with its keys as YAML front matter between `---` lines (`files:` or `owns:` its paths, `depends_on:` its modules) and its rules as Markdown below"
        : " (`**Files**:` and `## Depends on` as a Markdown spec writes them)";
  return { code: "SPEC_NOT_READ", message: `Not read: specs are Markdown, and this is ${FORMATS[ext]}: write it as ${rel}/${md}${how}`, file: `${rel}/${name}` };
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}
