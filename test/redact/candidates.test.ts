import { describe, expect, it } from "vitest";
import { createRedactor, TOKEN_RULES } from "../../src/redact/index.js";
import { holdsAssignmentStart } from "../../src/redact/assignments.js";
import { holdsCandidate } from "../../src/redact/candidates.js";
import { KEY_BLOCK_START } from "../../src/redact/keys.js";
// Importing FAKE runs redact.test.ts's cases here too (41 fast ones): left so, that file unchanged.
import { FAKE } from "../helpers/fake-tokens.js";

// The scans holdsCandidate stands in for: a text one of them finds something in must be a candidate.
const PREFIXES = new RegExp([...new Set(TOKEN_RULES.map((r) => r.prefix))].join("|"));
const anyStart = (text: string) => PREFIXES.test(text) || holdsAssignmentStart(text) || text.includes(KEY_BLOCK_START);

// Pieces of every start (and near misses), joined at random: starts whole, cut, or across pieces.
const PIECES = [
  "sk", "-", "_", "ant", "rk", "gh", "p", "o", "u", "s", "r", "github", "pat", "gl", "pat-", "A", "KIA", "SIA", "BIA", "CCA", "3T", "Q", "Iza",
  "xox", "b", "xapp", "hooks.slack.com/", "hooks", ".slack", ".com", "/", ":", "//", "npm", "hf", "ey", "J", "Bearer", "bearer", "BEARER", "earer",
  "pass", "word", "wd", "phrase", "PASS", "Word", "secret", "SeCrEt", "token", "TOKEN", "api", "key", "KEY", "access", "private", "auth",
  "\"", "'", " ", "\t", "    ", "=", "-----", "BEGIN", "-----BEGIN", "\n", "x", "é", "📦",
];

function randomText(next: () => number): string {
  let text = "";
  for (let n = 1 + Math.floor(next() * 8); n > 0; n--) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

/** A small seeded generator (mulberry32): the same texts on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the redactor's first scan (holdsCandidate)", () => {
  it("finds every start the token, assignment and key-block scans find, in a text and in its JSON", () => {
    const next = seeded(14);
    let starts = 0;
    for (let i = 0; i < 40_000; i++) {
      const text = randomText(next);
      if (!anyStart(text)) continue;
      starts++;
      expect(holdsCandidate(text), text).toBe(true);
      expect(holdsCandidate(JSON.stringify({ text })), text).toBe(true);
    }
    expect(starts).toBeGreaterThan(2_000);
  });

  it("finds every fake token, as text and inside JSON", () => {
    for (const [name, token] of Object.entries(FAKE)) {
      expect(holdsCandidate(`x ${token} y`), name).toBe(true);
      expect(holdsCandidate(JSON.stringify({ log: `x ${token} y` })), name).toBe(true);
    }
  });

  it("finds nothing in engine-made texts: ids, states, paths, numbers", () => {
    const event = { type: "module:state", runId: "20261205-042109-dd20", moduleId: "m0", layer: "foundation", state: "running", attempt: 1 };
    expect(holdsCandidate(JSON.stringify(event))).toBe(false);
    expect(holdsCandidate("simulate: implemented m0 (0 files replayed)")).toBe(false);
  });
});

describe("redacting JSON after the first scan", () => {
  const redactor = createRedactor({ env: {} });

  it("redacts a string whose quote JSON escapes (password=\"...\")", () => {
    const error = 'config: password="hunter2!xyz"\nend';
    expect(redactor.json(JSON.stringify({ error }))).toBe(JSON.stringify({ error: redactor.text(error) }));
    expect(redactor.text(error)).toContain("[REDACTED:secret-value]");
  });

  it("redacts a match an earlier one in the JSON text would hide", () => {
    const note = "$token=hunter2!xyz";
    expect(redactor.json(JSON.stringify({ password: note }))).toBe(JSON.stringify({ password: "$token=[REDACTED:secret-value]" }));
  });

  it("redacts the names of members too", () => {
    expect(redactor.json(JSON.stringify({ [FAKE.github]: 1 }))).toBe(JSON.stringify({ "[REDACTED:github-token]": 1 }));
  });

  it("returns a JSON text whose strings hold nothing as it was, spacing and all", () => {
    const text = JSON.stringify({ password: "hunter2hunter2", url: "https://example.com/x" }, null, 2);
    expect(redactor.json(text)).toBe(text);
  });
});
