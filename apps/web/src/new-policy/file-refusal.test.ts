import { describe, expect, it } from "vitest";
import { ApiError } from "../api.js";
import { FieldProblems } from "../components/field-problems.js";
import { fileRefusalOf } from "./file-refusal.js";

describe("fileRefusalOf", () => {
  it("ties the server's refusal of a Word file to the file field, in the server's words", () => {
    const message = "“policy.docx”: This file is not a Word document (.docx). Save it as .docx or as Markdown (.md) and try again.";
    const refused = new ApiError("import_unreadable", message, 422, [{ path: "/body/start/base64", message }]);
    expect(fileRefusalOf(refused)).toEqual({ fieldId: "start-file", message });
  });

  it("ties a Markdown file's refusal (its text) to the same field", () => {
    const message = "“notes.md”: This Markdown file makes 20,001 blocks; an imported policy may hold at most 20,000.";
    const refused = new ApiError("import_exceeds_limits", message, 422, [{ path: "/start/text", message }]);
    expect(fileRefusalOf(refused)).toEqual({ fieldId: "start-file", message });
  });

  it("words a fragment as a sentence naming the field, as every form does", () => {
    const refused = new ApiError("validation_failed", "The request is not valid.", 400, [
      { path: "/body/start/fileName", message: "must NOT have more than 200 characters" },
    ]);
    expect(fileRefusalOf(refused)).toEqual({ fieldId: "start-file", message: "File to import can be at most 200 characters long." });
  });

  it("keeps an import refusal that names no field on the file field, with its message", () => {
    const refused = new ApiError("import_too_large", "The file to import is larger than an imported policy may be.", 413);
    expect(fileRefusalOf(refused)).toEqual({
      fieldId: "start-file",
      message: "The file to import is larger than an imported policy may be.",
    });
  });

  it("leaves refusals about other answers, and errors that are not the server's, to the summary", () => {
    expect(fileRefusalOf(new ApiError("slug_taken", "That slug is taken.", 409, [{ path: "/slug", message: "is taken" }]))).toBeNull();
    expect(fileRefusalOf(new ApiError("validation_failed", "Bad.", 400, [{ path: "/start/templateId", message: "x" }]))).toBeNull();
    expect(fileRefusalOf(new FieldProblems({ "start/text": "Too long." }))).toBeNull();
    expect(fileRefusalOf(new Error("offline"))).toBeNull();
  });
});
