import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/types.js";
import { attempt, expectStoreError, EMPTY_PLAN } from "./helpers.js";

const SPEC = "# A\n\n## Provides\n- `add(a, b)` 📦\n";
const SECRET = `ghp_${"Zq8Wm4Rt".repeat(5).slice(0, 36)}`;
const QUOTED = { digest: "d1", text: SPEC };

/** A run `r1` whose module `a` has spec text SPEC (digest d1) and `b` the same text under no digest; attempt 1 of each started. */
function seedWithSpec(store: Store, spec = SPEC): void {
  const module = (id: string, digest?: string) => ({ id, layer: "core", spec: `${id}.md`, files: [], dependsOn: [], specText: spec, ...(digest ? { specDigest: digest } : {}) });
  const plan = { ...EMPTY_PLAN, modules: [module("a", "d1"), module("b")] };
  store.createRun({ id: "r1", request: "x", plan, options: "{}", at: 1, modules: plan.modules.map((m) => ({ moduleId: m.id, layer: m.layer })) });
  store.startAttempt("r1", "a", attempt(2));
  store.startAttempt("r1", "b", attempt(2));
}

/** An attempt's prompt and output, kept with the attempt: `status --prompt`, the dashboard and resume read them back. */
export function attemptTextCases(current: () => Store): void {
  describe("attempt texts", () => {
    it("gives back the prompt as kept, whether it quotes the module's spec (by its digest) once, twice or not whole", () => {
      const store = current();
      seedWithSpec(store);
      const prompts = {
        quoted: `Work on a.\n<module-spec>\n${SPEC}</module-spec>\nMemories: none.\n`,
        twice: `${SPEC}and again:\n${SPEC}`,
        whole: SPEC,
        shortened: `Work on a.\n${SPEC.slice(0, 12)}\n…\n`,
      };
      for (const [i, prompt] of Object.values(prompts).entries()) {
        store.startAttempt("r1", "a", attempt(3 + i));
        store.keepAttemptText("r1", "a", 2 + i, { prompt }, QUOTED);
        expect(store.getAttemptText("r1", "a", 2 + i)).toStrictEqual({ prompt });
      }
    });

    it("keeps the prompt when the output comes later, and takes a new prompt with its own spec whole", () => {
      const store = current();
      seedWithSpec(store);
      const prompt = `Before.\n${SPEC}After.`;
      store.keepAttemptText("r1", "a", 1, { prompt }, QUOTED);
      store.keepAttemptText("r1", "a", 1, { output: "# a, attempt 1: done\n" });
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt, output: "# a, attempt 1: done\n" });
      store.keepAttemptText("r1", "a", 1, { prompt: "no spec here" }, QUOTED);
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt: "no spec here", output: "# a, attempt 1: done\n" });
      store.keepAttemptText("r1", "a", 1, { prompt }, QUOTED);
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt, output: "# a, attempt 1: done\n" });
    });

    it("keeps an output that comes first, then the prompt beside it, and both given at once", () => {
      const store = current();
      seedWithSpec(store);
      const prompt = `Before.\n${SPEC}After.`;
      store.keepAttemptText("r1", "a", 1, { output: "first" });
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ output: "first" });
      store.keepAttemptText("r1", "a", 1, { prompt }, QUOTED);
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt, output: "first" });
      store.keepAttemptText("r1", "a", 1, { prompt: "again", output: "second" });
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt: "again", output: "second" });
      store.keepAttemptText("r1", "a", 1, {});
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt: "again", output: "second" });
    });

    it("keeps the whole prompt for a digest it does not hold and for a module without one", () => {
      const store = current();
      seedWithSpec(store);
      const prompt = `Work on b.\n${SPEC}`;
      store.keepAttemptText("r1", "b", 1, { prompt });
      store.keepAttemptText("r1", "a", 1, { prompt }, { digest: "not-a-digest", text: SPEC });
      expect(store.getAttemptText("r1", "b", 1)).toStrictEqual({ prompt });
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt });
    });

    it("redacts a secret in the spec the prompt quotes, and gives the prompt back redacted", () => {
      const store = current();
      const spec = `# A\ntoken ${SECRET} in the spec\n`;
      seedWithSpec(store, spec);
      store.keepAttemptText("r1", "a", 1, { prompt: `Work.\n${spec}End.` }, { digest: "d1", text: spec });
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt: "Work.\n# A\ntoken [REDACTED:github-token] in the spec\nEnd." });
    });

    it("gives a spec text back by digest, and says which it kept as given (none it redacted)", () => {
      const store = current();
      const spec = `# A\ntoken ${SECRET} in the spec\n`;
      seedWithSpec(store, spec);
      const plan = { ...EMPTY_PLAN, modules: [{ id: "c", layer: "core", spec: "c.md", files: [], dependsOn: [], specText: SPEC, specDigest: "d2" }] };
      store.createRun({ id: "r2", request: "x", plan, options: "{}", at: 2, modules: [{ moduleId: "c", layer: "core" }] });
      expect([store.keepsSpecText("d2"), store.getSpecText("d2")]).toStrictEqual([true, SPEC]);
      expect([store.keepsSpecText("d1"), store.getSpecText("d1")]).toStrictEqual([false, "# A\ntoken [REDACTED:github-token] in the spec\n"]);
      expect([store.keepsSpecText("nope"), store.getSpecText("nope")]).toStrictEqual([false, undefined]);
    });

    it("needs the attempt, and has nothing for an attempt that kept nothing", () => {
      const store = current();
      seedWithSpec(store);
      expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({});
      expectStoreError(() => store.keepAttemptText("r1", "a", 7, { prompt: SPEC }, QUOTED), "STORE_NOT_FOUND");
      expect(() => store.keepAttemptText("r1", "a", 7, { output: "x" })).toThrow("Expected attempt 7 of module `a` in run `r1` to exist");
    });
  });
}
