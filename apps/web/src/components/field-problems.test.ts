import { describe, expect, it } from "vitest";
import { ApiError } from "../api.js";
import { FieldProblems, fieldKey, fieldProblemsOf, labelFromKey, problemSentence } from "./field-problems.js";

describe("field problems for people", () => {
  it("name a field by the form's label, never by its path", () => {
    const refused = new ApiError("reason_required", "Give a reason for objecting to section 4.2.", 400, [
      { path: "/reason", message: "a reason is required" },
    ]);
    expect(fieldProblemsOf(refused, { reason: "Reason" })).toEqual({ reason: "Fill in reason." });
    expect(Object.values(fieldProblemsOf(refused, { reason: "Reason" })).join(" ")).not.toMatch(/\/|reason:/);
  });

  it("keep a message that is already a sentence", () => {
    expect(problemSentence("Reason", "Give a reason for objecting to section 4.2.")).toBe("Give a reason for objecting to section 4.2.");
    // An import's refusal starts with the file's name in quotation marks.
    const refusal = "“policy.docx”: This file is not a Word document (.docx). Save it as .docx or as Markdown (.md) and try again.";
    expect(problemSentence("File to import", refusal)).toBe(refusal);
  });

  it("turn the validator's fragments into sentences", () => {
    expect(problemSentence("Reason", "must NOT have more than 4000 characters")).toBe("Reason can be at most 4000 characters long.");
    expect(problemSentence("Meeting reference", "must NOT have fewer than 1 characters")).toBe("Fill in meeting reference.");
    expect(problemSentence("Meeting date", 'must match format "date"')).toBe("Meeting date must be a date (YYYY-MM-DD).");
    expect(problemSentence("Section", "is required")).toBe("Fill in section.");
  });

  it("find the field inside the request part, and a label when the form gives none", () => {
    expect(fieldKey("/body/voteTally/for")).toBe("voteTally/for");
    expect(labelFromKey("meetingReference")).toBe("Meeting reference");
    expect(labelFromKey("voteTally/for")).toBe("Vote tally, for");
    const refused = new ApiError("validation_failed", "The request is not valid.", 400, [
      { path: "/body/meetingReference", message: "is required" },
    ]);
    expect(fieldProblemsOf(refused)).toEqual({ meetingReference: "Fill in meeting reference." });
  });

  it("read a form's own problems, found before sending, the same way as the server's", () => {
    const found = new FieldProblems({
      effectiveDate: "Give the effective date (YYYY-MM-DD).",
      "voteTally/for": "must NOT have more than 6 characters",
    });
    expect(fieldProblemsOf(found, { "voteTally/for": "For" })).toEqual({
      effectiveDate: "Give the effective date (YYYY-MM-DD).",
      "voteTally/for": "For can be at most 6 characters long.",
    });
    expect(found.message).toBe("There is a problem with what was filled in:");
  });

  it("are none for an error that names no field", () => {
    expect(fieldProblemsOf(new Error("Network down."))).toEqual({});
    expect(fieldProblemsOf(new ApiError("version_unchanged", "The draft has not changed since version 2.", 409))).toEqual({});
  });
});
