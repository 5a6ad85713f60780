import { policySchema } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { sectionNumberDecorations, sectionNumbersKey, sectionNumbersPlugin } from "./section-numbers.js";

const { nodes } = policySchema;
const heading = (level: number, value: string) => nodes.heading.create({ level }, [policySchema.text(value)]);
const paragraph = (value: string) => nodes.paragraph.create(null, [policySchema.text(value)]);
const doc = (...content: Node[]) => nodes.doc.create(null, content);

/** The numbers shown, in document order, read from the widgets' keys. */
function shownNumbers(set: ReturnType<typeof sectionNumberDecorations>): string[] {
  return set
    .find()
    .sort((a, b) => a.from - b.from)
    .map((decoration) => String((decoration.spec as { key: string }).key).replace("section-", ""));
}

describe("section numbers", () => {
  it("numbers sections, subsections and lettered clauses", () => {
    const document = doc(
      heading(1, "Purpose"),
      paragraph("text"),
      heading(2, "Scope"),
      heading(3, "Who"),
      heading(3, "When"),
      heading(1, "Use"),
    );
    expect(shownNumbers(sectionNumberDecorations(document))).toEqual(["1", "1.1", "1.1.a", "1.1.b", "2"]);
  });

  it("puts each number inside its heading, before the text", () => {
    const document = doc(paragraph("intro"), heading(1, "Purpose"));
    const [widget] = sectionNumberDecorations(document).find();
    expect(widget?.from).toBe(document.child(0).nodeSize + 1);
  });

  it("renumbers live when a section is inserted before others", () => {
    let state = EditorState.create({ schema: policySchema, doc: doc(heading(1, "A"), heading(1, "B")), plugins: [sectionNumbersPlugin()] });
    expect(shownNumbers(sectionNumbersKey.getState(state)!)).toEqual(["1", "2"]);
    state = state.apply(state.tr.insert(0, heading(1, "New")));
    expect(shownNumbers(sectionNumbersKey.getState(state)!)).toEqual(["1", "2", "3"]);
  });

  it("never stores the numbers in the document", () => {
    const document = doc(heading(1, "Purpose"));
    sectionNumberDecorations(document);
    expect(document.textContent).toBe("Purpose");
  });
});
