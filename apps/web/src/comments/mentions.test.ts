import { describe, expect, it } from "vitest";
import { insertMention, matchingCandidates, mentionedIds, mentionQueryAt, splitMentions } from "./mentions.js";

const maria = { id: "u-maria", name: "Maria Lopez" };
const mark = { id: "u-mark", name: "Mark Chen" };
const ann = { id: "u-ann", name: "Ann" };
const anna = { id: "u-anna", name: "Anna Berg" };
const members = [maria, mark, ann, anna];

describe("mentionQueryAt", () => {
  it("finds the name being typed after an @ at the start or after a space", () => {
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("Thanks @Ma", 10)).toEqual({ start: 7, query: "Ma" });
    expect(mentionQueryAt("Ask @Maria Lo", 13)).toEqual({ start: 4, query: "Maria Lo" });
    expect(mentionQueryAt("(@Ann", 5)).toEqual({ start: 1, query: "Ann" });
  });

  it("reads only up to the caret", () => {
    expect(mentionQueryAt("Ask @Mark about it", 8)).toEqual({ start: 4, query: "Mar" });
  });

  it("leaves e-mail addresses, finished lines and stray @ alone", () => {
    expect(mentionQueryAt("write to clerk@example.org", 26)).toBeNull();
    expect(mentionQueryAt("@Maria\nnext line", 16)).toBeNull();
    expect(mentionQueryAt("at @ the meeting", 16)).toBeNull();
    expect(mentionQueryAt("no mention here", 15)).toBeNull();
    expect(mentionQueryAt(`@${"x".repeat(41)}`, 42)).toBeNull();
  });
});

describe("matchingCandidates", () => {
  it("offers names starting with the text first, then names with a word starting with it", () => {
    expect(matchingCandidates(members, "ma").map((person) => person.id)).toEqual(["u-maria", "u-mark"]);
    expect(matchingCandidates(members, "lo").map((person) => person.id)).toEqual(["u-maria"]);
    expect(matchingCandidates(members, "ann").map((person) => person.id)).toEqual(["u-ann", "u-anna"]);
  });

  it("offers everyone for a bare @, up to the limit", () => {
    expect(matchingCandidates(members, "")).toHaveLength(4);
    expect(matchingCandidates(members, "", 2)).toHaveLength(2);
  });

  it("ignores case and finds nobody for a name not in the group", () => {
    expect(matchingCandidates(members, "MARIA L").map((person) => person.id)).toEqual(["u-maria"]);
    expect(matchingCandidates(members, "zed")).toEqual([]);
  });
});

describe("insertMention", () => {
  it("replaces what was typed with @Name and a space, and puts the caret after it", () => {
    const text = "Ask @Ma about retention";
    const result = insertMention(text, { start: 4, query: "Ma" }, 7, "Maria Lopez");
    expect(result.text).toBe("Ask @Maria Lopez about retention");
    expect(result.caret).toBe("Ask @Maria Lopez ".length);
  });

  it("adds the space at the end of the text", () => {
    expect(insertMention("@An", { start: 0, query: "An" }, 3, "Ann")).toEqual({ text: "@Ann ", caret: 5 });
  });
});

describe("mentionedIds", () => {
  it("keeps the chosen people whose @Name is still in the text, once each", () => {
    expect(mentionedIds("@Maria Lopez and @Mark Chen, see @Maria Lopez's note", [maria, mark, maria])).toEqual(["u-maria", "u-mark"]);
  });

  it("drops someone chosen and then deleted from the text", () => {
    expect(mentionedIds("@Mark Chen only", [maria, mark])).toEqual(["u-mark"]);
  });

  it("does not take @Anna Berg for a mention of Ann", () => {
    expect(mentionedIds("Thanks @Anna Berg", [ann, anna])).toEqual(["u-anna"]);
  });

  it("sends at most twenty", () => {
    const many = Array.from({ length: 25 }, (_, index) => ({ id: `u-${index}`, name: `Person ${index}` }));
    const text = many.map((person) => `@${person.name}`).join(" ");
    expect(mentionedIds(text, many)).toHaveLength(20);
  });
});

describe("splitMentions", () => {
  it("marks the mentions of the people a comment mentions and keeps the rest as text", () => {
    expect(splitMentions("@Maria Lopez, see 4.2 with @Ann.", [maria, ann])).toEqual([
      { text: "@Maria Lopez", mention: true },
      { text: ", see 4.2 with ", mention: false },
      { text: "@Ann", mention: true },
      { text: ".", mention: false },
    ]);
  });

  it("prefers the longer name and leaves @ words of people not mentioned as text", () => {
    expect(splitMentions("@Anna Berg and @Someone", [ann, anna])).toEqual([
      { text: "@Anna Berg", mention: true },
      { text: " and @Someone", mention: false },
    ]);
  });

  it("keeps text with no mentions whole", () => {
    expect(splitMentions("Plain text.", [])).toEqual([{ text: "Plain text.", mention: false }]);
  });
});
