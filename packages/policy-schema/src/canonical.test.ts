import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bodyWornCameraDemoDocument } from "./demo-policy.js";
import { canonicalizeDocument, contentHash } from "./canonical.js";

describe("the canonical form of a document", () => {
  it("hashes the canonical JSON text with SHA-256, as node's crypto computes it", () => {
    const canonical = canonicalizeDocument(bodyWornCameraDemoDocument);
    expect(canonical.hash).toBe(createHash("sha256").update(canonical.json, "utf8").digest("hex"));
    expect(contentHash(canonical.json)).toBe(canonical.hash);
  });

  it("gives the same hash whatever the key order, attribute defaults or text splitting", () => {
    const plain = { type: "doc", content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Purpose" }] }] };
    const variant = {
      content: [
        {
          content: [
            { text: "Pur", type: "text" },
            { text: "pose", type: "text" },
          ],
          type: "heading",
        },
      ],
      type: "doc",
    };
    expect(canonicalizeDocument(variant).hash).toBe(canonicalizeDocument(plain).hash);
  });

  it("writes keys sorted and no white space, with non-ASCII text as is", () => {
    const canonical = canonicalizeDocument({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Café — “quoted”" }] }],
    });
    expect(canonical.json).toBe('{"content":[{"content":[{"text":"Café — “quoted”","type":"text"}],"type":"paragraph"}],"type":"doc"}');
  });

  it("changes the hash when one character changes", () => {
    const a = canonicalizeDocument({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "90 days" }] }] });
    const b = canonicalizeDocument({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "180 days" }] }] });
    expect(a.hash).not.toBe(b.hash);
  });

  it("refuses a document outside the schema", () => {
    expect(() => canonicalizeDocument({ type: "doc", content: [{ type: "video" }] })).toThrow(/video/);
  });
});
