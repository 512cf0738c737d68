import { posix } from "node:path";
import type { DeclaredDependency } from "./declared.js";

/**
 * The projects a .csproj (in `dir`, project-relative) references: each `<ProjectReference Include="..\Shop.Domain\Shop.Domain.csproj" />`
 * (Windows' backslashes or not), by the referenced project's folder. MSBuild builds them first whether
 * or not a `using` names their namespace (a plugin found by scanning assemblies, extension methods
 * declared in another's namespace).
 */
export function projectReferences(path: string, text: string): DeclaredDependency[] {
  const dir = posix.dirname(path) === "." ? "" : posix.dirname(path);
  const self = posix.basename(path).replace(/\.\w+proj$/, "");
  const found: DeclaredDependency[] = [];
  // XML comments out: a reference commented away is none.
  for (const m of text.replace(/<!--[\s\S]*?-->/g, "").matchAll(/<ProjectReference\b[^>]*?\bInclude\s*=\s*["']([^"']+)["']/g)) {
    const target = posix.normalize(posix.join(dir || ".", m[1]!.replaceAll("\\", "/")));
    if (target.startsWith("../")) continue;
    const on = posix.dirname(target) === "." ? "" : posix.dirname(target);
    if (on !== dir) found.push({ dir, on, by: "the ProjectReference", names: [self, posix.basename(target).replace(/\.\w+proj$/, "")] });
  }
  return found;
}
