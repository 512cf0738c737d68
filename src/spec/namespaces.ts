import { posix } from "node:path";

/**
 * The namespaces C# or PHP files declare and the types (and PHP functions) each declares, read
 * from masked source: what a `using Shop.Core;` or `use App\Domain\Money;` names, since neither
 * language ties a namespace to a folder. C# is case-sensitive; PHP's names are not.
 */
export class Namespaces {
  private readonly files = new Map<string, string[]>();
  private readonly types = new Map<string, Set<string>>();
  private readonly declared = new Map<string, string[]>();

  constructor(readonly language: "csharp" | "php") {}

  /** Adds a file by its masked source. */
  add(file: string, masked: string): this {
    const spaces: string[] = [];
    const names = new Set<string>();
    const declaration = this.language === "csharp" ? CSHARP_NAMESPACE : PHP_NAMESPACE;
    const type = this.language === "csharp" ? CSHARP_TYPE : PHP_TYPE;
    for (const m of masked.matchAll(declaration)) spaces.push(this.key(m[1]!.replace(/\s+/g, "")));
    for (const m of masked.matchAll(type)) names.add(this.key(m[1]!));
    // A PHP file without a namespace is in the global one.
    if (spaces.length === 0) spaces.push("");
    this.declared.set(file, spaces);
    this.types.set(file, names);
    for (const ns of spaces) this.files.set(ns, [...(this.files.get(ns) ?? []), file]);
    return this;
  }

  /** The namespaces a file declares ("" for the global one). */
  namespacesOf(file: string): string[] {
    return this.declared.get(file) ?? [];
  }

  /**
   * Files a name imports: a namespace's files (`Shop.Core`); else a type or function in a
   * namespace (`Shop.Core.Money`, `App\Domain\Money`): the namespace's files that declare it, else
   * the one named for it (`Money.cs`). Nothing for a name the project does not declare.
   */
  resolve(name: string): string[] {
    const sep = this.language === "csharp" ? "." : "\\";
    const full = this.key(name);
    const whole = this.language === "csharp" ? this.files.get(full) : undefined;
    if (whole) return whole;
    const cut = full.lastIndexOf(sep);
    const ns = cut < 0 ? "" : full.slice(0, cut);
    const last = full.slice(cut + 1);
    const inside = this.files.get(ns) ?? [];
    const declaring = inside.filter((f) => this.types.get(f)!.has(last));
    if (declaring.length) return declaring;
    const named = inside.filter((f) => this.key(posix.basename(f).replace(/\.[^.]+$/, "")) === last);
    if (named.length) return named;
    // PHP's `use App\Domain;` names a namespace to qualify names by (`Domain\Money`).
    return this.language === "php" ? (this.files.get(full) ?? []) : [];
  }

  private key(name: string): string {
    return this.language === "php" ? name.replace(/^\\/, "").toLowerCase() : name;
  }
}

// `namespace Shop.Core;` (file-scoped) and `namespace Shop.Core {`.
const CSHARP_NAMESPACE = /^[ \t]*namespace\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)/gm;
const CSHARP_TYPE = /\b(?:class|struct|interface|record|enum|delegate\s+[\w<>[\],.?\s]{1,200}?)\s+([A-Za-z_]\w*)/g;
const PHP_NAMESPACE = /^[ \t]*namespace\s+\\?([A-Za-z_][\w\\]*)\s*[;{]/gm;
// Classes, interfaces, traits and enums anywhere; functions and constants only at the top level (a method is indented).
const PHP_TYPE = /(?:\b(?:class|interface|trait|enum)\s+|^function\s+&?\s*|^const\s+)([A-Za-z_]\w*)/gm;
