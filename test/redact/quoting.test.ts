import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRedactor } from "../../src/redact/index.js";

// Fake tokens of real shapes, built here so that no scanner mistakes this file for a leak.
const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const GITHUB = `ghp_${rep("a1B2c3D4", 36)}`;
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${rep("dBjftJeZ4CVP", 43)}`;
const env = { SOME_TOKEN: "abcdefgh12345678", DEPLOY_KEY: "s3cr3t-v@lue\nline2", LONG_SECRET: `${"p4ss".repeat(8)}\n${"w0rd".repeat(8)}` };

/** A spec as a prompt quotes it: lines of prose, ending with a line break. */
const SPEC = `# Module m7\n\n${"It keeps the ledger balanced and reports each posting.\n".repeat(40)}`;
const HEAD = "You are the coding agent for module `m7`.\nThe request: implement system\n\n<module-spec>\n";
const TAIL = "</module-spec>\n\nWhat earlier work recorded:\n- m6 done after 1 attempt.\n";

describe("a prompt quoting a spec found clean is redacted without reading the spec again", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads the prompt around the spec and its seams, never the spec", () => {
    const r = createRedactor({ env });
    expect(r.remember(SPEC, "d7")).toBe(SPEC);
    const prompt = HEAD + SPEC + TAIL;
    const read: string[] = [];
    for (const method of ["test", "exec"] as const) {
      const original = RegExp.prototype[method] as (this: RegExp, s: string) => unknown;
      vi.spyOn(RegExp.prototype, method).mockImplementation(function (this: RegExp, s: string) {
        read.push(s);
        return original.call(this, s);
      } as never);
    }
    expect(r.quoting(prompt, SPEC, "d7")).toBe(prompt);
    expect(read.length).toBeGreaterThan(0);
    for (const s of read) expect(s.includes(SPEC.slice(40, SPEC.length - 40))).toBe(false);
    // Found clean, the prompt is remembered: the store's redaction of it reads nothing.
    read.length = 0;
    expect(r.text(prompt)).toBe(prompt);
    expect(read).toEqual([]);
  });

  it("redacts a secret before, after and across the seams as a whole-text redaction does", () => {
    const r = createRedactor({ env });
    // Clean alone, each of these ends where a secret may go on in the text after it.
    // The last lines are longer than any match's start: what crosses the end is found from the line's start.
    const line = `${"x".repeat(60)} `;
    const ends = {
      assignment: `${SPEC}${line}password = `,
      jwt: `${SPEC}${line}eyJ${"hbGciOiJIUzI1".repeat(4)}`,
      quoted: `${SPEC}${line}password = "${"k3y-v4lue".repeat(4)}`,
      value: `${SPEC}log in with ${env.SOME_TOKEN.slice(0, 6)}`,
      lines: `${SPEC}key ${env.DEPLOY_KEY.split("\n")[0]}\n`,
      long: `${SPEC}key ${env.LONG_SECRET.slice(0, 45)}`,
      block: `${SPEC}MIIEowIBAAKCAQEA\n`,
    };
    for (const [key, part] of Object.entries(ends)) expect(r.remember(part, key), key).toBe(part);
    const cases: [string, string, string][] = [
      [`${HEAD}${GITHUB}\n`, SPEC, TAIL],
      [HEAD, SPEC, `${TAIL}token: ${env.SOME_TOKEN}`],
      [HEAD, ends.assignment, "9f8e7d6c5b4a\n"],
      [HEAD, ends.jwt, `${JWT.slice(3)}\n`],
      [HEAD, ends.quoted, "k3y\" to log in\n"],
      [HEAD, ends.value, `${env.SOME_TOKEN.slice(6)} today\n`],
      [HEAD, ends.lines, `${env.DEPLOY_KEY.split("\n")[1]!} ok\n`],
      [HEAD, ends.long, `${env.LONG_SECRET.slice(45)} ok\n`],
      [`${HEAD}-----BEGIN RSA PRIVATE KEY-----\n`, ends.block, "-----END RSA PRIVATE KEY-----\n"],
      [`${HEAD}${line}api_k`, `ey=9f8e7d6c5b4a\n${SPEC}`, TAIL],
    ];
    const keys = new Map(Object.entries(ends).map(([k, v]) => [v, k]));
    for (const [head, part, tail] of cases) {
      const whole = head + part + tail;
      const expected = createRedactor({ env }).text(whole);
      expect(expected, JSON.stringify(tail)).not.toBe(whole);
      expect(r.quoting(whole, part, keys.get(part) ?? (r.remember(part, "spec"), "spec"))).toBe(expected);
    }
  });

  it("reads the whole text when the part was not found clean under its key, or is another text", () => {
    const r = createRedactor({ env });
    const dirty = `${SPEC}deploy with ${GITHUB}\n${SPEC}`;
    expect(r.remember(dirty, "dirty")).not.toBe(dirty);
    expect(r.quoting(HEAD + dirty + TAIL, dirty, "dirty")).toBe(r.text(HEAD + dirty + TAIL));
    expect(r.quoting(HEAD + dirty + TAIL, dirty, "dirty")).not.toContain(GITHUB);
    r.remember(SPEC, "d7");
    const other = `${SPEC.slice(0, 200)} ${GITHUB} ${SPEC.slice(200)}`;
    expect(other.length).not.toBe(SPEC.length);
    expect(r.quoting(HEAD + other + TAIL, other, "d7")).not.toContain(GITHUB);
    // A fresh redactor (the secrets read again) knows no part.
    expect(createRedactor({ env: { ...env, NEW_TOKEN: rep("q1w2e3r4", 20) } }).quoting(`${HEAD}${SPEC}${rep("q1w2e3r4", 20)}`, SPEC, "d7")).not.toContain(rep("q1w2e3r4", 20));
  });

  it("answers every text quoting a clean part as a whole-text redaction does (property)", () => {
    const pieces = [GITHUB, JWT, env.SOME_TOKEN, env.DEPLOY_KEY, "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "Bearer ", "://user:", "@host", "password=", "token: ", "sk-", "ghp_", "eyJ", ".", "\n", " ", "(", "plain words", "m0_extra.py"];
    const cut = (s: string) => fc.nat({ max: s.length }).map((n) => s.slice(0, n));
    const piece = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 }), fc.constantFrom(...pieces).chain(cut), fc.constantFrom(...pieces).chain((s) => fc.nat({ max: s.length }).map((n) => s.slice(n))));
    const text = (max: number) => fc.array(piece, { maxLength: max }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text(6), fc.array(fc.oneof(piece, fc.constant(SPEC.slice(0, 200))), { maxLength: 8 }), text(6), (head, parts, tail) => {
        const r = createRedactor({ env });
        const part = parts.join("");
        r.remember(part, "k");
        const whole = head + part + tail;
        expect(r.quoting(whole, part, "k")).toBe(createRedactor({ env }).text(whole));
      }),
      { numRuns: 2000 },
    );
  });
});
