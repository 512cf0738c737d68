import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRedactor } from "../../src/redact/index.js";

// Fake tokens of real shapes, built here so that no scanner mistakes this file for a leak.
const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const FAKE = {
  anthropic: `sk-ant-api03-${rep("Zx9_Qw-7", 93)}AA`,
  github: `ghp_${rep("a1B2c3D4", 36)}`,
  aws: `AKIA${rep("Q2W3E4R5T6Y7U", 16)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${rep("dBjftJeZ4CVP", 43)}`,
  bearer: `Authorization: Bearer ${rep("a1B2c3", 24)}`,
  url: "https://deploy:hunter2hunter2@example.com/x",
};
const env = { SOME_TOKEN: "abcdefgh12345678", DEPLOY_KEY: "s3cr3t-v@lue\"q" };

describe("a redactor remembers the last text it found clean", () => {
  afterEach(() => vi.restoreAllMocks());

  it("asked again for that text, it scans nothing (the store redacts the prompt the engine just redacted)", () => {
    const r = createRedactor({ env });
    const prompt = `You are the coding agent for module \`m0\`.\n${"Keep functions small. ".repeat(200)}`;
    expect(r.text(prompt)).toBe(prompt);
    const scans = vi.spyOn(RegExp.prototype, "test");
    const includes = vi.spyOn(String.prototype, "includes");
    expect(r.text(prompt)).toBe(prompt);
    expect(scans).not.toHaveBeenCalled();
    expect(includes).not.toHaveBeenCalled();
  });

  it("answers every sequence of texts as a fresh redactor answers each (property)", () => {
    // Texts made of words, separators, secrets, the environment's values and pieces of tokens, asked in any order and repeated.
    const pieces = [...Object.values(FAKE), env.SOME_TOKEN, env.DEPLOY_KEY, JSON.stringify(env.DEPLOY_KEY), "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "Bearer ", "://user:", "@host", "sk-", "ghp_", "eyJ", ".", "\n", " ", "plain words", "m0_extra.py"];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 12 }).map((parts) => parts.join(""));
    const asks = fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), asks, (texts, order) => {
        const remembering = createRedactor({ env });
        for (const i of order) {
          const input = texts[i % texts.length]!;
          expect(remembering.text(input)).toBe(createRedactor({ env }).text(input));
          expect(remembering.json(JSON.stringify(input))).toBe(createRedactor({ env }).json(JSON.stringify(input)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a text with a secret is never remembered: asked again, it is redacted again", () => {
    const r = createRedactor({ env });
    const dirty = `token ${FAKE.github} here`;
    const once = r.text(dirty);
    expect(once).toContain("[REDACTED:github-token]");
    expect(r.text(dirty)).toBe(once);
    expect(r.text(once)).toBe(once);
    expect(r.text(dirty)).toBe(once);
  });
});
