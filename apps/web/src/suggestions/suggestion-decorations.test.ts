import { affiliationColors, facilitatorColor } from "@accord/domain";
import { policySchema } from "@accord/policy-schema";
import { EditorState } from "prosemirror-state";
import type { DecorationSet } from "prosemirror-view";
import { describe, expect, it } from "vitest";
import { setSuggestionAuthors, suggestionDecorations, suggestionDecorationsPlugin, suggestionRunAttrs } from "./suggestion-decorations.js";
import { deleted, doc, inserted, paragraph, text } from "./suggestion-test-documents.js";

const policy = doc(
  paragraph(
    text("Keep "),
    text("180", deleted({ id: "b1", author: "ben", affiliation: "police" })),
    text("120", inserted({ id: "f1", author: "fran", affiliation: null })),
    text(" days."),
  ),
);
const time = "2026-03-12T14:05:00.000Z";

describe("suggestionRunAttrs", () => {
  it("colours suggested text by its affiliation and titles it with author, affiliation and time", () => {
    const authors = new Map([["ben", { name: "Ben Ode", affiliation: "police" }]]);
    const attrs = suggestionRunAttrs("deletion", { id: "b1", author: "ben", affiliation: "police", time }, authors);
    expect(attrs).toMatchObject({
      class: "suggestion-run suggestion-run-deletion",
      style: `--suggestion-color: ${affiliationColors.police}`,
    });
    expect(attrs["title"]).toMatch(/^Suggested by Ben Ode \(Police\), /);
  });

  it("names an author the page does not know honestly, in the facilitator's grey when there is no affiliation", () => {
    const attrs = suggestionRunAttrs("insertion", { id: "f1", author: "fran", affiliation: null, time }, new Map());
    expect(attrs).toMatchObject({ class: "suggestion-run suggestion-run-insertion", style: `--suggestion-color: ${facilitatorColor}` });
    expect(attrs["title"]).toMatch(/^Suggested by Someone outside the working group, /);
  });
});

describe("suggestionDecorations", () => {
  it("decorates exactly the suggested runs", () => {
    const found = suggestionDecorations(policy, new Map()).find();
    expect(found.map((decoration) => [policy.textBetween(decoration.from, decoration.to), decoration.spec["suggestionId"]])).toEqual([
      ["180", "b1"],
      ["120", "f1"],
    ]);
    expect(suggestionDecorations(doc(paragraph(text("Plain."))), new Map()).find()).toEqual([]);
  });
});

describe("suggestionDecorationsPlugin", () => {
  it("keeps its decorations and follows edits of the document", () => {
    const plugin = suggestionDecorationsPlugin();
    const state = EditorState.create({ schema: policySchema, doc: policy, plugins: [plugin] });
    const decorationsOf = (current: EditorState) => plugin.props.decorations!.call(plugin, current) as DecorationSet;
    const named = state.apply(setSuggestionAuthors(state.tr, new Map([["fran", { name: "Fran Lee", affiliation: null }]])));
    expect(decorationsOf(named).find()).toHaveLength(2);
    const edited = named.apply(named.tr.delete(6, 9));
    expect(
      decorationsOf(edited)
        .find()
        .map((decoration) => decoration.spec["suggestionId"]),
    ).toEqual(["f1"]);
  });
});
