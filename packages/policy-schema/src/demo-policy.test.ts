import { describe, expect, it } from "vitest";
import { bodyWornCameraDemoDocument, bodyWornCameraPublishedDocument } from "./demo-policy.js";
import type { PolicyNodeJSON } from "./document-json.js";
import { documentToPlainText } from "./plain-text.js";
import { numberSections, numberSectionsJSON } from "./sections.js";
import { parsePolicyDocument } from "./validate.js";

const draft = parsePolicyDocument(bodyWornCameraDemoDocument);
const published = parsePolicyDocument(bodyWornCameraPublishedDocument);

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const sectionTitles = (json: PolicyNodeJSON): string[] =>
  numberSectionsJSON(json)
    .filter((section) => section.level === 1)
    .map((section) => section.text);

function nodeTypesIn(json: PolicyNodeJSON, found = new Set<string>()): Set<string> {
  found.add(json.type);
  for (const mark of json.marks ?? []) found.add(`mark:${mark.type}`);
  for (const child of json.content ?? []) nodeTypesIn(child, found);
  return found;
}

describe("the demo Body-Worn Camera Policy", () => {
  it("has a draft of 1,500 to 2,500 words in twelve numbered sections", () => {
    expect(wordCount(documentToPlainText(draft))).toBeGreaterThanOrEqual(1500);
    expect(wordCount(documentToPlainText(draft))).toBeLessThanOrEqual(2500);
    expect(sectionTitles(bodyWornCameraDemoDocument)).toHaveLength(12);
  });

  it("uses every kind of node and mark the schema has, and a https link", () => {
    const used = nodeTypesIn(bodyWornCameraDemoDocument);
    for (const name of ["heading", "paragraph", "blockquote", "ordered_list", "bullet_list", "list_item", "text", "hard_break"]) {
      expect(used).toContain(name);
    }
    for (const mark of ["strong", "em", "underline", "link"]) expect(used).toContain(`mark:${mark}`);
    expect(JSON.stringify(bodyWornCameraDemoDocument)).toContain('"href":"https://');
  });

  it("has level-2 subsections in several sections and lettered clauses in one", () => {
    const sections = numberSectionsJSON(bodyWornCameraDemoDocument);
    const sectionsWithSubsections = new Set(
      sections.filter((section) => section.level === 2).map((section) => section.number.split(".")[0]),
    );
    expect(sectionsWithSubsections.size).toBeGreaterThanOrEqual(4);
    expect(sections.filter((section) => section.level === 3).map((section) => section.number)).toEqual(["9.3.a", "9.3.b", "9.3.c"]);
  });

  it("publishes a shorter version 1 without the Community Reporting section the draft adds", () => {
    expect(wordCount(documentToPlainText(published))).toBeLessThan(wordCount(documentToPlainText(draft)));
    expect(sectionTitles(bodyWornCameraPublishedDocument)).toEqual(sectionTitles(bodyWornCameraDemoDocument).slice(0, 11));
    expect(sectionTitles(bodyWornCameraDemoDocument).at(-1)).toBe("Community Reporting");
  });

  it("changes the retention period and the release deadline between version 1 and the draft", () => {
    const publishedText = documentToPlainText(published);
    const draftText = documentToPlainText(draft);
    expect(publishedText).toContain("or complaint): 90 days;");
    expect(draftText).toContain("or complaint): 180 days;");
    expect(publishedText).toContain("within 45 days of the incident");
    expect(draftText).toContain("within 30 days of the incident");
  });

  it("rewords the sentence on the timing of activation", () => {
    expect(documentToPlainText(published)).toContain("Officers shall activate the BWC as soon as practical.");
    expect(documentToPlainText(draft)).toContain("Officers must activate the BWC before arriving on scene");
  });

  it("gets the same section numbers and positions from its JSON as from its parsed document", () => {
    expect(numberSectionsJSON(bodyWornCameraDemoDocument)).toEqual(numberSections(draft));
    expect(numberSectionsJSON(bodyWornCameraPublishedDocument)).toEqual(numberSections(published));
  });

  it("cannot be changed by a caller, since every demo shares it", () => {
    expect(() => {
      (bodyWornCameraDemoDocument.content as PolicyNodeJSON[]).push({ type: "paragraph" });
    }).toThrow(TypeError);
  });
});
