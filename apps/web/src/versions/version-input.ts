/** The limits of a version's label and note, as the server enforces them. */
export const versionLabelMaxLength = 120;
export const versionNoteMaxLength = 2000;

/** What the save-version form sends, or why it cannot be sent and which field ("label", "note") is at fault. */
export type VersionInput = { ok: true; input: { label: string; note?: string } } | { ok: false; field: "label" | "note"; problem: string };

/**
 * Checks the save form's fields before sending. The browser's own checks (required, maxlength) catch
 * most mistakes; this catches what they let through, such as a label of spaces only, so the person is
 * told in words rather than by a bare validation error from the server.
 */
export function readVersionInput(label: string, note: string): VersionInput {
  const trimmedLabel = label.trim();
  const trimmedNote = note.trim();
  if (trimmedLabel === "") return { ok: false, field: "label", problem: "Give the version a label, such as “Before the board meeting”." };
  if (trimmedLabel.length > versionLabelMaxLength) {
    return { ok: false, field: "label", problem: `The label is ${trimmedLabel.length} characters; at most ${versionLabelMaxLength} fit.` };
  }
  if (trimmedNote.length > versionNoteMaxLength) {
    return { ok: false, field: "note", problem: `The note is ${trimmedNote.length} characters; at most ${versionNoteMaxLength} fit.` };
  }
  // An empty note is left out rather than sent as "", so the server keeps its own default.
  return { ok: true, input: trimmedNote === "" ? { label: trimmedLabel } : { label: trimmedLabel, note: trimmedNote } };
}
