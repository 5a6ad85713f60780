import { zipEntries } from "./hostile-zips.js";

/**
 * The parts of a .docx (a zip), read through its central directory, so that a test can look at the XML
 * and relationships themselves and not only at what mammoth makes of them.
 */
export function docxParts(zip: Buffer): Map<string, string> {
  return new Map(zipEntries(zip).map((entry) => [entry.name, Buffer.from(entry.content).toString("utf8")]));
}
