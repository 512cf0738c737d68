/** `Order`, `Billing::Invoice`: a constant as code writes it (not a symbol `:Order`, a call `.Order` or an absolute `::Order`). */
const REFERENCE = /(?<![\w:.@$])([A-Z]\w*(?:::[A-Z]\w*)*)/g;
/** A class or module line: the name it declares is no reference; what follows `<` is. */
const DECLARATION = /^(\s*)(?:class|module)\s+([A-Z]\w*(?:::[A-Z]\w*)*)/;
/** Folders whose files autoload by name: each folder of a Rails `app/` (and its `concerns/`), and `lib/`. */
const AUTOLOAD_ROOT = /^(?:(.*\/)?app\/[^/]+\/(?:concerns\/)?|(.*\/)?lib\/)/;

/**
 * Ruby code that loads by name, as Rails and Zeitwerk do: `app/models/order.rb` is `Order`,
 * `app/services/billing/invoice.rb` `Billing::Invoice`, `lib/tally/file_store.rb`
 * `Tally::FileStore`. A constant a file uses is the file of that name, looked up from the
 * innermost namespace the file declares outward, as Ruby looks it up (`Entry` inside
 * `module Tally; module Ledger` is `Tally::Ledger::Entry` when there is one, else
 * `Tally::Entry`, else `Entry`). Names no project file defines (`ActiveRecord::Base`, `CSV`)
 * are left out; a name two files map to is no one's.
 */
export class RubyConstants {
  private readonly files = new Map<string, string | null>();

  constructor(paths: Iterable<string>) {
    for (const path of paths) {
      const root = AUTOLOAD_ROOT.exec(path);
      if (!root || !path.endsWith(".rb")) continue;
      const name = path.slice(root[0].length, -3).split("/").map(camelize).join("::");
      this.files.set(name, this.files.has(name) && this.files.get(name) !== path ? null : path);
    }
  }

  /** The project files of the constants a file's masked source uses. */
  references(masked: string): string[] {
    return [...new Set(this.uses(masked).map((u) => u.file))];
  }

  /** Each constant a file's masked source uses that a project file defines: as written, its file, and its line (1-based). */
  uses(masked: string): { name: string; file: string; line: number }[] {
    if (this.files.size === 0) return [];
    const found: { name: string; file: string; line: number }[] = [];
    const scopes = namespaces(masked);
    masked.split("\n").forEach((line, i) => {
      const declared = DECLARATION.exec(line);
      const rest = declared ? line.slice(declared[0].length) : line;
      for (const m of rest.matchAll(REFERENCE)) {
        const file = this.lookUp(m[1]!, scopes);
        if (file) found.push({ name: m[1]!, file, line: i + 1 });
      }
    });
    return found;
  }

  private lookUp(name: string, scopes: string[]): string | undefined {
    for (const scope of scopes) {
      const file = this.files.get(scope ? `${scope}::${name}` : name);
      if (file) return file;
    }
    return undefined;
  }
}

/** `file_store` -> `FileStore`. */
const camelize = (segment: string) => segment.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The namespaces a file declares (`Tally::Ledger::Book`, `Tally::Ledger`, `Tally`), innermost first, then the top level (""). Nesting by indentation. */
function namespaces(masked: string): string[] {
  const open: { indent: number; name: string }[] = [];
  const found = new Set<string>();
  for (const line of masked.split("\n")) {
    const m = DECLARATION.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (open.length && open.at(-1)!.indent >= indent) open.pop();
    const name = open.length ? `${open.at(-1)!.name}::${m[2]!}` : m[2]!;
    open.push({ indent, name });
    const parts = name.split("::");
    for (let n = parts.length; n > 0; n--) found.add(parts.slice(0, n).join("::"));
  }
  return [...[...found].sort((a, b) => b.split("::").length - a.split("::").length), ""];
}
