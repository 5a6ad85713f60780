import { ApiError } from "../api.js";
import { fieldProblemsOf } from "../components/field-problems.js";
import type { Problem } from "./error-summary.js";

/** The id of the start step's file input, where the summary's link about the file leads. */
export const startFileFieldId = "start-file";

/** The label of the file field, which names it in a problem the server words without it. */
export const startFileLabel = "File to import";

// The request's fields that carry the imported file (`start` of POST /api/policies): the server names the
// one it refused (`/start/text` for Markdown, `/start/base64` for Word), and the start step shows both as
// its one file field.
const fileFields = ["start/text", "start/base64", "start/fileName", "start/kind"] as const;

/** The catalogue's refusals of an imported file (413 import_too_large, 422 import_unreadable or import_exceeds_limits). */
const importRefusals: ReadonlySet<string> = new Set(["import_too_large", "import_unreadable", "import_exceeds_limits"]);

/**
 * The problem of the file field in a refusal of "Create policy": the server's words about the imported
 * file, read as every form reads a server's field problems (`fieldProblemsOf`, fields by JSON pointer), or
 * its message when an import refusal names no field. Null when the refusal is about something else.
 */
export function fileRefusalOf(error: unknown): Problem | null {
  if (!(error instanceof ApiError)) return null;
  const problems = fieldProblemsOf(error, Object.fromEntries(fileFields.map((field) => [field, startFileLabel])));
  const words = fileFields.map((field) => problems[field]).filter((sentence) => sentence !== undefined);
  if (words.length > 0) return { fieldId: startFileFieldId, message: [...new Set(words)].join(" ") };
  if (importRefusals.has(error.code)) return { fieldId: startFileFieldId, message: error.message };
  return null;
}
