import { describe, expect, it } from "vitest";
import { pythonSignatures } from "../../src/prompt/signatures-py.js";
import { typescriptSignatures } from "../../src/prompt/signatures-ts.js";
import { providesSection } from "../../src/spec/provides-section.js";

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

describe("providesSection", () => {
  it("is the section under a Provides heading (emoji allowed) up to the next heading of its level, ignoring fenced headings", () => {
    const spec = "# M\n\n## 📤 Provides\n\n- `A` — one\n```python\n# not a heading\n```\n### Detail\nmore\n\n## Rules\nx\n";
    expect(providesSection(spec)).toBe("- `A` — one\n```python\n# not a heading\n```\n### Detail\nmore");
    expect(providesSection("# M\n## Rules\n")).toBeUndefined();
  });
});
