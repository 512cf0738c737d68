import { describe, expect, it } from "vitest";
import type { MemorySearch, Store } from "../../src/store/types.js";

/** Conformance cases for searchMemories (issue 14); `current` is the test's fresh store. */
export function searchCases(current: () => Store): void {
  describe("searchMemories", () => {
    const keys = (search: MemorySearch) => current().searchMemories(search).map((m) => m.key);

    it("finds memories holding any of the words, in key or content, best matches first; others not at all", () => {
      const store = current();
      store.writeMemory({ key: "decision/amounts", content: "Ledger amounts use Decimal for precision.", at: 1 });
      store.writeMemory({ key: "note/ledger", content: "The journal posts entries.", at: 2 });
      store.writeMemory({ key: "weather", content: "Forecasts are cached for an hour.", at: 3 });
      store.writeMemory({ key: "other", content: "Nothing about it here at all, really nothing.", at: 4 });
      expect(keys({ query: "decimal precision", limit: 10 })).toEqual(["decision/amounts"]);
      // Both words beat one; a word in the key counts too.
      expect(keys({ query: "ledger precision", limit: 10 })).toEqual(["decision/amounts", "note/ledger"]);
      expect(keys({ query: "forecasts", limit: 10 })).toEqual(["weather"]);
      expect(keys({ query: "portfolio", limit: 10 })).toEqual([]);
    });

    it("matches whole words, ignoring case, accents and punctuation", () => {
      const store = current();
      store.writeMemory({ key: "k1", content: "Café_Crème: the RÉSUMÉ parser.", at: 1 });
      expect(keys({ query: "cafe", limit: 5 })).toEqual(["k1"]);
      expect(keys({ query: "CRÈME résumé", limit: 5 })).toEqual(["k1"]);
      expect(keys({ query: "pars", limit: 5 })).toEqual([]);
    });

    it("reads the query's punctuation and operator words as words, never as query syntax", () => {
      const store = current();
      store.writeMemory({ key: "k1", content: "not and or near", at: 1 });
      store.writeMemory({ key: "k2", content: "quotes", at: 2 });
      expect(keys({ query: 'NOT "quotes" AND (*) OR NEAR(x', limit: 5 }).sort()).toEqual(["k1", "k2"]);
      expect(keys({ query: '" * ( ) : ^', limit: 5 })).toEqual(["k2", "k1"]);
    });

    it("without words, lists newest first, ties by key, up to the limit", () => {
      const store = current();
      store.writeMemory({ key: "old", content: "a", at: 1 });
      store.writeMemory({ key: "b", content: "b", at: 2 });
      store.writeMemory({ key: "a", content: "c", at: 2 });
      expect(keys({ limit: 10 })).toEqual(["a", "b", "old"]);
      expect(keys({ query: "", limit: 2 })).toEqual(["a", "b"]);
      expect(keys({ query: "ledger", limit: 0 })).toEqual([]);
    });

    it("ranks equal matches newest first and stops at the limit", () => {
      const store = current();
      for (let i = 1; i <= 5; i++) store.writeMemory({ key: `m${i}`, content: "ledger entry", at: i });
      expect(keys({ query: "ledger", limit: 3 })).toEqual(["m5", "m4", "m3"]);
    });

    it("filters by tags (any of them) and by module, with or without words; filters given must all hold", () => {
      const store = current();
      store.writeMemory({ key: "m1", content: "ledger decimal", tags: ["module:a", "layer:core"], at: 1 });
      store.writeMemory({ key: "m2", content: "ledger float", tags: ["module:b", "layer:core"], at: 2 });
      store.writeMemory({ key: "m3", content: "journal", tags: ["module:a"], at: 3 });
      store.writeMemory({ key: "m4", content: "ledger", at: 4 });
      expect(keys({ module: "a", limit: 10 })).toEqual(["m3", "m1"]);
      expect(keys({ tags: ["layer:core"], limit: 10 })).toEqual(["m2", "m1"]);
      expect(keys({ tags: ["module:b", "module:a"], limit: 10 })).toEqual(["m3", "m2", "m1"]);
      // A memory carrying several of the tags is found once, and counts once toward the limit.
      expect(keys({ tags: ["module:a", "layer:core"], limit: 10 })).toEqual(["m3", "m2", "m1"]);
      expect(keys({ tags: ["layer:core", "module:a", "layer:core"], limit: 2 })).toEqual(["m3", "m2"]);
      expect(keys({ tags: [], limit: 10 })).toEqual([]);
      expect(keys({ module: "a", tags: ["layer:core"], limit: 10 })).toEqual(["m1"]);
      expect(keys({ query: "ledger", module: "a", limit: 10 })).toEqual(["m1"]);
      expect(keys({ query: "ledger", tags: ["layer:core"], limit: 10 })).toEqual(["m2", "m1"]);
      expect(keys({ query: "ledger", module: "c", limit: 10 })).toEqual([]);
    });

    it("follows every write: a replaced memory is found by its new words and tags only, a deleted one not at all", () => {
      const store = current();
      store.writeMemory({ key: "k", content: "ledger decimal", tags: ["module:a"], at: 1 });
      store.writeMemory({ key: "k", content: "journal entries", tags: ["module:b"], at: 2 });
      expect(keys({ query: "ledger decimal", limit: 5 })).toEqual([]);
      expect(keys({ module: "a", limit: 5 })).toEqual([]);
      expect(keys({ query: "journal", module: "b", limit: 5 })).toEqual(["k"]);
      // Content replaced, tags kept when not given.
      store.writeMemory({ key: "k", content: "portfolio", at: 3 });
      expect(keys({ query: "portfolio", module: "b", limit: 5 })).toEqual(["k"]);
      expect(store.searchMemories({ query: "portfolio", limit: 1 })[0]).toStrictEqual(store.readMemory("k"));
      store.deleteMemory("k");
      expect(keys({ query: "portfolio", limit: 5 })).toEqual([]);
      expect(keys({ module: "b", limit: 5 })).toEqual([]);
    });
  });
}
