import { describe, expect, it } from "vitest";
import { areSimilar, commonWordCount, countWords, wordBagOf } from "./words.js";

describe("countWords", () => {
  it.each([
    ["Officers must record.", 3],
    ["the officer's non-evidentiary recordings: 180 days;", 6],
    ["— § 12-407(b) —", 2],
    ["", 0],
  ])("counts the words of %j as %i", (text, count) => {
    expect(countWords(text)).toBe(count);
  });
});

describe("commonWordCount", () => {
  it("counts shared words with their repeats, ignoring case", () => {
    expect(commonWordCount(wordBagOf("As soon as practical"), wordBagOf("as soon as it is safe, as required"))).toBe(3);
  });
});

describe("areSimilar", () => {
  it.each<[string, number, number, number, boolean]>([
    ["two empty blocks", 0, 0, 0, true],
    ["texts sharing half their words", 5, 10, 10, true],
    ["texts sharing a few stop words", 2, 10, 12, false],
    ["a sentence grown into a paragraph", 7, 9, 30, true],
    ["a three-word line inside a long paragraph", 3, 3, 40, false],
  ])("judges %s", (_name, common, left, right, similar) => {
    expect(areSimilar(common, left, right)).toBe(similar);
  });
});
