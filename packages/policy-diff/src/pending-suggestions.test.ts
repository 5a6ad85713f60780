import { docJSON, headingJSON, markedTextJSON, paragraphJSON, type PolicyMarkJSON } from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { diffPolicyDocuments } from "./diff-policy-documents.js";
import { renderRedlineHtml } from "./render-redline.js";

const suggested = (kind: "insertion" | "deletion", id: string, affiliation: string | null): PolicyMarkJSON => ({
  type: kind,
  attrs: { id, author: `u-${id}`, affiliation, time: "2026-11-28T09:00:00.000Z" },
});

const accepted = docJSON(headingJSON(1, "Retention"), paragraphJSON("Footage is kept ninety days."));
const withSuggestions = docJSON(
  headingJSON(1, "Retention"),
  paragraphJSON(
    "Footage is kept ",
    markedTextJSON("ninety", suggested("deletion", "d1", "police")),
    markedTextJSON("one hundred eighty", suggested("insertion", "i1", "citizen")),
    " days.",
  ),
);

describe("a redline with pending suggestions", () => {
  it("compares the text without them, so a pending suggestion is never a change made", () => {
    const redline = diffPolicyDocuments(accepted, withSuggestions);
    expect(redline.changes.map((change) => change.kind)).toEqual(["unchanged", "unchanged"]);
    expect(redline.stats).toMatchObject({ wordsInserted: 0, wordsDeleted: 0, blocksChanged: 0 });
    expect(redline.pendingSuggestions).toEqual([
      { side: "after", kind: "deletion", text: "ninety", affiliation: "police", section: "1" },
      { side: "after", kind: "insertion", text: "one hundred eighty", affiliation: "citizen", section: "1" },
    ]);
  });

  it("still shows accepted changes as changes, beside the suggestions of either side", () => {
    const later = docJSON(
      paragraphJSON("Opening ", markedTextJSON("words", suggested("insertion", "i2", null))),
      headingJSON(1, "Retention"),
      paragraphJSON("Footage is kept thirty days."),
    );
    const redline = diffPolicyDocuments(withSuggestions, later);
    const modified = redline.changes.find((change) => change.kind === "modified");
    expect(modified?.segments).toEqual([
      { kind: "equal", text: "Footage is kept " },
      { kind: "delete", text: "ninety" },
      { kind: "insert", text: "thirty" },
      { kind: "equal", text: " days." },
    ]);
    expect(redline.changes.find((change) => change.kind === "inserted")?.text).toBe("Opening ");
    expect(redline.pendingSuggestions?.map(({ side, kind, section }) => ({ side, kind, section }))).toEqual([
      { side: "before", kind: "deletion", section: "1" },
      { side: "before", kind: "insertion", section: "1" },
      { side: "after", kind: "insertion", section: undefined },
    ]);
  });

  it("lists them apart in the HTML, marked as suggestions and escaped", () => {
    const html = renderRedlineHtml(diffPolicyDocuments(accepted, withSuggestions));
    const [documentPart, pendingPart] = html.split('<section class="redline-pending"');
    expect(documentPart).not.toMatch(/<ins|<del/);
    expect(documentPart).toContain("Footage is kept ninety days.");
    expect(pendingPart).toContain("2 pending suggestions, not part of the text compared above");
    expect(pendingPart).toContain('suggested insertion (citizen): <ins class="suggestion suggestion-insertion">one hundred eighty</ins>');
    expect(pendingPart).toContain('section <span class="section-number">1</span> of the later text, suggested deletion (police): <del');
    const hostile = docJSON(paragraphJSON(markedTextJSON("<script>x</script>", suggested("insertion", "i3", null))));
    expect(renderRedlineHtml(diffPolicyDocuments(accepted, hostile))).toContain("&lt;script&gt;x&lt;/script&gt;");
  });

  it("has no pendingSuggestions field when neither side has any", () => {
    expect(diffPolicyDocuments(accepted, accepted)).not.toHaveProperty("pendingSuggestions");
    expect(renderRedlineHtml(diffPolicyDocuments(accepted, accepted))).not.toContain("redline-pending");
  });
});
