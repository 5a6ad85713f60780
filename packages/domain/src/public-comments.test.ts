import { describe, expect, it } from "vitest";
import {
  assertWithinCommentLimits,
  checkPublicComment,
  defaultPublicCommentLimits,
  groupNearDuplicates,
  nearDuplicateKey,
  publicCommentProblems,
} from "./public-comments.js";

const section = "Officers shall activate the camera before arriving at any call for service.";
const submission = { body: "Please say when cameras may be switched off.", quote: "", name: "", organisation: "" };

describe("publicCommentProblems", () => {
  it("accepts a comment of up to 5,000 characters, counting characters rather than UTF-16 units", () => {
    expect(publicCommentProblems({ ...submission, body: "a".repeat(5000) }, section)).toEqual([]);
    expect(publicCommentProblems({ ...submission, body: "😀".repeat(5000) }, section)).toEqual([]);
    expect(publicCommentProblems({ ...submission, body: "a".repeat(5001) }, section)).toEqual([
      { path: "body", message: "Your comment is 5001 characters long; the limit is 5000." },
    ]);
  });

  it("refuses a blank comment and control characters, but keeps line breaks in the body", () => {
    expect(publicCommentProblems({ ...submission, body: " \n " }, section)[0]?.path).toBe("body");
    expect(publicCommentProblems({ ...submission, body: "one\nline\r\nand tab\t" }, section)).toEqual([]);
    expect(publicCommentProblems({ ...submission, body: "bell\u0007" }, section)[0]?.message).toContain("U+0007");
    expect(publicCommentProblems({ ...submission, name: "two\nlines" }, section)[0]?.path).toBe("name");
  });

  it("takes a quotation only when it is the section's own words", () => {
    expect(publicCommentProblems({ ...submission, quote: "activate  the\tcamera" }, section)).toEqual([]);
    expect(publicCommentProblems({ ...submission, quote: "deactivate the camera" }, section)).toEqual([
      { path: "quote", message: "The quotation must be exact words of this section." },
    ]);
  });

  it("bounds the name and the organisation", () => {
    expect(publicCommentProblems({ ...submission, name: "n".repeat(121) }, section)[0]?.path).toBe("name");
    expect(publicCommentProblems({ ...submission, organisation: "o".repeat(240) }, section)).toEqual([]);
  });
});

describe("checkPublicComment", () => {
  it("returns the comment trimmed, or throws validation_failed with every field", () => {
    expect(checkPublicComment({ ...submission, body: "  ok  ", name: " Ana " }, section)).toEqual({
      body: "ok",
      quote: "",
      name: "Ana",
      organisation: "",
    });
    expect(() => checkPublicComment({ ...submission, body: "", quote: "nope" }, section)).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        fields: [
          { path: "/body/body", message: "Write your comment." },
          { path: "/body/quote", message: "The quotation must be exact words of this section." },
        ],
      }),
    );
  });
});

describe("near-duplicate grouping", () => {
  it("groups the same words whatever their case, punctuation, quote marks or line breaks", () => {
    const key = nearDuplicateKey("Cameras must stay ON during every stop!");
    expect(nearDuplicateKey("cameras must stay on\nduring every stop")).toBe(key);
    expect(nearDuplicateKey("“Cameras” must stay on — during every stop.")).toBe(key);
    expect(nearDuplicateKey("Ｃａｍｅｒａｓ must stay on during every stop")).toBe(key);
    expect(nearDuplicateKey("Cameras must stay on during most stops")).not.toBe(key);
  });

  it("puts 500 identical comments in one group, largest groups first", () => {
    const comments = [
      { id: "single", body: "Something else." },
      ...Array.from({ length: 500 }, (_, index) => ({ id: `same-${index}`, body: index % 2 ? "Keep the footage!" : "keep the footage" })),
    ];
    const groups = groupNearDuplicates(comments);
    expect(groups.map((group) => group.length)).toEqual([500, 1]);
    expect(groups[0]![0]!.id).toBe("same-0");
  });
});

describe("assertWithinCommentLimits", () => {
  it("refuses with 429 once an address or an e-mail has sent its allowance in the window", () => {
    const { perAddress, perEmail } = defaultPublicCommentLimits;
    expect(() => assertWithinCommentLimits(defaultPublicCommentLimits, { byAddress: perAddress - 1, byEmail: null })).not.toThrow();
    expect(() => assertWithinCommentLimits(defaultPublicCommentLimits, { byAddress: perAddress, byEmail: null })).toThrow(
      expect.objectContaining({ code: "too_many_comments", status: 429 }),
    );
    expect(() => assertWithinCommentLimits(defaultPublicCommentLimits, { byAddress: 0, byEmail: perEmail })).toThrow(
      expect.objectContaining({ code: "too_many_comments" }),
    );
  });
});
