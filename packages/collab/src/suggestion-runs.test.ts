import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  chooseSuggestions,
  decideSuggestionRuns,
  findSuggestionRuns,
  groupSuggestionRuns,
  type SuggestionDecision,
} from "./suggestion-runs.js";

const t0 = "2026-11-28T09:00:00.000Z";
const byCitizen = { id: "s1", author: "u-citizen", affiliation: "citizen", time: t0 };
const byPolice = { id: "s2", author: "u-police", affiliation: "police", time: t0 };
const byPoliceAgain = { id: "s3", author: "u-police", affiliation: "police", time: "2026-11-28T10:00:00.000Z" };

/** A draft as y-prosemirror stores it: two paragraphs (one inside a list item) with suggestion runs. */
function buildDraft(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const first = new Y.XmlText();
    first.applyDelta([
      { insert: "Officers ", attributes: { strong: {} } },
      { insert: "must ", attributes: { deletion: byPolice } },
      { insert: "shall ", attributes: { insertion: byCitizen } },
      { insert: "always ", attributes: { insertion: byCitizen, em: {} } },
      { insert: "record." },
    ]);
    const second = new Y.XmlText();
    second.applyDelta([
      { insert: "Footage is kept " },
      { insert: "ninety", attributes: { insertion: byPoliceAgain } },
      { insert: " days." },
    ]);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [first]);
    const nested = new Y.XmlElement("paragraph");
    nested.insert(0, [second]);
    const item = new Y.XmlElement("list_item");
    item.insert(0, [nested]);
    const list = new Y.XmlElement("bullet_list");
    list.insert(0, [item]);
    doc.getXmlFragment("prosemirror").insert(0, [paragraph, list]);
  });
  return doc;
}

function decide(decision: SuggestionDecision, choice: Parameters<typeof chooseSuggestions>[1]) {
  const doc = buildDraft();
  const fragment = doc.getXmlFragment("prosemirror");
  const runs = findSuggestionRuns(fragment);
  const { chosen, unknownIds } = chooseSuggestions(groupSuggestionRuns(runs), choice);
  doc.transact(() => decideSuggestionRuns(runs, decision, chosen));
  const texts = [...fragment.createTreeWalker((node) => node instanceof Y.XmlText)] as Y.XmlText[];
  return { doc, chosen, unknownIds, texts, remaining: groupSuggestionRuns(findSuggestionRuns(fragment)) };
}

describe("findSuggestionRuns and groupSuggestionRuns", () => {
  it("find every suggestion run, nested elements included, and group the runs of one suggestion", () => {
    const doc = buildDraft();
    const runs = findSuggestionRuns(doc.getXmlFragment("prosemirror"));
    expect(runs.map(({ kind, id, index, length, content }) => ({ kind, id, index, length, content }))).toEqual([
      { kind: "deletion", id: "s2", index: 9, length: 5, content: "must " },
      { kind: "insertion", id: "s1", index: 14, length: 6, content: "shall " },
      { kind: "insertion", id: "s1", index: 20, length: 7, content: "always " },
      { kind: "insertion", id: "s3", index: 16, length: 6, content: "ninety" },
    ]);
    expect(groupSuggestionRuns(runs)).toEqual([
      { kind: "deletion", text: "must ", ...byPolice },
      { kind: "insertion", text: "shall always ", ...byCitizen },
      { kind: "insertion", text: "ninety", ...byPoliceAgain },
    ]);
  });

  it("leaves out a run whose mark value is malformed", () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    text.applyDelta([{ insert: "odd", attributes: { insertion: { id: "has space", author: "u", affiliation: null, time: t0 } } }]);
    doc.getXmlFragment("prosemirror").insert(0, [text]);
    expect(findSuggestionRuns(doc.getXmlFragment("prosemirror"))).toEqual([]);
  });
});

describe("chooseSuggestions", () => {
  const pending = groupSuggestionRuns(findSuggestionRuns(buildDraft().getXmlFragment("prosemirror")));

  it("chooses by id and names the ids that no pending suggestion has", () => {
    const { chosen, unknownIds } = chooseSuggestions(pending, { suggestionIds: ["s3", "gone", "s1", "gone"] });
    expect(chosen.map((suggestion) => suggestion.id)).toEqual(["s1", "s3"]);
    expect(unknownIds).toEqual(["gone"]);
  });

  it("chooses all of one author's suggestions, and nothing for an author without any", () => {
    expect(chooseSuggestions(pending, { authorId: "u-police" }).chosen.map((suggestion) => suggestion.id)).toEqual(["s2", "s3"]);
    expect(chooseSuggestions(pending, { authorId: "u-nobody" })).toEqual({ chosen: [], unknownIds: [] });
  });

  it("chooses both halves of a replacement that shares one id", () => {
    const replacement = [
      { kind: "deletion" as const, text: "must", ...byPolice },
      { kind: "insertion" as const, text: "shall", ...byPolice },
    ];
    expect(chooseSuggestions(replacement, { suggestionIds: ["s2"] }).chosen).toHaveLength(2);
  });
});

describe("decideSuggestionRuns", () => {
  it("accepting an insertion keeps its text and its other formatting, and drops only its mark", () => {
    const { texts, remaining } = decide("accept", { suggestionIds: ["s1"] });
    expect(texts[0]!.toDelta()).toEqual([
      { insert: "Officers ", attributes: { strong: {} } },
      { insert: "must ", attributes: { deletion: byPolice } },
      { insert: "shall " },
      { insert: "always ", attributes: { em: {} } },
      { insert: "record." },
    ]);
    expect(remaining.map((suggestion) => suggestion.id)).toEqual(["s2", "s3"]);
  });

  it("rejecting an insertion removes its text", () => {
    const { texts } = decide("reject", { suggestionIds: ["s1", "s3"] });
    expect(texts.map((text) => text.toString().replace(/<[^>]+>/g, ""))).toEqual(["Officers must record.", "Footage is kept  days."]);
  });

  it("accepting a deletion removes the text, rejecting one keeps the text without its mark", () => {
    expect(decide("accept", { suggestionIds: ["s2"] }).texts[0]!.toDelta()[1]).toEqual({
      insert: "shall ",
      attributes: { insertion: byCitizen },
    });
    expect(decide("reject", { suggestionIds: ["s2"] }).texts[0]!.toDelta()[1]).toEqual({ insert: "must " });
  });

  it("decides all of one author's suggestions and leaves the others' untouched", () => {
    const { texts, remaining, chosen } = decide("accept", { authorId: "u-police" });
    expect(chosen.map((suggestion) => suggestion.id)).toEqual(["s2", "s3"]);
    expect(
      texts.map((text) =>
        text
          .toDelta()
          .map((op: { insert: string }) => op.insert)
          .join(""),
      ),
    ).toEqual(["Officers shall always record.", "Footage is kept ninety days."]);
    expect(remaining).toEqual([{ kind: "insertion", text: "shall always ", ...byCitizen }]);
  });

  it("makes one Yjs update that brings another replica to the same text", () => {
    const original = buildDraft();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(original));
    const updates: Uint8Array[] = [];
    copy.on("update", (update: Uint8Array) => updates.push(update));
    const runs = findSuggestionRuns(copy.getXmlFragment("prosemirror"));
    copy.transact(() =>
      decideSuggestionRuns(runs, "accept", chooseSuggestions(groupSuggestionRuns(runs), { authorId: "u-police" }).chosen),
    );
    expect(updates).toHaveLength(1);
    Y.applyUpdate(original, updates[0]!);
    expect(original.getXmlFragment("prosemirror").toString()).toBe(copy.getXmlFragment("prosemirror").toString());
    expect(groupSuggestionRuns(findSuggestionRuns(original.getXmlFragment("prosemirror"))).map((suggestion) => suggestion.id)).toEqual([
      "s1",
    ]);
  });
});
