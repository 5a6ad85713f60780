import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/** What a zip's headers say of one entry, where a test makes them lie. */
export interface DeclaredEntry {
  crc?: number;
  compressedBytes?: number;
  unpackedBytes?: number;
}

/** One entry of a zip built by `zipOf`: its content, and what its two headers declare if not the truth. */
export interface ZipEntrySpec {
  name: string;
  content: Uint8Array;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: 0 | 8;
  /** Overrides of the central directory's description of the entry. */
  central?: DeclaredEntry;
  /** Overrides of the local header's description of the entry. */
  local?: DeclaredEntry;
}

/**
 * A zip file built byte by byte, so that a test can make its headers lie: a central directory that
 * declares a small size for an entry that inflates to far more (a zip bomb), or a local header that
 * disagrees with the central directory.
 */
export function zipOf(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const data = method === 8 ? deflateRawSync(entry.content) : Buffer.from(entry.content);
    const truth = { crc: crc32(entry.content), compressedBytes: data.length, unpackedBytes: entry.content.length };
    const local = { ...truth, ...entry.local };
    const central = { ...truth, ...entry.central };
    const name = Buffer.from(entry.name, "utf8");

    const localHeader = Buffer.alloc(30);
    localHeader.writeUInt32LE(0x04034b50, 0);
    localHeader.writeUInt16LE(20, 4);
    localHeader.writeUInt16LE(method, 8);
    localHeader.writeUInt32LE(local.crc, 14);
    localHeader.writeUInt32LE(local.compressedBytes, 18);
    localHeader.writeUInt32LE(local.unpackedBytes, 22);
    localHeader.writeUInt16LE(name.length, 26);
    locals.push(localHeader, name, data);

    const centralHeader = Buffer.alloc(46);
    centralHeader.writeUInt32LE(0x02014b50, 0);
    centralHeader.writeUInt16LE(20, 4);
    centralHeader.writeUInt16LE(20, 6);
    centralHeader.writeUInt16LE(method, 10);
    centralHeader.writeUInt32LE(central.crc, 16);
    centralHeader.writeUInt32LE(central.compressedBytes, 20);
    centralHeader.writeUInt32LE(central.unpackedBytes, 24);
    centralHeader.writeUInt16LE(name.length, 28);
    centralHeader.writeUInt32LE(offset, 42);
    centrals.push(centralHeader, name);
    offset += localHeader.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a zip (such as a .docx the `docx` package wrote), with their unpacked content. */
export function zipEntries(zip: Buffer): ZipEntrySpec[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries: ZipEntrySpec[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    const method = zip.readUInt16LE(at + 10);
    const compressedBytes = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressedBytes);
    entries.push({ name, content: method === 8 ? inflateRawSync(data) : Buffer.from(data) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * A Word file turned into a zip bomb: its `word/document.xml` inflates to `inflatesTo` bytes of spaces
 * (a few kilobytes compressed), while both its headers declare the original part's size.
 */
export function docxBomb(docx: Buffer, inflatesTo: number): Buffer {
  return zipOf(
    zipEntries(docx).map((entry) => {
      if (entry.name !== "word/document.xml") return entry;
      const declared = { unpackedBytes: entry.content.length, crc: crc32(entry.content) };
      return { ...entry, content: Buffer.alloc(inflatesTo, " "), central: declared, local: declared };
    }),
  );
}
