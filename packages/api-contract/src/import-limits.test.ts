import { describe, expect, it } from "vitest";
import { base64LengthOf, describeFileSize, importLimits, importRequestLimits } from "./import-limits.js";

describe("the import limits", () => {
  it("word a size rounded up, so a file over a limit never reads as the limit", () => {
    expect(describeFileSize(importLimits.docxBytes)).toBe("2 MB");
    expect(describeFileSize(importLimits.docxBytes + 1)).toBe("2.1 MB");
    expect(describeFileSize(3 * 1024 * 1024)).toBe("3 MB");
    expect(describeFileSize(1000)).toBe("1 KB");
    expect(describeFileSize(640 * 1024 + 1)).toBe("641 KB");
  });

  it("let a request carry a file somewhat over the limit, so the server can name its size", () => {
    expect(base64LengthOf(3)).toBe(4);
    expect(base64LengthOf(4)).toBe(8);
    expect(importRequestLimits.docxBase64Characters).toBeGreaterThan(base64LengthOf(importLimits.docxBytes));
    expect(importRequestLimits.markdownCharacters).toBeGreaterThan(importLimits.markdownCharacters);
  });
});
