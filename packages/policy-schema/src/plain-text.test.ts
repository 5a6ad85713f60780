import { describe, expect, it } from "vitest";
import { bodyWornCameraDemoDocument } from "./demo-policy.js";
import {
  blockquoteJSON,
  bulletListJSON,
  docJSON,
  emailLinkJSON,
  hardBreakJSON,
  headingJSON,
  linkJSON,
  listItemJSON,
  orderedListJSON,
  paragraphJSON,
  strongJSON,
} from "./document-json.js";
import { documentToPlainText } from "./plain-text.js";
import { parsePolicyDocument } from "./validate.js";

describe("documentToPlainText", () => {
  it("puts section numbers in front of headings and blank lines between blocks", () => {
    const doc = parsePolicyDocument(
      docJSON(
        headingJSON(1, "Purpose"),
        paragraphJSON("Why."),
        headingJSON(2, "Detail"),
        headingJSON(3, "Clause"),
        headingJSON(1, "Scope"),
      ),
    );
    expect(documentToPlainText(doc)).toBe("1 Purpose\n\nWhy.\n\n1.1 Detail\n\n1.1.a Clause\n\n2 Scope");
  });

  it("writes lists as a person would type them, nested lists indented", () => {
    const doc = parsePolicyDocument(
      docJSON(orderedListJSON("first", listItemJSON(paragraphJSON("second"), bulletListJSON("inner one", "inner two"))), {
        type: "ordered_list",
        attrs: { order: 9 },
        content: [listItemJSON(paragraphJSON("ninth")), listItemJSON(paragraphJSON("tenth"))],
      }),
    );
    expect(documentToPlainText(doc)).toBe("1. first\n2. second\n   - inner one\n   - inner two\n\n9. ninth\n10. tenth");
  });

  it("marks quotes with > and keeps hard breaks as line breaks", () => {
    const doc = parsePolicyDocument(
      docJSON(blockquoteJSON(paragraphJSON("Line one", hardBreakJSON(), "line two"), paragraphJSON("— Statute"))),
    );
    expect(documentToPlainText(doc)).toBe("> Line one\n> line two\n>\n> — Statute");
  });

  it("follows a link's words with its address, unless the words are the address", () => {
    const doc = parsePolicyDocument(
      docJSON(
        paragraphJSON(
          "See the ",
          linkJSON("Body-Worn Camera ", "https://bja.ojp.gov/program/bwc"),
          linkJSON("Toolkit", "https://bja.ojp.gov/program/bwc"),
          ".",
        ),
        paragraphJSON("Write to ", emailLinkJSON("a@b.example"), " or ", linkJSON("https://x.example/", "https://x.example/"), "."),
      ),
    );
    expect(documentToPlainText(doc)).toBe(
      "See the Body-Worn Camera Toolkit (https://bja.ojp.gov/program/bwc).\n\nWrite to a@b.example or https://x.example/.",
    );
  });

  it("drops formatting but keeps the words", () => {
    const doc = parsePolicyDocument(docJSON(paragraphJSON("Officers ", strongJSON("must"), " record.")));
    expect(documentToPlainText(doc)).toBe("Officers must record.");
  });

  it("contains the section numbers of the demo policy", () => {
    const text = documentToPlainText(parsePolicyDocument(bodyWornCameraDemoDocument));
    expect(text.startsWith("1 Purpose\n")).toBe(true);
    expect(text).toContain("\n4.2 Timing of activation\n");
    expect(text).toContain("\n9.3.a Release timeline\n");
    expect(text).toContain("\n12 Community Reporting\n");
  });
});
