import { describe, expect, it } from "vitest";
import { bodyWornCameraDemoDocument, bodyWornCameraPublishedDocument } from "./demo-policy.js";
import { blockquoteJSON, bulletListJSON, docJSON, headingJSON, linkJSON, paragraphJSON, strongJSON } from "./document-json.js";
import { InvalidPolicyDocumentError, parsePolicyDocument } from "./validate.js";

// Expects parsePolicyDocument to refuse `json` with an InvalidPolicyDocumentError at `path`
// whose message contains `message`.
function expectRefusal(json: unknown, message: string, path: string): void {
  let caught: unknown;
  try {
    parsePolicyDocument(json);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidPolicyDocumentError);
  expect((caught as InvalidPolicyDocumentError).message).toContain(message);
  expect((caught as InvalidPolicyDocumentError).path).toBe(path);
}

describe("parsePolicyDocument", () => {
  it("accepts the draft of the demo Body-Worn Camera Policy", () => {
    expect(parsePolicyDocument(bodyWornCameraDemoDocument).toJSON()).toEqual(JSON.parse(JSON.stringify(bodyWornCameraDemoDocument)));
  });

  it("accepts the published version 1 of the demo Body-Worn Camera Policy", () => {
    expect(parsePolicyDocument(bodyWornCameraPublishedDocument).childCount).toBeGreaterThan(0);
  });

  it("accepts a document that has been through JSON.stringify and back", () => {
    const json = JSON.parse(JSON.stringify(docJSON(headingJSON(1, "Purpose"), paragraphJSON("Text."))));
    expect(parsePolicyDocument(json).firstChild?.attrs).toEqual({ level: 1 });
  });

  it("refuses an unknown node type", () => {
    expectRefusal(docJSON({ type: "image", attrs: { src: "x.png" } }), 'Unknown node type "image".', "/content/0/type");
  });

  it("refuses a node type named like an Object property", () => {
    expectRefusal(docJSON({ type: "constructor" }), 'Unknown node type "constructor".', "/content/0/type");
  });

  it("refuses an unknown mark type", () => {
    const json = docJSON(paragraphJSON({ type: "text", text: "red", marks: [{ type: "color", attrs: { value: "red" } }] }));
    expectRefusal(json, 'Unknown mark type "color".', "/content/0/content/0/marks/0/type");
  });

  it.each([[0], [4], ["2"], [1.5], [null]])("refuses a heading of level %j", (level) => {
    const json = docJSON({ type: "heading", attrs: { level }, content: [{ type: "text", text: "Title" }] });
    expectRefusal(json, "A heading level must be 1, 2 or 3, got", "/content/0/attrs/level");
  });

  it.each([
    ["javascript:alert(1)"],
    [" javascript:alert(1)"],
    ["JAVASCRIPT:alert(1)"],
    ["&#106;avascript:alert(1)"],
    ["data:text/html,x"],
    ["//evil.example"],
  ])("refuses a link whose href is %j", (href) => {
    expectRefusal(
      docJSON(paragraphJSON(linkJSON("click", href))),
      "is not allowed: only absolute http:, https: and mailto: URLs are",
      "/content/0/content/0/marks/0/attrs/href",
    );
  });

  it("refuses a link without an href", () => {
    expectRefusal(
      docJSON(paragraphJSON({ type: "text", text: "x", marks: [{ type: "link" }] })),
      'Mark "link" needs the attribute "href".',
      "/content/0/content/0/marks/0/attrs",
    );
  });

  it("refuses an attribute the schema does not declare", () => {
    expectRefusal(
      docJSON({ type: "paragraph", attrs: { align: "center" } }),
      'Node "paragraph" has no attribute "align".',
      "/content/0/attrs/align",
    );
  });

  it("refuses a link title that is not a string", () => {
    expectRefusal(
      docJSON(paragraphJSON(linkJSON("x", "https://x", 5 as unknown as string))),
      "Expected string or null, got 5.",
      "/content/0/content/0/marks/0/attrs/title",
    );
  });

  it("refuses an ordered list whose order is not an integer", () => {
    expectRefusal(
      docJSON({ type: "ordered_list", attrs: { order: "one" }, content: [] }),
      "An ordered list's order must be an integer",
      "/content/0/attrs/order",
    );
  });

  it("refuses a heading inside a blockquote, where it could not be numbered", () => {
    expectRefusal(
      docJSON(blockquoteJSON(headingJSON(1, "Nested"))),
      'A "blockquote" cannot contain a "heading" here (its content must be "block+").',
      "/content/0/content/0",
    );
  });

  it("refuses a list item that does not start with a paragraph", () => {
    const json = docJSON({ type: "bullet_list", content: [{ type: "list_item", content: [bulletListJSON("x")] }] });
    expectRefusal(
      json,
      'A "list_item" cannot contain a "bullet_list" here (its content must be "paragraph block*").',
      "/content/0/content/0/content/0",
    );
  });

  it("refuses an empty document", () => {
    expectRefusal({ type: "doc", content: [] }, 'A "doc" is incomplete: its content must be "(block | heading)+".', "/content");
  });

  it("refuses an empty list", () => {
    expectRefusal(docJSON({ type: "bullet_list", content: [] }), 'A "bullet_list" is incomplete', "/content/0/content");
  });

  it("refuses text directly in the document", () => {
    expectRefusal(docJSON({ type: "text", text: "loose" }), 'A "doc" cannot contain a "text" here', "/content/0");
  });

  it("refuses an empty text node", () => {
    expectRefusal(
      docJSON(paragraphJSON({ type: "text", text: "" })),
      'A text node needs non-empty "text", got "".',
      "/content/0/content/0/text",
    );
  });

  it("refuses the same mark twice on one text", () => {
    const json = docJSON(paragraphJSON({ type: "text", text: "x", marks: [{ type: "strong" }, { type: "strong" }] }));
    expectRefusal(json, 'The mark "strong" appears twice on the same node.', "/content/0/content/0/marks/1");
  });

  it("refuses marks on a block node", () => {
    expectRefusal(
      docJSON({ type: "paragraph", marks: [{ type: "strong" }] }),
      'Only inline nodes can carry marks, not "paragraph".',
      "/content/0/marks",
    );
  });

  it("refuses a top node that is not a doc", () => {
    expectRefusal(paragraphJSON("Just a paragraph."), 'A policy document must be a "doc", got "paragraph".', "/type");
  });

  it.each([[null], ["doc"], [[]], [42]])("refuses %j as a document", (json) => {
    expectRefusal(json, 'A node must be an object with a string "type"', "");
  });

  it("refuses a property ProseMirror JSON does not have", () => {
    expectRefusal(docJSON({ ...paragraphJSON("x"), style: "color: red" } as never), 'A node has no property "style".', "/content/0/style");
  });

  it("refuses content that is not an array", () => {
    expectRefusal({ type: "doc", content: { 0: paragraphJSON("x") } }, "The content must be an array", "/content");
  });

  it("names the offending path in the message as well", () => {
    expect(() => parsePolicyDocument(docJSON(paragraphJSON(strongJSON("ok")), { type: "video" }))).toThrow(
      'Unknown node type "video". (at /content/1/type)',
    );
  });
});
