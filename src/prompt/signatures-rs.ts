import { maskSource } from "../validate/source.js";

/** A top-level item marked plain `pub` (`pub(crate)` is not public outside its crate). */
const PUB_ITEM = /^pub\s+(?:(?:const|async|unsafe|extern\s+"[^"]*"|extern)\s+)*(?:fn|struct|enum|trait|type|union|static|const)\s+[A-Za-z_]\w*/;
/** An `impl` block's head: `impl<T: Ord> Stack<T>`, `unsafe impl Send for Pool`, `impl fmt::Display for Money`. */
const IMPL = /^(?:unsafe\s+)?impl\b/;
/** A method in an impl block, with what precedes its name: `pub fn`, `pub async fn`, a trait impl's `fn`. */
const METHOD = /^(pub\s+)?((?:(?:const|async|unsafe|extern\s+"[^"]*"|extern)\s+)*)fn\s+([A-Za-z_]\w*)/;
const MAX_SIGNATURE = 400;

/**
 * The public surface of a Rust file, from masked source (comments and strings blanked, so a
 * `pub fn` in a doc comment is none): its top-level plain-`pub` items with their whole
 * signatures (parameters, generics, return type, where clause; a struct's or enum's head, a
 * tuple struct whole), and the methods of its `impl` blocks as `Type::method(args) -> Ret`:
 * an inherent impl's `pub fn`s, and every method of a trait impl, which is as public as the
 * trait (`Money::fmt(&self, f: &mut fmt::Formatter) -> fmt::Result  // impl fmt::Display`).
 * Private methods and `pub(crate)` ones are left out. The text shown is the original's.
 */
export function rustSignatures(text: string): string[] {
  const source = text.replace(/\r\n?/g, "\n");
  const masked = maskSource(source, "rust");
  const out: string[] = [];
  for (const at of itemStarts(masked, 0, masked.length)) {
    const head = masked.slice(at, at + 300);
    const item = PUB_ITEM.exec(head);
    if (item) {
      out.push(signatureAt(source, masked, at));
      // A public trait's methods are all public: `Store::get(&self, id: u64) -> Option<Row>`.
      const trait = /\btrait\s+([A-Za-z_]\w*)$/.exec(item[0]);
      const open = headEnd(masked, at);
      if (trait && masked[open] === "{") out.push(...blockMethods(source, masked, open, trait[1]!, true));
    } else if (IMPL.test(head)) out.push(...implMethods(source, masked, at));
  }
  return out;
}

/** The methods of the impl block whose head starts at `at`, named with the type they are for. */
function implMethods(source: string, masked: string, at: number): string[] {
  const open = headEnd(masked, at);
  if (masked[open] !== "{") return [];
  const head = flat(masked.slice(at, open)).replace(/\s+where\b.*$/, "");
  // `impl<T> Trait<T> for Type<T>`: the type after `for`; else the type after `impl` and its generics.
  const parts = /^(?:unsafe\s+)?impl\s*(?:<.*?>(?=\s*[A-Za-z_(&[]))?\s*(.*?)(?:\s+for\s+(.*))?$/.exec(head);
  if (!parts) return [];
  const trait = parts[2] === undefined ? undefined : parts[1]!;
  return blockMethods(source, masked, open, typeName(parts[2] ?? parts[1]!), trait !== undefined, trait && `  // impl ${trait}`);
}

/**
 * The methods of the block opened at `open` (an impl's or a trait's) as `Type::method(args) -> Ret`:
 * all of them when `all` (a trait's, a trait impl's), else its plain-`pub` ones.
 */
function blockMethods(source: string, masked: string, open: number, type: string, all: boolean, note = ""): string[] {
  const out: string[] = [];
  for (const start of itemStarts(masked, open + 1, blockEnd(masked, open))) {
    const m = METHOD.exec(masked.slice(start, start + 300));
    if (!m || (!all && !m[1])) continue;
    const signature = signatureAt(source, masked, start);
    const rest = signature.slice(signature.indexOf(m[3]!, signature.indexOf("fn")) + m[3]!.length);
    const qualifiers = m[2] ? `${flat(m[2])} ` : "";
    out.push(`${qualifiers}${type}::${m[3]}${rest}${note}`);
  }
  return out;
}

/** `Stack<T>` -> `Stack`, `crate::money::Money` -> `Money`, `&'a str` as written. */
function typeName(written: string): string {
  const bare = written.trim().replace(/<.*$/, "");
  return /^[\w:]+$/.test(bare) ? bare.split("::").pop()! : written.trim();
}

/**
 * Where each item between `from` and `to` starts, at brace depth 0 there: the first code after
 * the previous item's `;` or `}`, past attributes (`#[derive(...)]`).
 */
function itemStarts(masked: string, from: number, to: number): number[] {
  const starts: number[] = [];
  let i = from;
  while (i < to) {
    while (i < to && /\s/.test(masked[i]!)) i++;
    if (i >= to) break;
    if (masked[i] === "#") {
      i = attributeEnd(masked, i);
      continue;
    }
    starts.push(i);
    const end = headEnd(masked, i);
    i = masked[end] === "{" ? blockEnd(masked, end) + 1 : end + 1;
  }
  return starts;
}

/** Past an attribute `#[...]` or `#![...]` starting at `at`. */
function attributeEnd(masked: string, at: number): number {
  const open = masked.indexOf("[", at);
  if (open < 0 || open > at + 2) return at + 1;
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === "[") depth++;
    else if (masked[i] === "]" && --depth === 0) return i + 1;
  }
  return masked.length;
}

/** The `{` that opens the item at `at`, or the `;` that ends it, outside brackets; the text's end when neither comes. */
function headEnd(masked: string, at: number): number {
  let depth = 0;
  for (let i = at; i < masked.length; i++) {
    const c = masked[i]!;
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (depth === 0 && (c === "{" || c === ";")) return i;
  }
  return masked.length;
}

/** The `}` that closes the block opened at `open`. */
function blockEnd(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === "{") depth++;
    else if (masked[i] === "}" && --depth === 0) return i;
  }
  return masked.length;
}

/** The item's signature at `at`, on one line: up to its body's `{` (a tuple struct or declaration up to its `;`). */
function signatureAt(source: string, masked: string, at: number): string {
  const signature = flat(source.slice(at, headEnd(masked, at)));
  return signature.length > MAX_SIGNATURE ? `${signature.slice(0, MAX_SIGNATURE - 1)}…` : signature;
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\(\s+/g, "(").replace(/,?\s*\)/g, ")").trim();
}
