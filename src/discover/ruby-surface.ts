/** `class Shop::Cart`, `module Shop`, and classes made by a constant: `Line = Struct.new(...)`, `Point = Data.define(...)`. */
const DECLARATION = /^(\s*)(?:(class|module)\s+([A-Z]\w*(?:::[A-Z]\w*)*)|([A-Z]\w*)\s*=\s*(?:Struct\.new|Data\.define|Class\.new|Module\.new)\b)/;
const DEF = /^(\s*)(?:(private|protected|public|module_function)\s+)?def\s+(?:self\s*\.\s*)?([A-Za-z_]\w*[?!=]?)/;
const ATTR = /^\s*attr_(?:reader|writer|accessor)\s*\(?\s*(:\w+(?:\s*,\s*:\w+)*)/;
/** `private` alone on a line: the methods after it at its indent are not public. */
const SECTION = /^(\s*)(private|protected|public)\s*$/;
/** `private :helper, :other` and `private_class_method :build`. */
const MADE_PRIVATE = /^\s*(?:private|protected|private_class_method)\s*\(?\s*(:\w+[?!=]?(?:\s*,\s*:\w+[?!=]?)*)/;
/** Comments that are settings, not prose: `# frozen_string_literal: true`, `# rubocop:disable ...`. */
const MAGIC = /^#\s*(?:frozen_string_literal|encoding|coding|typed|warn_indent|shareable_constant_value|-\*-|rubocop:)/i;

/**
 * A Ruby file's public names, from masked source: its classes and modules by their last name
 * (`Shop::Cart` is `Cart`; a module counts where it defines methods itself, so the namespace
 * `module Shop` around `class Cart` is not counted in each file), its methods (`def`, `def self.`) other
 * than `initialize` and those made private or protected, and its `attr_*` attributes.
 * Nesting is read from indentation, as Ruby code is written.
 */
export function rubySurface(masked: string): string[] {
  const names: string[] = [];
  const hidden = new Set<string>();
  const lines = masked.split("\n");
  let privateAt: number | undefined;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const indent = line.length - line.trimStart().length;
    if (privateAt !== undefined && indent < privateAt) privateAt = undefined;
    const declaration = DECLARATION.exec(line);
    if (declaration) {
      if (declaration[2] === "module" && !definesMethods(lines, i, indent)) return;
      names.push((declaration[3] ?? declaration[4]!).split("::").at(-1)!);
      return;
    }
    const section = SECTION.exec(line);
    if (section) {
      privateAt = section[2] === "public" ? undefined : indent;
      return;
    }
    const def = DEF.exec(line);
    if (def) {
      if (def[2] === "private" || def[2] === "protected" || privateAt === indent || def[3] === "initialize") return;
      names.push(def[3]!);
      return;
    }
    const attr = ATTR.exec(line);
    if (attr) for (const name of attr[1]!.split(",")) names.push(name.trim().slice(1));
    const made = MADE_PRIVATE.exec(line);
    if (made) for (const name of made[1]!.split(",")) hidden.add(name.trim().slice(1));
  });
  return [...new Set(names)].filter((n) => !hidden.has(n));
}

/** Whether the module declared on line `at` has a `def` directly in its body (not only in the classes it holds). */
function definesMethods(lines: string[], at: number, indent: number): boolean {
  let body: number | undefined;
  for (let j = at + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (!line.trim()) continue;
    const own = line.length - line.trimStart().length;
    if (own <= indent) return false;
    body ??= own;
    if (own === body && DEF.test(line)) return true;
  }
  return false;
}

/**
 * The first comment block of a Ruby file that says something: above its first class or module
 * (often inside a namespace module) or at its top; magic comments, blank lines and `require`s
 * before it are passed over. Undefined when code comes first.
 */
export function rubyDoc(head: string): string | undefined {
  const block: string[] = [];
  for (const line of head.split("\n")) {
    const text = line.trim();
    if (text.startsWith("#") && !MAGIC.test(text)) {
      block.push(text.replace(/^#+\s?/, ""));
      continue;
    }
    if (block.length) return block.join(" ");
    if (!text || MAGIC.test(text) || /^(?:require(?:_relative)?\b|module\s|class\s)/.test(text)) continue;
    return undefined;
  }
  return block.length ? block.join(" ") : undefined;
}
