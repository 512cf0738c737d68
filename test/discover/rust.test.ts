import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/index.js";
import { specFiles } from "../../src/discover/write.js";
import { orderLayers } from "../../src/plan/layers.js";
import { extractImports } from "../../src/spec/imports.js";
import { expandUseTree, useBindings } from "../../src/spec/rust-imports.js";
import { rustDeclarations } from "../../src/spec/rust-modules.js";
import { loadSpec } from "../../src/spec/load.js";
import { readCargoToml, resolveRustPath, RustCrates } from "../../src/spec/rust-paths.js";
import { checkArchitecture } from "../../src/validate/architecture.js";
import { maskSource } from "../../src/validate/source.js";
import { makeProject, writeFiles } from "../helpers/project.js";

/** A cargo workspace of three crates, as `cargo new` lays them out; it builds with cargo 1.95. */
const WORKSPACE = {
  "Cargo.toml": '[workspace]\nmembers = ["crates/shop-core", "crates/shop-store", "crates/shop-cli"]\nresolver = "2"\n',
  "crates/shop-core/Cargo.toml": '[package]\nname = "shop-core"\nversion = "0.1.0"\nedition = "2021"\n',
  "crates/shop-core/src/lib.rs": "//! Core domain of the shop: money amounts and carts.\n\npub mod money;\npub mod cart;\n\npub use cart::Cart;\n",
  "crates/shop-core/src/money.rs": "//! Amounts of money in cents.\nuse std::fmt;\n\npub struct Money {\n    pub cents: i64,\n}\n\nimpl fmt::Display for Money {\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n        write!(f, \"{}.{:02}\", self.cents / 100, self.cents % 100)\n    }\n}\n\npub fn parse_money(text: &str) -> Option<Money> {\n    None\n}\n\npub(crate) fn cents() {}\n",
  "crates/shop-core/src/cart/mod.rs": "mod line;\n\npub use line::Line;\nuse crate::money::Money;\n\npub struct Cart {\n    lines: Vec<Line>,\n}\n",
  "crates/shop-core/src/cart/line.rs": "use super::super::money::Money;\n\npub struct Line {\n    pub price: Money,\n}\n",
  "crates/shop-core/tests/cart_test.rs": "use shop_core::cart::Line;\nuse shop_core::Cart;\n\n#[test]\nfn totals() {}\n",
  "crates/shop-store/Cargo.toml": '[package]\nname = "shop-store"\nversion = "0.1.0"\n\n[dependencies]\nshop-core = { path = "../shop-core" }\n',
  "crates/shop-store/src/lib.rs": "//! Storage of carts.\npub mod memory;\n\nuse shop_core::Cart;\n\npub trait Store {\n    fn save(&mut self, cart: Cart);\n}\n",
  "crates/shop-store/src/memory.rs": "use std::collections::HashMap;\n\nuse shop_core::{\n    money::Money,\n    Cart,\n};\nuse crate::Store;\n\npub struct MemoryStore;\n",
  "crates/shop-cli/Cargo.toml": '[package]\nname = "shop-cli"\nversion = "0.1.0"\n',
  "crates/shop-cli/src/main.rs": "//! Command-line front end of the shop.\nmod commands;\n\nuse shop_store::memory::MemoryStore;\n\nfn main() {}\n",
  "crates/shop-cli/src/commands.rs": "use shop_core::money::parse_money;\nuse shop_store::{memory::MemoryStore, Store};\n\npub fn run() {}\n",
  "target/debug/build/x.rs": "pub fn generated() {}\n",
};

describe("discover: Rust", () => {
  it("a cargo workspace: a module per crate named by its package, dependencies through use paths of other crates, Provides and Purpose", () => {
    const root = makeProject(WORKSPACE);
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()]).toEqual(["shop_core", "shop_store", "shop_cli"]);
    const core = byId.get("shop_core")!;
    expect(core.language).toBe("rust");
    expect(core.primary).toBe("crates/shop-core/src/lib.rs");
    expect(core.files.sort()).toEqual(["crates/shop-core/src/cart/line.rs", "crates/shop-core/src/cart/mod.rs", "crates/shop-core/src/lib.rs", "crates/shop-core/src/money.rs"]);
    expect(core.tests).toEqual(["crates/shop-core/tests/cart_test.rs"]);
    expect(core.doc).toBe("Core domain of the shop: money amounts and carts.");
    // `pub(crate)` is not public; `pub mod` is a module, not an item.
    expect(core.provides.sort()).toEqual(["Cart", "Line", "Money", "parse_money"]);
    expect(byId.get("shop_store")!.dependsOn).toEqual(["shop_core"]);
    // A public trait's methods after the names, as a type's: `Store::{save}`.
    expect(byId.get("shop_store")!.provides).toEqual(["Store", "MemoryStore", "Store::{save}"]);
    expect(byId.get("shop_cli")!.dependsOn).toEqual(["shop_core", "shop_store"]);
    expect(byId.get("shop_cli")!.primary).toBe("crates/shop-cli/src/main.rs");
    expect(d.layers.map((l) => l.modules)).toEqual([["shop_core"], ["shop_store"], ["shop_cli"]]);
    expect(d.skipped.map((s) => s.path)).toContain("target/");
  });

  it("Provides a type's public methods, one entry a type after every name, so the cap never leaves out a type; not a trait impl's methods", () => {
    const many = Array.from({ length: 27 }, (_, i) => `pub fn f${i}() {}\n`).join("");
    const root = makeProject({
      "Cargo.toml": '[package]\nname = "till"\nversion = "0.1.0"\n',
      "src/lib.rs": "pub mod money;\npub mod rate;\n",
      "src/money.rs": "use std::fmt;\n\npub struct Money(pub i64);\n\nimpl Money {\n    pub fn new(c: i64) -> Self {\n        Money(c)\n    }\n    pub async fn add(&self, o: &Money) -> Money {\n        Money(self.0 + o.0)\n    }\n    fn private(&self) {}\n    pub(crate) fn inner(&self) {}\n}\n\nimpl fmt::Display for Money {\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {\n        write!(f, \"{}\", self.0)\n    }\n}\n",
      "src/rate.rs": `${many}pub struct Rate(pub u8);\n\nimpl Rate {\n    pub fn of(&self, m: i64) -> i64 {\n        m * self.0 as i64 / 100\n    }\n}\n`,
    });
    const provides = discover(root).modules[0]!.provides;
    expect(provides.slice(0, 2)).toEqual(["Money", "f0"]);
    expect(provides).toContain("Rate");
    expect(provides.slice(-1)).toEqual(["Money::{new, add}"]);
    expect(provides).toHaveLength(30);
  });

  it("a large crate is a module per top-level module, tied by crate::, super:: and self paths; an inline `mod tests` `use super::*` stays in its file", () => {
    const files: Record<string, string> = {
      "Cargo.toml": '[package]\nname = "ledger-app"\nversion = "0.1.0"\n',
      "src/main.rs": "mod domain;\nmod store;\nmod web;\n\nfn main() {\n    web::serve();\n}\n",
      "src/domain/mod.rs": "//! Accounts and entries.\npub mod account;\npub mod entry;\n",
      "src/domain/account.rs": "use super::entry::Entry;\n\npub struct Account {\n    pub entries: Vec<Entry>,\n}\n",
      "src/domain/entry.rs": "pub struct Entry;\n",
      "src/store/mod.rs": "mod sql;\npub use self::sql::SqlStore;\n",
      "src/store/sql.rs": "use crate::domain::{account::Account, entry::Entry};\n\npub struct SqlStore;\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::mem;\n}\n",
      "src/store/mem.rs": "pub struct Mem;\n",
      "src/web.rs": "//! The HTTP front.\nmod routes;\n\nuse crate::store::SqlStore;\n\npub fn serve() {}\n",
      "src/web/routes.rs": "use crate::domain::account::Account;\n\npub fn list() {}\n",
    };
    for (let i = 0; i < 4; i++) files[`src/domain/extra${i}.rs`] = `pub struct Extra${i};\n`;
    const d = discover(makeProject(files));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(["domain", "ledger_app", "store", "web"]);
    expect(byId.get("domain")!.primary).toBe("src/domain/mod.rs");
    expect(byId.get("domain")!.doc).toBe("Accounts and entries.");
    expect(byId.get("web")!.files.sort()).toEqual(["src/web.rs", "src/web/routes.rs"]);
    expect(byId.get("web")!.dependsOn).toEqual(["domain", "store"]);
    // `super::super::mem` inside `mod tests` of sql.rs is `store::mem`, in the same module: no edge to the crate root.
    expect(byId.get("store")!.dependsOn).toEqual(["domain"]);
    expect(byId.get("ledger_app")!.files).toEqual(["src/main.rs"]);
    expect(d.merged).toEqual([]);
  });

  it("init's specs pass the architecture gate as they are, and an import of a later layer's crate fails it at its line", () => {
    const root = makeProject(WORKSPACE);
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "shop")));
    const gate = () => {
      const spec = loadSpec(root);
      return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    };
    expect(gate()).toEqual([]);
    writeFiles(root, { "crates/shop-core/src/money.rs": "use crate::cart::Cart;\nuse std::fmt;\nuse shop_store::memory::MemoryStore;\n\npub struct Money;\n" });
    expect(gate()).toEqual(["crates/shop-core/src/money.rs:3 shop_store::memory::MemoryStore"]);
    writeFiles(root, { "crates/shop-core/src/money.rs": "extern crate shop_cli;\n\npub struct Money;\n" });
    expect(gate()).toEqual(["crates/shop-core/src/money.rs:1 shop_cli"]);
  });

  it("a crate used by a qualified path without a `use` (`shop_store::load(...)`, `crate::x::f()`) is a dependency, for init and for the gate", () => {
    const files: Record<string, string> = {
      ...WORKSPACE,
      // The binary calls both libraries by path only, as `cargo new` code often does; a string and a comment naming a crate are no use of it.
      "crates/shop-cli/src/main.rs": '//! Command-line front end.\n// shop_core::old was here\nfn main() {\n    let s = shop_store::memory::MemoryStore;\n    println!("{}", "shop_core::x");\n    let n = u64::from(1u32) + std::cmp::max(1, 2);\n}\n',
      "crates/shop-cli/src/commands.rs": "pub fn run() -> shop_core::money::Money {\n    todo!()\n}\n",
    };
    const root = makeProject(files);
    const d = discover(root);
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(byId.get("shop_cli")!.dependsOn).toEqual(["shop_core", "shop_store"]);
    expect(d.layers.map((l) => l.modules)).toEqual([["shop_core"], ["shop_store"], ["shop_cli"]]);
    expect(extractImports(maskSource(files["crates/shop-cli/src/main.rs"]!, "rust"), "rust").map((r) => `${r.line} ${r.specifier}`)).toEqual(["4 shop_store::memory::MemoryStore", "6 u64::from"]);
    writeFiles(root, Object.fromEntries(specFiles(d, "shop")));
    writeFiles(root, { "crates/shop-core/src/money.rs": "pub struct Money;\n\npub fn saved() -> bool {\n    shop_store::memory::MemoryStore;\n    true\n}\n" });
    const spec = loadSpec(root);
    const found = checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    expect(found).toEqual(["crates/shop-core/src/money.rs:4 shop_store::memory::MemoryStore"]);
  });
});

/**
 * A crate of over 12 files (a module per top-level module) whose root re-exports its domain's
 * names, one by name and one by glob, and declares a module from another file with `#[path]`.
 */
const LEDGER = {
  "Cargo.toml": '[package]\nname = "ledger"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = "1"\n',
  "src/lib.rs": [
    "//! Double-entry ledger.",
    "pub mod domain;",
    "pub mod store;",
    "pub mod web;",
    '#[path = "support/text_impl.rs"]',
    "pub mod text;",
    '#[cfg(unix)] #[path = "support/unix.rs"] mod platform;',
    "",
    "pub use crate::domain::account::Account;",
    "pub use domain::posting::*;",
    "pub use serde::Serialize;",
    "pub use self::web::{serve as start};",
    "",
  ].join("\n"),
  "src/domain/mod.rs": "pub mod account;\npub mod posting;\npub mod rates;\npub mod period;\npub mod journal;\npub mod audit;\n",
  "src/domain/account.rs": "use crate::text::cents;\n\npub struct Account;\n",
  "src/domain/posting.rs": "pub struct Posting;\n\npub fn post() {}\n",
  "src/domain/rates.rs": "pub struct Rate;\n",
  "src/domain/period.rs": "pub struct Period;\n",
  "src/domain/journal.rs": "use super::posting::Posting;\n\npub struct Journal;\n",
  "src/domain/audit.rs": "pub struct Audit;\n",
  "src/store/mod.rs": "mod sql;\n\npub use sql::SqlStore;\n",
  "src/store/sql.rs": "use crate::{Account, Posting};\nuse crate::Serialize;\n\npub struct SqlStore;\n",
  "src/web/mod.rs": "use crate::store::SqlStore;\nuse crate::Account;\n\npub fn serve() {}\n",
  "src/support/text_impl.rs": "mod digits;\n\npub fn cents() {}\n",
  "src/support/digits.rs": "use super::super::platform;\n\npub fn group() {}\n",
  "src/support/unix.rs": "pub fn sep() {}\n",
};

describe("discover: Rust re-exports and #[path] modules", () => {
  it("a name the crate root re-exports (by name, glob or alias) is the defining module's; a #[path] module is its file's: no false cycle through the root", () => {
    const d = discover(makeProject(LEDGER));
    const byId = new Map(d.modules.map((m) => [m.id, m]));
    expect(d.merged).toEqual([]);
    expect([...byId.keys()].sort()).toEqual(["domain", "ledger", "store", "support", "web"]);
    expect(byId.get("support")!.files.sort()).toEqual(["src/support/digits.rs", "src/support/text_impl.rs", "src/support/unix.rs"]);
    // `crate::text::cents` is src/support/text_impl.rs, whose `mod digits;` sits beside it (`crate::text::digits`, so its `super::super::platform` is the root's `platform`).
    expect(byId.get("domain")!.dependsOn).toEqual(["support"]);
    // `crate::{Account, Posting}` through `pub use` and `pub use ...::*`; serde's `Serialize` is no module of the project.
    expect(byId.get("store")!.dependsOn).toEqual(["domain"]);
    expect(byId.get("web")!.dependsOn).toEqual(["domain", "store"]);
    expect(byId.get("ledger")!.dependsOn.sort()).toEqual(["domain", "store", "support", "web"]);
  });

  it("init's specs pass the architecture gate, which follows the same re-exports and #[path]s; a re-exported name of a later layer fails it", () => {
    const root = makeProject(LEDGER);
    writeFiles(root, Object.fromEntries(specFiles(discover(root), "ledger")));
    const gate = () => {
      const spec = loadSpec(root);
      return checkArchitecture(spec, orderLayers(spec, []), { modules: spec.modules.map((m) => m.id) }).map((v) => `${v.file}:${v.line} ${v.specifier} ${v.message.replace(/ \(.*$/, "")}`);
    };
    expect(gate()).toEqual([]);
    // `start` is the root's alias of `web::serve`: web's layer, not the root's.
    writeFiles(root, { "src/domain/rates.rs": "use crate::Posting;\nuse crate::start;\n\npub struct Rate;\n" });
    expect(gate()).toEqual(["src/domain/rates.rs:2 crate::start imports `crate::start`"]);
  });
});

describe("Rust paths", () => {
  const files = new Set(Object.keys(WORKSPACE));
  let crates: RustCrates | undefined;
  const at = (from: string, spec: string) => resolveRustPath(from, spec, (crates ??= new RustCrates(makeProject(WORKSPACE)).add(files)), (p) => files.has(p));

  it("resolve crate::, self::, super:: and bare child paths to the deepest module file; other crates by their package name; std is external", () => {
    expect(at("crates/shop-core/src/cart/mod.rs", "crate::money::Money")).toEqual(["crates/shop-core/src/money.rs"]);
    expect(at("crates/shop-core/src/cart/mod.rs", "self::line")).toEqual(["crates/shop-core/src/cart/line.rs"]);
    expect(at("crates/shop-core/src/cart/mod.rs", "line::Line")).toEqual(["crates/shop-core/src/cart/line.rs"]);
    expect(at("crates/shop-core/src/cart/line.rs", "super::super::money::Money")).toEqual(["crates/shop-core/src/money.rs"]);
    expect(at("crates/shop-core/src/lib.rs", "self::cart")).toEqual(["crates/shop-core/src/cart/mod.rs"]);
    expect(at("crates/shop-core/src/lib.rs", "cart::Cart")).toEqual(["crates/shop-core/src/cart/mod.rs"]);
    // An item of the crate root, and a crate by name: the root file.
    expect(at("crates/shop-store/src/memory.rs", "crate::Store")).toEqual(["crates/shop-store/src/lib.rs"]);
    expect(at("crates/shop-cli/src/commands.rs", "shop_core::Cart")).toEqual(["crates/shop-core/src/lib.rs"]);
    expect(at("crates/shop-cli/src/commands.rs", "shop_store::memory::MemoryStore")).toEqual(["crates/shop-store/src/memory.rs"]);
    // A binary's `crate::` is its own main.rs; a test file is a crate of its own.
    expect(at("crates/shop-cli/src/main.rs", "self::commands")).toEqual(["crates/shop-cli/src/commands.rs"]);
    expect(at("crates/shop-core/tests/cart_test.rs", "shop_core::cart::Line")).toEqual(["crates/shop-core/src/cart/mod.rs"]);
    expect(at("crates/shop-core/src/money.rs", "std::fmt")).toBe("external");
    expect(at("crates/shop-core/src/money.rs", "::shop_store")).toEqual(["crates/shop-store/src/lib.rs"]);
  });

  it("with the files' code: re-exports to the defining file, #[path] modules to their file, bindings to other crates external", () => {
    const root = makeProject(LEDGER);
    const code = new Map(Object.entries(LEDGER).filter(([p]) => p.endsWith(".rs")).map(([p, t]) => [p, maskSource(t, "rust")]));
    const ledger = new RustCrates(root, undefined, (p) => code.get(p)).add(code.keys());
    const exists = (p: string) => code.has(p);
    const at = (from: string, spec: string) => resolveRustPath(from, spec, ledger, exists);
    expect(at("src/store/sql.rs", "crate::Account")).toEqual(["src/domain/account.rs"]);
    expect(at("src/store/sql.rs", "crate::Posting")).toEqual(["src/domain/posting.rs"]);
    expect(at("src/store/sql.rs", "crate::post")).toEqual(["src/domain/posting.rs"]);
    expect(at("src/web/mod.rs", "crate::store::SqlStore")).toEqual(["src/store/sql.rs"]);
    expect(at("src/domain/rates.rs", "crate::start")).toEqual(["src/web/mod.rs"]);
    expect(at("src/store/sql.rs", "crate::Serialize")).toBe("external");
    // A name neither defined nor bound stays with the file of its module, as without the code.
    expect(at("src/store/sql.rs", "crate::Missing")).toEqual(["src/lib.rs"]);
    expect(at("src/lib.rs", "self::text")).toEqual(["src/support/text_impl.rs"]);
    expect(at("src/lib.rs", "self::platform")).toEqual(["src/support/unix.rs"]);
    expect(at("src/domain/account.rs", "crate::text::cents")).toEqual(["src/support/text_impl.rs"]);
    expect(at("src/support/text_impl.rs", "self::digits")).toEqual(["src/support/digits.rs"]);
    expect(at("src/support/digits.rs", "super::super::platform")).toEqual(["src/support/unix.rs"]);
    expect(at("src/support/digits.rs", "super::cents")).toEqual(["src/support/text_impl.rs"]);
    // Another crate's re-export: `shop_core::Cart` is `pub use cart::Cart;` in its lib.rs.
    const shop = makeProject(WORKSPACE);
    const shopCode = new Map(Object.entries(WORKSPACE).filter(([p]) => p.endsWith(".rs") && !p.startsWith("target/")).map(([p, t]) => [p, maskSource(t, "rust")]));
    const crates = new RustCrates(shop, undefined, (p) => shopCode.get(p)).add(shopCode.keys());
    expect(resolveRustPath("crates/shop-cli/src/commands.rs", "shop_core::Cart", crates, (p) => shopCode.has(p))).toEqual(["crates/shop-core/src/cart/mod.rs"]);
    expect(resolveRustPath("crates/shop-core/src/lib.rs", "self::cart::Line", crates, (p) => shopCode.has(p))).toEqual(["crates/shop-core/src/cart/line.rs"]);
  });

  it("read a file's top-level mods (with #[path]), use bindings and items; nothing inside blocks", () => {
    const code = [
      '#[path = "a/b.rs"]',
      "#[cfg(test)]",
      "mod b;",
      "pub(crate) mod c;",
      "mod inline {",
      "    mod hidden;",
      "    pub fn inner() {}",
      "}",
      "pub use crate::x::{Y, z::W as V, q::*};",
      "use self::k as _;",
      "pub const fn f() {}",
      "impl S {",
      "    pub fn method() {}",
      "}",
      'const T: &str = "#[path = \\"nope.rs\\"] mod n;";',
      "macro_rules! m { () => {} }",
    ].join("\n");
    const d = rustDeclarations(maskSource(code, "rust"));
    expect([...d.mods]).toEqual([["b", "a/b.rs"], ["c", ""]]);
    expect([...d.uses]).toEqual([["Y", "crate::x::Y"], ["V", "crate::x::z::W"]]);
    expect(d.globs).toEqual(["crate::x::q"]);
    expect([...d.items].sort()).toEqual(["T", "f", "inline", "m"]);
    expect(useBindings("a::{self as b, c}")).toEqual([{ path: "a", name: "b" }, { path: "a::c", name: "c" }]);
  });

  it("read a Cargo.toml's package name as code writes it, a [lib] name first; a workspace-only manifest is no crate", () => {
    expect(readCargoToml("crates/a", '[package]\nname = "shop-core"\n')).toMatchObject({ ident: "shop_core", name: "shop-core", lib: "crates/a/src/lib.rs" });
    expect(readCargoToml("", '[package]\nname = "shop-core"\n\n[lib]\nname = "shop"\npath = "lib/shop.rs"\n')).toMatchObject({ ident: "shop", name: "shop-core", lib: "lib/shop.rs" });
    expect(readCargoToml("", '[workspace]\nmembers = ["a"]\n')).toBeUndefined();
  });

  it("read use trees, pub use, mod and extern crate; nothing in strings or comments", () => {
    expect(expandUseTree("a::{b, c::{D, E as F}, self, g::*}")).toEqual(["a::b", "a::c::D", "a::c::E", "a", "a::g"]);
    const code = [
      "use std::{fmt, io};",
      "pub use crate::cart::Cart;",
      "pub(crate) use super::line::{",
      "    Line,",
      "    Qty as Q,",
      "};",
      "mod money;",
      "pub mod cart;",
      "mod inline { fn f() {} }",
      "extern crate shop_core;",
      'const S: &str = "use crate::fake::X;";',
      "// use crate::commented::Y;",
      "fn f<'a>(x: &'a str) -> char { '{' }",
      "use crate::after::Z;",
    ].join("\n");
    const refs = extractImports(maskSource(code, "rust"), "rust").map((r) => `${r.line} ${r.specifier}`);
    expect(refs).toEqual(["1 std::fmt", "1 std::io", "2 crate::cart::Cart", "3 super::line::Line", "3 super::line::Qty", "7 self::money", "8 self::cart", "10 shop_core", "14 crate::after::Z"]);
  });
  it("`use super::*` in the `mod tests` of a top-level module's file is that file, not the crate root: no cycle through lib.rs", () => {
    const files: Record<string, string> = {
      "Cargo.toml": '[package]\nname = "tally"\nversion = "0.1.0"\n',
      "src/lib.rs": "pub mod amount;\npub mod book;\npub use amount::Amount;\n",
      "src/amount.rs": "pub struct Amount(pub i64);\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn zero() { let _ = Amount(0); }\n}\n",
      "src/book.rs": "use crate::amount::Amount;\n\npub struct Book(pub Vec<Amount>);\n",
    };
    for (let i = 0; i < 11; i++) files[`src/book/part${i}.rs`] = `pub struct Part${i};\n`;
    const d = discover(makeProject(files));
    expect(d.merged).toEqual([]);
    expect(d.modules.map((m) => `${m.id}: ${m.dependsOn.join(" ")}`)).toEqual(["amount: ", "book: amount", "tally: amount book"]);
    expect(extractImports(maskSource(files["src/amount.rs"]!, "rust"), "rust").map((r) => r.specifier)).toEqual(["self"]);
  });
});
