import { CollabProtocolError } from "./protocol-error.js";
import { collabCloseCodes } from "./protocol.js";

/**
 * A reader for the y-websocket envelope that refuses what lib0's lenient decoder would accept: truncated
 * input, varints longer than needed or beyond 2^53, lengths past the end, and trailing bytes.
 */
export class StrictDecoder {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  private fail(what: string): never {
    throw new CollabProtocolError(collabCloseCodes.invalidPayload, `Malformed message: ${what} at byte ${this.position}.`);
  }

  /** An unsigned varint in its shortest form, at most 53 bits (8 bytes). */
  readVarUint(): number {
    let value = 0;
    let multiplier = 1;
    for (let length = 1; length <= 8; length++) {
      if (this.position >= this.bytes.length) this.fail("truncated varint");
      const byte = this.bytes[this.position++] ?? 0;
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        // A last byte of 0 after continuation bytes is a padded (overlong) encoding.
        if (byte === 0 && length > 1) this.fail("overlong varint");
        if (value > Number.MAX_SAFE_INTEGER) this.fail("varint beyond 2^53");
        return value;
      }
      multiplier *= 128;
    }
    return this.fail("varint longer than 8 bytes");
  }

  /** A varint length followed by that many bytes. */
  readVarBytes(): Uint8Array {
    const length = this.readVarUint();
    if (length > this.bytes.length - this.position) this.fail(`length ${length} past the end`);
    const view = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }

  /** A varint length followed by that many bytes of UTF-8. */
  readVarString(): string {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(this.readVarBytes());
    } catch (error) {
      if (error instanceof CollabProtocolError) throw error;
      return this.fail("invalid UTF-8");
    }
  }

  /** Throws unless every byte was read. */
  expectEnd(): void {
    if (this.position !== this.bytes.length) this.fail(`${this.bytes.length - this.position} trailing bytes`);
  }
}
