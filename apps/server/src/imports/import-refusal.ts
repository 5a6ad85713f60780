/** Why an imported file was refused, as a code of the error catalogue. */
export type ImportRefusalCode = "import_too_large" | "import_unreadable" | "import_exceeds_limits";

/**
 * A file that cannot start a policy's draft: its code is the catalogue's (413 import_too_large, 422
 * import_unreadable or import_exceeds_limits) and its message says why, for the facilitator importing.
 * The use case turns it into an AccordError naming the file's field.
 */
export class ImportRefusal extends Error {
  readonly code: ImportRefusalCode;

  constructor(code: ImportRefusalCode, message: string) {
    super(message);
    this.name = "ImportRefusal";
    this.code = code;
  }
}
