import { describe, expect, it } from "vitest";
import { clauseWords, findAsking } from "../../src/analyze/asking.js";
import { typeWords } from "../../src/analyze/text.js";

describe("clauseWords", () => {
  it("gives typeWords' words with where sentences and clauses start", () => {
    const text = "Explain Money.allocate, then fix it. Can't you?\nok";
    expect(clauseWords(text).map((w) => w.word)).toEqual(typeWords(text));
    expect(clauseWords(text).filter((w) => w.start).map((w) => `${w.start} ${w.word}`)).toEqual(
      ["sentence explain", "clause then", "sentence can", "sentence ok"],
    );
  });
});

describe("findAsking", () => {
  const ask = (text: string) => findAsking(clauseWords(text)).map((a) => ({ text: a.text, about: clauseWords(text).slice(a.from, a.end).map((w) => w.word).join(" "), explains: a.explains }));

  it("finds the opener after polite words and the words up to the next request", () => {
    expect(ask("could you please explain the crash and then fix it")).toEqual([{ text: "explain", about: "the crash and", explains: true }]);
    expect(ask("I'd like to understand how balances roll up")).toEqual([{ text: "understand", about: "how balances roll up", explains: true }]);
    expect(ask("how does the journal build entries? add a test")).toEqual([{ text: "how does", about: "the journal build entries", explains: false }]);
    expect(ask("the importer is slow, review it")).toEqual([{ text: "review", about: "it", explains: false }]);
  });

  it("needs a question word's auxiliary, and a sentence's head for `which`", () => {
    expect(ask("how the importer works")).toEqual([]);
    expect(ask("add a flag, which turns off rounding")).toEqual([]);
    expect(ask("which tests build the fixtures?")).toEqual([{ text: "which", about: "tests build the fixtures", explains: false }]);
  });

  it("takes a question word with any verb at the head of a question", () => {
    expect(ask("what decides which articles go into the feed?")).toEqual([{ text: "what", about: "decides which articles go into the feed", explains: false }]);
    expect(ask("who decides which comments are held?")).toEqual([{ text: "who", about: "decides which comments are held", explains: false }]);
    expect(ask("when is the digest sent?")).toEqual([{ text: "when is", about: "the digest sent", explains: false }]);
    // Without the question mark, or after a comma, it is no question.
    expect(ask("what decides which articles go into the feed")).toEqual([]);
    expect(ask("add a feed, what decides the order?")).toEqual([]);
  });
});
