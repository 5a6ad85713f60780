import { crc32, createInflateRaw } from "node:zlib";
import { importLimits } from "@accord/api-contract/import-limits";
import { ImportRefusal } from "./import-refusal.js";

// A Word file is a zip, and mammoth unpacks it with JSZip, which trusts the zip's headers and inflates each
// part whole into memory. A hostile file can lie in those headers: its central directory declares a few
// bytes for a part that inflates to gigabytes (a zip bomb), or its local header and central directory
// describe a part differently, so that two readers see two different files. So before mammoth sees a
// file, every part is checked here: the directory's own description (entry count, declared sizes against
// the limit, no encryption, no ZIP64, no name twice), the local header against the directory, and then each
// part inflated as a stream that is stopped as soon as it passes its declared size, so no part ever
// inflates to more than it declared and the declared sizes together stay within the limit. A part that
// inflates to exactly what it declared, with the declared CRC-32, is what JSZip will then unpack.

/** The limits this check enforces (`importLimits` of @accord/api-contract unless a test passes others). */
export interface DocxZipLimits {
  readonly docxEntries: number;
  readonly docxUnpackedBytes: number;
}

/** What the check found of a file that passed it. */
export interface DocxZipSummary {
  entries: number;
  unpackedBytes: number;
}

const endOfCentralDirectory = 0x06054b50;
const zip64Locator = 0x07064b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;
const stored = 0;
const deflated = 8;

/** The refusal of a file that is not a Word document at all. */
export const notWordFile = "This file is not a Word document (.docx). Save it as .docx or as Markdown (.md) and try again.";
const damaged =
  "This Word document is damaged or was altered: its parts do not match what its index says of them, so it was not imported. " +
  "Open it in Word, save it again as .docx, and try again.";

function unreadable(message = damaged): ImportRefusal {
  return new ImportRefusal("import_unreadable", message);
}

/** Where the end-of-central-directory record starts: within the last 22 bytes plus a comment of at most 65,535. */
function findEndRecord(view: DataView): number {
  for (let offset = view.byteLength - 22; offset >= Math.max(0, view.byteLength - 22 - 65_535); offset--) {
    if (view.getUint32(offset, true) === endOfCentralDirectory) return offset;
  }
  throw unreadable(notWordFile);
}

/** The outcome of inflating with a cap: the bytes, or how many were inflated before stopping. */
export type CappedInflation = { kind: "inflated"; bytes: Buffer } | { kind: "over_cap"; inflatedBytes: number } | { kind: "corrupt" };

/**
 * Inflates raw deflate data as a stream and stops it as soon as more than `capBytes` come out, so a
 * part that lies about its size costs at most the cap and one stream chunk, never what it would unpack to.
 */
export function inflateWithCap(data: Uint8Array, capBytes: number): Promise<CappedInflation> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let inflatedBytes = 0;
    let settled = false;
    const settle = (outcome: CappedInflation) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    inflater.on("data", (chunk: Buffer) => {
      if (settled) return;
      inflatedBytes += chunk.length;
      if (inflatedBytes > capBytes) {
        settle({ kind: "over_cap", inflatedBytes });
        inflater.destroy();
        return;
      }
      chunks.push(chunk);
    });
    inflater.on("error", () => settle({ kind: "corrupt" }));
    inflater.on("end", () => settle({ kind: "inflated", bytes: Buffer.concat(chunks, inflatedBytes) }));
    inflater.end(data);
  });
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedBytes: number;
  unpackedBytes: number;
  localOffset: number;
}

/** The entries the central directory lists, checked on their own: count, sizes, no encryption, no ZIP64, no twin names. */
function centralEntries(file: Uint8Array, view: DataView, limits: DocxZipLimits): { entries: ZipEntry[]; directoryStart: number } {
  const end = findEndRecord(view);
  if (end >= 20 && view.getUint32(end - 20, true) === zip64Locator) {
    throw new ImportRefusal(
      "import_exceeds_limits",
      "This Word document is in the ZIP64 format used only for files far larger than a policy.",
    );
  }
  const entriesOnDisk = view.getUint16(end + 8, true);
  const entryCount = view.getUint16(end + 10, true);
  const directoryBytes = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0 || entriesOnDisk !== entryCount) throw unreadable();
  if (entryCount > limits.docxEntries) {
    throw new ImportRefusal(
      "import_exceeds_limits",
      `This Word document holds ${entryCount.toLocaleString("en")} parts; an imported document may hold at most ${limits.docxEntries.toLocaleString("en")}.`,
    );
  }
  if (directoryStart + directoryBytes > end) throw unreadable();
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let declaredTotal = 0;
  let offset = directoryStart;
  for (let index = 0; index < entryCount; index++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== centralHeader) throw unreadable();
    const nameLength = view.getUint16(offset + 28, true);
    const entry: ZipEntry = {
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedBytes: view.getUint32(offset + 20, true),
      unpackedBytes: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
      name: decoder.decode(file.subarray(offset + 46, offset + 46 + nameLength)),
    };
    if (entry.unpackedBytes === 0xffffffff || entry.compressedBytes === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new ImportRefusal(
        "import_exceeds_limits",
        "This Word document is in the ZIP64 format used only for files far larger than a policy.",
      );
    }
    if (entry.flags & 1) throw unreadable("This Word document is encrypted. Remove its password in Word, save it again, and try again.");
    if (entry.method !== stored && entry.method !== deflated) throw unreadable();
    if (names.has(entry.name)) throw unreadable();
    names.add(entry.name);
    declaredTotal += entry.unpackedBytes;
    entries.push(entry);
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  if (offset > directoryStart + directoryBytes) throw unreadable();
  if (declaredTotal > limits.docxUnpackedBytes) throw unpacksTooMuch(limits);
  return { entries, directoryStart };
}

function unpacksTooMuch(limits: DocxZipLimits): ImportRefusal {
  return new ImportRefusal(
    "import_exceeds_limits",
    `This Word document unpacks to more than ${Math.round(limits.docxUnpackedBytes / 1024 / 1024)} MB, far more than any policy's text: it was not imported.`,
  );
}

/** The bytes of an entry's data, after checking its local header against the central directory's entry. */
function entryData(file: Uint8Array, view: DataView, entry: ZipEntry, directoryStart: number): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > directoryStart || view.getUint32(at, true) !== localHeader) throw unreadable();
  const localFlags = view.getUint16(at + 6, true);
  const localMethod = view.getUint16(at + 8, true);
  const nameLength = view.getUint16(at + 26, true);
  const dataStart = at + 30 + nameLength + view.getUint16(at + 28, true);
  const localName = new TextDecoder("utf-8", { fatal: false }).decode(file.subarray(at + 30, at + 30 + nameLength));
  if (localMethod !== entry.method || localName !== entry.name || (localFlags & 1) !== 0) throw unreadable();
  const local = { crc: view.getUint32(at + 14, true), compressed: view.getUint32(at + 18, true), unpacked: view.getUint32(at + 22, true) };
  // Bit 3: the sizes and CRC follow the data (a data descriptor), and the local header may hold zeros.
  const deferred = (localFlags & 8) !== 0 && local.crc === 0 && local.compressed === 0 && local.unpacked === 0;
  if (!deferred && (local.crc !== entry.crc || local.compressed !== entry.compressedBytes || local.unpacked !== entry.unpackedBytes)) {
    throw unreadable();
  }
  if (dataStart + entry.compressedBytes > directoryStart) throw unreadable();
  return file.subarray(dataStart, dataStart + entry.compressedBytes);
}

/**
 * Checks a Word file's zip before anything unpacks it (see the comment at the top): throws ImportRefusal
 * (import_unreadable, import_exceeds_limits) for a file that is not a zip, lies in its headers, or holds
 * too many parts or too much; returns what it found otherwise.
 */
export async function checkDocxZip(file: Uint8Array, limits: DocxZipLimits = importLimits): Promise<DocxZipSummary> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const { entries, directoryStart } = centralEntries(file, view, limits);
  let unpackedBytes = 0;
  for (const entry of entries) {
    const data = entryData(file, view, entry, directoryStart);
    let bytes: Uint8Array;
    if (entry.method === stored) {
      if (data.length !== entry.unpackedBytes) throw unreadable();
      bytes = data;
    } else {
      const inflation = await inflateWithCap(data, entry.unpackedBytes);
      // More than declared is a zip bomb's lie (refused without inflating the rest); less, or a broken
      // stream, is a damaged file.
      if (inflation.kind !== "inflated" || inflation.bytes.length !== entry.unpackedBytes) throw unreadable();
      bytes = inflation.bytes;
    }
    if (crc32(bytes) !== entry.crc) throw unreadable();
    unpackedBytes += bytes.length;
  }
  if (unpackedBytes > limits.docxUnpackedBytes) throw unpacksTooMuch(limits);
  return { entries: entries.length, unpackedBytes };
}
