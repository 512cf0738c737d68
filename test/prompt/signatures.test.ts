import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pythonSignatures } from "../../src/prompt/signatures-py.js";
import { typescriptSignatures } from "../../src/prompt/signatures-ts.js";
import { rustSignatures } from "../../src/prompt/signatures-rs.js";
import { providesSection } from "../../src/spec/provides-section.js";
import { moduleSignatures } from "../../src/prompt/signatures.js";
import { makeProject } from "../helpers/project.js";

describe("pythonSignatures", () => {
  it("reads def/class lines with whole signatures, decorators, dataclass fields and docstring first lines; skips private names, nested defs, code under top-level blocks and strings", () => {
    const text = [
      '"""Module doc.\ndef fake(): pass\n"""',
      "@dataclass(frozen=True)",
      "class Posting:",
      '    """One line of an entry.',
      "",
      '    More."""',
      "    account: str",
      "    _cache: dict = {}",
      "    @classmethod",
      '    def debit(cls, account: str, memo: str = "):") -> "Posting":',
      "        return cls(account)",
      "    def _private(self): pass",
      "    def __init__(self,",
      "                 a: int,",
      "                 b: dict[str, int] = {},",
      "                 ) -> None:",
      "        def inner(): pass",
      "",
      "x = 1",
      "if x:",
      "    def sneaky(self): pass",
      "def validate_entry(entry: JournalEntry, chart: ChartOfAccounts) -> None:",
      "    '''Raise the first broken rule.'''",
      '    s = "def nope(): pass"',
      "",
      "async def fetch(url): ...",
      "def _hidden(): pass",
      "class _Private:",
      "    def visible(self): pass",
    ].join("\n");
    expect(pythonSignatures(text)).toEqual([
      "@dataclass(frozen=True)",
      "class Posting  # One line of an entry.",
      "    account: str",
      "    @classmethod",
      '    def debit(cls, account: str, memo: str = "):") -> "Posting"',
      "    def __init__(self, a: int, b: dict[str, int] = {}) -> None",
      "def validate_entry(entry: JournalEntry, chart: ChartOfAccounts) -> None  # Raise the first broken rule.",
      "async def fetch(url)",
    ]);
  });
});

describe("typescriptSignatures", () => {
  it("gives exported declarations without bodies, public class members only", () => {
    const text = `export async function load<T>(path: string, opts?: { a: number }): Promise<T> { return x; }
export class Store<K> extends Base implements I {
  private secret = 1;
  #hidden = 2;
  readonly name: string;
  constructor(public root: string) { super(); }
  static open(path: string): Store<string> { return new Store(path); }
  get size(): number { return 1; }
  protected inner(): void {}
}
export interface Options { a: number; b?: string }
export const make = (a: number, b = 2): number => a + b;
export { a as b, c };
function notExported() {}
`;
    expect(typescriptSignatures(text, "x.ts")).toEqual([
      "export async function load<T>(path: string, opts?: { a: number }): Promise<T>",
      "export class Store<K> extends Base implements I",
      "  readonly name: string",
      "  constructor(public root: string)",
      "  static open(path: string): Store<string>",
      "  get size(): number",
      "export interface Options { a: number; b?: string }",
      "export const make = (a: number, b = 2): number => …",
      "export { a as b, c };",
    ]);
  });
});

describe("rustSignatures", () => {
  const text = [
    "//! Seed trays and their cells.",
    "use std::fmt;",
    "",
    "/// A tray of cells.",
    "#[derive(Debug, Clone)]",
    "pub struct Tray<T> {",
    "    cells: Vec<T>,",
    "}",
    "pub struct Cell(pub u8);",
    "pub(crate) fn helper() {}",
    "fn private() {}",
    "",
    "impl<T: Clone + Into<String>> Tray<T> {",
    "    /// A tray of `n` empty cells.",
    "    pub fn new(",
    "        n: usize,",
    "    ) -> Self {",
    "        let s = \"pub fn fake() {\";",
    "        Tray { cells: Vec::with_capacity(n) }",
    "    }",
    "    pub async fn sow(&mut self, seed: T) -> Result<(), String> where T: Send { Ok(()) }",
    "    fn count_empty(&self) -> usize { 0 }",
    "    pub(crate) fn reset(&mut self) {}",
    "}",
    "",
    "impl fmt::Display for Cell {",
    "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, \"{}\", self.0) }",
    "}",
    "",
    "pub trait Watering {",
    "    fn water(&mut self, ml: u32);",
    "    fn dry(&self) -> bool { false }",
    "}",
    "// pub fn commented() {}",
    "pub fn open(path: &str) -> Tray<String> { Tray::new(4) }",
  ].join("\n");

  it("gives top-level `pub` items and the methods of impl blocks and public traits as `Type::method(args) -> Ret`, without private or `pub(crate)` ones", () => {
    expect(rustSignatures(text)).toEqual([
      "pub struct Tray<T>",
      "pub struct Cell(pub u8)",
      "Tray::new(n: usize) -> Self",
      "async Tray::sow(&mut self, seed: T) -> Result<(), String> where T: Send",
      "Cell::fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result  // impl fmt::Display",
      "pub trait Watering",
      "Watering::water(&mut self, ml: u32)",
      "Watering::dry(&self) -> bool",
      "pub fn open(path: &str) -> Tray<String>",
    ]);
  });

  it("ends on any text, unbalanced braces, brackets and attributes included", () => {
    const pieces = fc.constantFrom("pub fn f(", ")", "{", "}", "impl X {", "impl A for B", "#[", "]", ";", "pub trait T {", "fn g()", "\n", " ", "'a", "\"", "//", "/*", "*/");
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => Array.isArray(rustSignatures(parts.join("")))));
  });

  it("are given for a dependency's Rust files in its dependents' prompts", () => {
    const root = makeProject({ "src/tray.rs": text, "tests/tray.rs": "pub fn in_a_test() {}\n" });
    const found = moduleSignatures(root, ["src/tray.rs", "tests/tray.rs"]);
    expect(found.map((f) => f.file)).toEqual(["src/tray.rs"]);
    expect(found[0]!.signatures).toContain("Tray::new(n: usize) -> Self");
  });
});

describe("providesSection", () => {
  it("is the section under a Provides heading (emoji allowed) up to the next heading of its level, ignoring fenced headings", () => {
    const spec = "# M\n\n## 📤 Provides\n\n- `A` — one\n```python\n# not a heading\n```\n### Detail\nmore\n\n## Rules\nx\n";
    expect(providesSection(spec)).toBe("- `A` — one\n```python\n# not a heading\n```\n### Detail\nmore");
    expect(providesSection("# M\n## Rules\n")).toBeUndefined();
  });

  it("is a `**Provides:**` field's value or the list below it, in a spec with no Provides heading", () => {
    expect(providesSection("# M\n\n**Provides:**\n\n- `Alpha` — the ledger\n- `beta(x)`\n\n**Rules:** none\n")).toBe("- `Alpha` — the ledger\n- `beta(x)`");
    expect(providesSection("# M\r\n**Provides**: `Alpha`, `beta()`\r\n\r\nMore prose.\r\n")).toBe("`Alpha`, `beta()`");
    expect(providesSection("# M\n\n**Provides:**\n\nprose, not a list\n")).toBeUndefined();
    // The heading wins over a field elsewhere.
    expect(providesSection("**Provides:** `Old`\n\n## Provides\n- `New`\n")).toBe("- `New`");
  });

  it("finds what running both expressions on every line found, for any mix of headings, fences and line ends", () => {
    const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
    const FENCE = /^[ \t]*(```+|~~~+)/;
    const PROVIDES = /^[^\p{L}\p{N}]*provides?\b/iu;
    // The section as first written: both expressions on every line.
    const reference = (specText: string): string | undefined => {
      let fence: string | undefined;
      let level = 0;
      const body: string[] = [];
      for (const line of specText.replace(/\r\n?/g, "\n").split("\n")) {
        const f = FENCE.exec(line)?.[1];
        if (f && (fence === undefined || f.startsWith(fence))) fence = fence === undefined ? f : undefined;
        const heading = fence === undefined && !f ? HEADING.exec(line) : null;
        if (level > 0) {
          if (heading && heading[1]!.length <= level) break;
          body.push(line);
        } else if (heading && PROVIDES.test(heading[2]!)) level = heading[1]!.length;
      }
      const text = body.join("\n").trim();
      return text === "" ? undefined : text;
    };
    const line = fc.tuple(
      fc.constantFrom("", " ", "\t", "#", "# ", "## ", "### ", "####### ", " # ", "```", "````", "~~~", " ```", "\t~~~~", "x ```", "- "),
      fc.constantFrom("", "Provides", "📤 Provides", "provide", "Rules", "py", "`A`", "```", "~~~", " #", "text"),
    ).map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r"), (lines, end) => {
        const spec = lines.join(end);
        expect(providesSection(spec)).toBe(reference(spec));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("moduleSignatures", () => {
  const file = "src/money.ts";
  const text = "export class Money {\n  constructor(readonly cents: number) {}\n  add(other: Money): Money { return new Money(this.cents + other.cents); }\n}\n";

  it("parses a file once per text: the same file in another worktree (another path, another mtime) reuses the signatures", () => {
    const first = makeProject({ [file]: text });
    const second = makeProject({ [file]: text });
    const [a] = moduleSignatures(first, [file]);
    const [b] = moduleSignatures(second, [file]);
    expect(a!.signatures).toContain("export class Money");
    // The very array: not parsed again.
    expect(b!.signatures).toBe(a!.signatures);
  });

  it("parses a changed text again", () => {
    const first = makeProject({ [file]: text });
    const second = makeProject({ [file]: `${text}export function zero(): Money { return new Money(0); }\n` });
    const [a] = moduleSignatures(first, [file]);
    const [b] = moduleSignatures(second, [file]);
    expect(b!.signatures).not.toBe(a!.signatures);
    expect(b!.signatures.join("\n")).toContain("function zero(): Money");
    expect(a!.signatures.join("\n")).not.toContain("zero");
  });
});
