import {
  bodyWornCameraDemoDocument,
  bodyWornCameraPublishedDocument,
  bulletListJSON,
  docJSON,
  emJSON,
  headingJSON,
  linkJSON,
  paragraphJSON,
  parsePolicyDocument,
  strongJSON,
  type PolicyNodeJSON,
} from "@accord/policy-schema";
import { describe, expect, it } from "vitest";
import { flattenDocument } from "./blocks.js";
import { diffPolicyDocuments } from "./diff-policy-documents.js";
import type { BlockChange, TextRun } from "./redline-types.js";
import { paragraphBreak } from "./segments.js";

// A small policy; each case below changes one thing in it. Its outline:
// 1 Purpose · 2 Activation (2.1 Timing, 2.2 Exceptions) · 3 Retention · 4 Release.
const purpose = [headingJSON(1, "Purpose"), paragraphJSON("This policy governs the use of body-worn cameras by officers.")];
const timingText = "Officers shall activate the camera as soon as practical.";
const delayText = "Officers record the reason for any delay.";
const activation = (
  timing: PolicyNodeJSON[] = [paragraphJSON(timingText), paragraphJSON(delayText)],
  restroom = "in a restroom;",
  timingTitle = "Timing",
) => [
  headingJSON(1, "Activation"),
  headingJSON(2, timingTitle),
  ...timing,
  headingJSON(2, "Exceptions"),
  paragraphJSON("Officers may stop recording only:"),
  bulletListJSON("in a hospital;", restroom, "while conferring with a supervisor."),
];
const retentionText = "Recordings are kept for 90 days. Recordings flagged as evidence are kept until the case is closed.";
const retention = (...body: PolicyNodeJSON[]) => [
  headingJSON(1, "Retention"),
  ...(body.length > 0 ? body : [paragraphJSON(retentionText)]),
];
const release = (...extra: PolicyNodeJSON[]) => [
  headingJSON(1, "Release"),
  paragraphJSON("Recordings of a critical incident are released within 45 days."),
  ...extra,
];
const policy = docJSON(...purpose, ...activation(), ...retention(), ...release());

// A run of text with its marks, e.g. "strong(shall)" or "link<https://example.org>(the toolkit)".
function formatted(run: TextRun): string {
  return (run.marks ?? []).reduceRight((text, mark) => `${mark.type}${mark.href === undefined ? "" : `<${mark.href}>`}(${text})`, run.text);
}

// A change in one line, so that a case can list every change it expects:
// "~" modified, "+" inserted, "-" deleted, ">" moved; then p or h, the section, and the text with
// [+insertions+] and [-deletions-] ("¶" a paragraph break).
function describeChange(change: BlockChange): string {
  const symbol = { unchanged: "=", inserted: "+", deleted: "-", modified: "~", moved: ">" }[change.kind];
  const section = (change.kind === "deleted" ? change.beforeSection : change.afterSection) ?? "-";
  const from = change.kind === "moved" ? ` from ${change.beforeSection ?? "-"}` : "";
  const flags = [change.reshaped, change.formatChanged ? "format" : undefined].flatMap((flag) => (flag ? [`(${flag}) `] : [])).join("");
  const text =
    change.segments === undefined
      ? (change.runs ?? [{ text: change.text ?? "" }]).map(formatted).join("")
      : change.segments
          .map((segment) =>
            segment.kind === "equal"
              ? formatted(segment)
              : segment.kind === "insert"
                ? `[+${formatted(segment)}+]`
                : `[-${formatted(segment)}-]`,
          )
          .join("");
  return `${symbol} ${change.blockType === "heading" ? "h" : "p"} ${section}${from} ${flags}${text.replaceAll(paragraphBreak, "¶")}`;
}

// The after text of a block change: its text, or the equal and inserted runs of its word diff.
function afterTextOf(change: BlockChange): string {
  if (change.segments === undefined) return change.text ?? "";
  return change.segments
    .filter((segment) => segment.kind !== "delete")
    .map((segment) => segment.text.replaceAll(paragraphBreak, ""))
    .join("");
}

interface Expected {
  changes?: string[];
  summaryText: string;
  words: [inserted: number, deleted: number];
}

describe("diffPolicyDocuments", () => {
  it.each<[string, PolicyNodeJSON, PolicyNodeJSON, Expected]>([
    ["reports nothing for identical documents", policy, policy, { changes: [], summaryText: "No changes.", words: [0, 0] }],
    [
      "shows an inserted word",
      policy,
      docJSON(
        ...purpose,
        ...activation([paragraphJSON("Officers shall activate the camera as soon as reasonably practical."), paragraphJSON(delayText)]),
        ...retention(),
        ...release(),
      ),
      {
        changes: ["~ p 2.1 Officers shall activate the camera as soon as [+reasonably +]practical."],
        summaryText: "Section 2.1 changed.",
        words: [1, 0],
      },
    ],
    [
      "shows a deleted word",
      policy,
      docJSON(
        ...purpose,
        ...activation([
          paragraphJSON("Officers shall activate the camera as soon as practical."),
          paragraphJSON("Officers record the reason for delay."),
        ]),
        ...retention(),
        ...release(),
      ),
      { changes: ["~ p 2.1 Officers record the reason for [-any -]delay."], summaryText: "Section 2.1 changed.", words: [0, 1] },
    ],
    [
      "shows a replaced word as deleted and inserted",
      policy,
      docJSON(
        ...purpose,
        ...activation([paragraphJSON("Officers must activate the camera as soon as practical."), paragraphJSON(delayText)]),
        ...retention(),
        ...release(),
      ),
      {
        changes: ["~ p 2.1 Officers [-shall-][+must+] activate the camera as soon as practical."],
        summaryText: "Section 2.1 changed.",
        words: [1, 1],
      },
    ],
    [
      "shows an inserted paragraph in its section",
      policy,
      docJSON(
        ...purpose,
        ...activation([paragraphJSON(timingText), paragraphJSON("Buffered video does not satisfy this duty."), paragraphJSON(delayText)]),
        ...retention(),
        ...release(),
      ),
      { changes: ["+ p 2.1 Buffered video does not satisfy this duty."], summaryText: "Section 2.1 changed.", words: [7, 0] },
    ],
    [
      "shows a deleted paragraph in its section",
      policy,
      docJSON(...purpose, ...activation([paragraphJSON(timingText)]), ...retention(), ...release()),
      { changes: [`- p 2.1 ${delayText}`], summaryText: "Section 2.1 changed.", words: [0, 7] },
    ],
    [
      "shows a split paragraph as its text kept, with only a paragraph break inserted",
      policy,
      docJSON(
        ...purpose,
        ...activation(),
        ...retention(
          paragraphJSON("Recordings are kept for 90 days."),
          paragraphJSON("Recordings flagged as evidence are kept until the case is closed."),
        ),
        ...release(),
      ),
      {
        changes: [
          "~ p 3 (split) Recordings are kept for 90 days.[+¶+]",
          "~ p 3 (split) Recordings flagged as evidence are kept until the case is closed.",
        ],
        summaryText: "Section 3 changed.",
        words: [0, 0],
      },
    ],
    [
      "shows two joined paragraphs as their text kept, with only a paragraph break deleted",
      policy,
      docJSON(...purpose, ...activation([paragraphJSON(`${timingText} ${delayText}`)]), ...retention(), ...release()),
      { changes: [`~ p 2.1 (joined) ${timingText}[-¶-] ${delayText}`], summaryText: "Section 2.1 changed.", words: [0, 0] },
    ],
    [
      "shows a split paragraph with a word changed in one half",
      policy,
      docJSON(
        ...purpose,
        ...activation(),
        ...retention(
          paragraphJSON("Recordings are kept for 180 days."),
          paragraphJSON("Recordings flagged as evidence are kept until the case is closed."),
        ),
        ...release(),
      ),
      {
        changes: [
          "~ p 3 (split) Recordings are kept for [-90-][+180+] days.[+¶+]",
          "~ p 3 (split) Recordings flagged as evidence are kept until the case is closed.",
        ],
        summaryText: "Section 3 changed.",
        words: [1, 1],
      },
    ],
    [
      "reports a section moved elsewhere as moved, and the sections it passed as unchanged",
      policy,
      docJSON(...activation(), ...purpose, ...retention(), ...release()),
      {
        changes: ["> h 2 from 1 Purpose", "> p 2 from 1 This policy governs the use of body-worn cameras by officers."],
        summaryText: "Section 2 moved from 1.",
        words: [0, 0],
      },
    ],
    [
      "reports a moved section whose text was also edited as moved and changed",
      policy,
      docJSON(
        ...activation(),
        headingJSON(1, "Purpose"),
        paragraphJSON("This policy regulates the use of body-worn cameras by officers."),
        ...retention(),
        ...release(),
      ),
      {
        changes: ["> h 2 from 1 Purpose", "> p 2 from 1 This policy [-governs-][+regulates+] the use of body-worn cameras by officers."],
        summaryText: "Section 2 moved from 1 and changed.",
        words: [1, 1],
      },
    ],
    [
      "reports a paragraph moved to another section as a change of both sections",
      policy,
      docJSON(...purpose, ...activation([paragraphJSON(timingText)]), ...retention(), ...release(paragraphJSON(delayText))),
      { changes: [`> p 4 from 2.1 ${delayText}`], summaryText: "Sections 2.1 and 4 changed.", words: [0, 0] },
    ],
    [
      "reports only the new section when one is inserted before others, which are renumbered but unchanged",
      policy,
      docJSON(
        ...purpose,
        headingJSON(1, "Definitions"),
        paragraphJSON("In this policy, a camera means a body-worn camera."),
        ...activation(),
        ...retention(),
        ...release(),
      ),
      {
        changes: ["+ h 2 Definitions", "+ p 2 In this policy, a camera means a body-worn camera."],
        summaryText: "Section 2 added.",
        words: [10, 0],
      },
    ],
    [
      "reports a removed section by its number in the before document",
      policy,
      docJSON(...purpose, ...activation(), ...release()),
      { changes: ["- h 3 Retention", `- p 3 ${retentionText}`], summaryText: "Section 3 removed.", words: [0, 18] },
    ],
    [
      "shows a changed list item inside its section",
      policy,
      docJSON(...purpose, ...activation(undefined, "in a restroom or locker room;"), ...retention(), ...release()),
      { changes: ["~ p 2.2 in a restroom[+ or locker room+];"], summaryText: "Section 2.2 changed.", words: [3, 0] },
    ],
    [
      "shows a renamed subsection as a modified heading",
      policy,
      docJSON(...purpose, ...activation(undefined, undefined, "When to activate"), ...retention(), ...release()),
      { changes: ["~ h 2.1 [-Timing-][+When to activate+]"], summaryText: "Section 2.1 changed.", words: [3, 1] },
    ],
    [
      "reports bold added to a word as a formatting change, the plain word struck out and the bold one inserted, with no words counted",
      policy,
      docJSON(
        ...purpose,
        ...activation([
          paragraphJSON("Officers ", strongJSON("shall"), " activate the camera as soon as practical."),
          paragraphJSON(delayText),
        ]),
        ...retention(),
        ...release(),
      ),
      {
        changes: ["~ p 2.1 (format) Officers [-shall-][+strong(shall)+] activate the camera as soon as practical."],
        summaryText: "Section 2.1 changed.",
        words: [0, 0],
      },
    ],
    [
      "keeps bold around words rewritten inside it",
      policy,
      docJSON(
        ...purpose,
        ...activation([
          paragraphJSON("Officers ", strongJSON("must activate"), " the camera as soon as practical."),
          paragraphJSON(delayText),
        ]),
        ...retention(),
        ...release(),
      ),
      // "activate" only became bold: it is struck out and inserted with "shall" and "must", but counts as no word changed.
      {
        changes: ["~ p 2.1 Officers [-shall-][- activate-][+strong(must)+][+strong( activate)+] the camera as soon as practical."],
        summaryText: "Section 2.1 changed.",
        words: [1, 1],
      },
    ],
    [
      "reports a link whose target changed as a formatting change, each target kept",
      docJSON(
        ...purpose,
        ...activation(),
        ...retention(),
        ...release(paragraphJSON("See ", linkJSON("the toolkit", "https://example.org/old"), ".")),
      ),
      docJSON(
        ...purpose,
        ...activation(),
        ...retention(),
        ...release(paragraphJSON("See ", linkJSON("the toolkit", "https://example.org/new"), ".")),
      ),
      {
        changes: ["~ p 4 (format) See [-link<https://example.org/old>(the toolkit)-][+link<https://example.org/new>(the toolkit)+]."],
        summaryText: "Section 4 changed.",
        words: [0, 0],
      },
    ],
    [
      "keeps the marks and links of an inserted paragraph",
      policy,
      docJSON(
        ...purpose,
        ...activation(),
        ...retention(),
        ...release(paragraphJSON("See ", linkJSON("the toolkit", "https://example.org/bwc"), ", ", emJSON("not"), " this.")),
      ),
      {
        changes: ["+ p 4 See link<https://example.org/bwc>(the toolkit), em(not) this."],
        summaryText: "Section 4 changed.",
        words: [5, 0],
      },
    ],
    [
      "compares the published demo policy with the draft",
      bodyWornCameraPublishedDocument,
      bodyWornCameraDemoDocument,
      { summaryText: "Sections 1, 4.2, 8.2 and 9.3 changed; sections 7.3, 9.3.a, 9.3.b, 9.3.c and 12 added.", words: [341, 14] },
    ],
  ])("%s", (_name, before, after, expected) => {
    const redline = diffPolicyDocuments(before, after);
    if (expected.changes !== undefined) {
      expect(redline.changes.filter((change) => change.kind !== "unchanged").map(describeChange)).toEqual(expected.changes);
    }
    expect(redline.summaryText).toBe(expected.summaryText);
    expect([redline.stats.wordsInserted, redline.stats.wordsDeleted]).toEqual(expected.words);
    // Every block of the after document is in the redline once, in order, with its exact text.
    const afterTexts = redline.changes.filter((change) => change.kind !== "deleted").map(afterTextOf);
    expect(afterTexts).toEqual(flattenDocument(parsePolicyDocument(after).toJSON() as PolicyNodeJSON, "a").map((block) => block.text));
  });

  it("keeps the marks of unchanged blocks, and drops a link no page may show, keeping its words", () => {
    const unsafe = { type: "text", text: "this", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "em" }] };
    const text = paragraphJSON("See ", linkJSON("the toolkit", "https://example.org/bwc"), " and ", unsafe, ".");
    const redline = diffPolicyDocuments(docJSON(text), docJSON(text, paragraphJSON("More.")));
    expect(redline.changes[0]).toMatchObject({ kind: "unchanged", text: "See the toolkit and this." });
    expect(redline.changes[0]!.runs).toEqual([
      { text: "See " },
      { text: "the toolkit", marks: [{ type: "link", href: "https://example.org/bwc" }] },
      { text: " and " },
      { text: "this", marks: [{ type: "em" }] },
      { text: "." },
    ]);
    expect(redline.changes[1]).toEqual({ kind: "inserted", blockType: "paragraph", text: "More.", containers: [] });
  });

  it("finds the known differences between the published demo policy and the draft", () => {
    const redline = diffPolicyDocuments(bodyWornCameraPublishedDocument, bodyWornCameraDemoDocument);
    const changed = redline.changes.filter((change) => change.kind !== "unchanged").map(describeChange);
    expect(changed).toContain(
      "~ p 8.2 non-evidentiary recordings (no arrest, citation, use of force or complaint): [-strong(90)-][+strong(180)+]strong( days);",
    );
    expect(changed.find((line) => line.startsWith("~ p 9.3.a "))).toMatch(
      /^~ p 9\.3\.a The Department releases the recordings of a critical incident to the public within \[-strong\(45\)-\]\[\+strong\(30\)\+\]strong\( days\) of the incident/,
    );
    expect(changed).toContain("+ h 7.3 Medical and mental health settings");
    expect(changed).toContain("+ h 12 Community Reporting");
    expect(changed.find((line) => line.startsWith("~ p 4.2 "))).toMatch(/^~ p 4\.2 Officers \[-shall-\]\[\+must\+\] activate the BWC/);
    expect(redline.summary).toEqual([
      { section: "1", title: "Purpose", change: "modified" },
      { section: "4.2", title: "Timing of activation", change: "modified" },
      { section: "7.3", title: "Medical and mental health settings", change: "added" },
      { section: "8.2", title: "Retention periods", change: "modified" },
      { section: "9.3", title: "Critical incidents", change: "modified" },
      { section: "9.3.a", title: "Release timeline", change: "added" },
      { section: "9.3.b", title: "Notice to those involved", change: "added" },
      { section: "9.3.c", title: "What is released", change: "added" },
      { section: "12", title: "Community Reporting", change: "added" },
    ]);
    // Sections 8 to 11 were renumbered nowhere and moved nowhere: nothing else is reported.
    expect(redline.stats).toMatchObject({ blocksDeleted: 0, blocksMoved: 0, blocksModified: 4 });
  });

  it("produces plain data that survives JSON", () => {
    const redline = diffPolicyDocuments(bodyWornCameraPublishedDocument, bodyWornCameraDemoDocument);
    expect(JSON.parse(JSON.stringify(redline))).toEqual(redline);
  });

  it("compares documents in the schema's normal form, so split text nodes are no change", () => {
    const oneNode = docJSON(paragraphJSON("Officers must record."));
    const twoNodes = docJSON({
      type: "paragraph",
      content: [
        { type: "text", text: "Officers " },
        { type: "text", text: "must record." },
      ],
    });
    expect(diffPolicyDocuments(oneNode, twoNodes).summaryText).toBe("No changes.");
  });

  it("reports a change to the text before the first heading as the opening text", () => {
    const before = docJSON(paragraphJSON("Adopted in 2024."), ...purpose);
    const after = docJSON(paragraphJSON("Adopted in 2026."), ...purpose);
    const redline = diffPolicyDocuments(before, after);
    expect(redline.summary).toEqual([{ section: "", title: "", change: "modified" }]);
    expect(redline.summaryText).toBe("The opening text changed.");
  });

  it("refuses a document that is not of the policy schema", () => {
    expect(() => diffPolicyDocuments(policy, { type: "doc", content: [{ type: "script" }] })).toThrow(/Unknown node type "script"/);
  });
});
