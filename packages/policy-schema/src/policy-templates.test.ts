import { describe, expect, it } from "vitest";
import { bodyWornCameraDemoDocument } from "./demo-policy.js";
import { findPolicyTemplate, outlineOf, policyTemplates, templateSectionTitles } from "./policy-templates.js";
import { parsePolicyDocument } from "./validate.js";

describe("policy templates", () => {
  it("are each a valid policy document with a unique id", () => {
    expect(new Set(policyTemplates.map((template) => template.id)).size).toBe(policyTemplates.length);
    for (const template of policyTemplates) expect(() => parsePolicyDocument(template.document)).not.toThrow();
  });

  it("give the body-worn camera template the demo policy's sections in order, each with a prompt", () => {
    const template = findPolicyTemplate("body-worn-camera")!;
    const demoHeadings = bodyWornCameraDemoDocument.content.filter((node) => node.type === "heading");
    expect(templateSectionTitles(template)).toHaveLength(demoHeadings.length);
    expect(templateSectionTitles(template).slice(0, 2)).toEqual(["Purpose", "Definitions"]);
    const blocks = template.document.content;
    expect(blocks.map((node) => node.type)).toEqual(demoHeadings.flatMap(() => ["heading", "paragraph"]));
    expect(blocks[1]!.content![0]!.text).toBe("Write what “Purpose” covers here.");
  });

  it("keep each heading's level in the outline and none of the demo's words", () => {
    const outline = outlineOf(bodyWornCameraDemoDocument);
    const levels = outline.content.filter((node) => node.type === "heading").map((node) => node.attrs?.["level"]);
    expect(levels).toEqual(
      bodyWornCameraDemoDocument.content.filter((node) => node.type === "heading").map((node) => node.attrs?.["level"]),
    );
    expect(JSON.stringify(outline)).not.toContain("Riverton");
  });

  it("find nothing for an unknown id", () => {
    expect(findPolicyTemplate("no-such-template")).toBeUndefined();
  });
});
