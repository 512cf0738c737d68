/**
 * Requests to build told without a build verb: a third party's wish ("customers want the HMAC signature to
 * cover the timestamp too"), a capability wished for ("floodlit pitches should be bookable"), and asking
 * whether it can be had ("is possible to have the tables also for cups?"). Each looks at a word and a
 * few around it.
 */

/** Who a product is built for: their wish is a request to build, not the speaker's plan. */
const PARTY = new Set(["customers", "users", "clients", "people", "parents", "members", "admins", "staff", "partners", "merchants",
  "tenants", "drivers", "players", "teachers", "students", "patients", "pharmacists", "secretaries", "accountants"]);
const WANT = new Set(["want", "wants", "wanted", "need", "needs", "request", "requested"]);
/** "should be bookable", "must be exportable": a capability, not a state that is wrong. */
const ABLE = /^[a-z]{3,}(?:able|ible)$/;
const NOT_CAPABILITY = new Set(["possible", "visible", "available", "responsible", "reasonable", "stable", "table", "variable", "able"]);
/** Verbs after "possible to" that ask to have a thing, not to learn something ("is it possible to see why"). */
const HAVE = new Set(["have", "get", "add", "make"]);

/** The words that ask to build at word `at`, if they do. */
export function wishedFor(words: readonly string[], at: number): string | undefined {
  const word = words[at] ?? "";
  const next = words[at + 1] ?? "";
  if (PARTY.has(word) && WANT.has(next) && (words[at + 2] === "the" || words[at + 2] === "a" || words[at + 2] === "an" || words[at + 2] === "to")) return `${word} ${next}`;
  if ((word === "should" || word === "must") && next === "be" && ABLE.test(words[at + 2] ?? "") && !NOT_CAPABILITY.has(words[at + 2] ?? "")) return `${word} be ${words[at + 2]}`;
  // "is it possible to have", and as people write it without the "it": "is possible to have".
  if (word === "possible" && next === "to" && HAVE.has(words[at + 2] ?? "") && (words[at - 1] === "is" || words[at - 1] === "it" || words[at - 1] === "be")) return `possible to ${words[at + 2]}`;
  return undefined;
}
