import { describe, expect, it } from "vitest";
import type { Mark, Node } from "prosemirror-model";
import { policySchema } from "@accord/policy-schema";
import { CollabProtocolError } from "./protocol-error.js";
import { collabCloseCodes } from "./protocol.js";
import { checkSuggestOnlyChange, type Suggester } from "./suggestion-guard.js";

const advocate: Suggester = { userId: "advocate-id", affiliation: "community" };
const officer: Suggester = { userId: "officer-id", affiliation: "police" };

type Inline = Node | string;

function suggestion(kind: "insertion" | "deletion", by: Suggester, id: string, overrides: Record<string, unknown> = {}): Mark {
  return policySchema.marks[kind].create({
    id,
    author: by.userId,
    affiliation: by.affiliation,
    time: "2026-11-27T12:00:00.000Z",
    ...overrides,
  });
}
const mine = (id = "mine-1", overrides?: Record<string, unknown>) => suggestion("insertion", advocate, id, overrides);
const myDeletion = (id = "mine-del-1", overrides?: Record<string, unknown>) => suggestion("deletion", advocate, id, overrides);
const theirs = (id = "theirs-1", overrides?: Record<string, unknown>) => suggestion("insertion", officer, id, overrides);
const theirDeletion = (id = "theirs-del-1") => suggestion("deletion", officer, id);
const bold = () => policySchema.marks.strong.create();

const text = (content: string, ...marks: Mark[]) => policySchema.text(content, marks);
const inline = (content: Inline[]) => content.map((part) => (typeof part === "string" ? policySchema.text(part) : part));
const paragraph = (...content: Inline[]) => policySchema.node("paragraph", null, inline(content));
const heading = (level: number, ...content: Inline[]) => policySchema.node("heading", { level }, inline(content));
const doc = (...blocks: Node[]) => policySchema.node("doc", null, blocks);

/** A small policy with someone else's pending suggestions in it. */
const base = () =>
  doc(
    heading(1, "Purpose"),
    paragraph("Officers record every ", text("public", bold()), " contact."),
    paragraph("Recordings are kept for ", text("180", theirDeletion()), text("120", theirs()), " days."),
  );

/** The close code and message of a refusal, or null when the change is allowed. */
function verdict(before: Node | Record<string, unknown>, after: Node | Record<string, unknown>, by: Suggester = advocate) {
  try {
    checkSuggestOnlyChange(before, after, by);
    return null;
  } catch (error) {
    if (!(error instanceof CollabProtocolError)) throw error;
    return { code: error.closeCode, message: error.message };
  }
}

function expectRefused(before: Node, after: Node, message: RegExp, by: Suggester = advocate): void {
  const result = verdict(before, after, by);
  expect(result, "the change should be refused").not.toBeNull();
  expect(result!.code).toBe(collabCloseCodes.suggestionRefused);
  expect(result!.message).toMatch(message);
}

describe("checkSuggestOnlyChange: what a suggest-only member may do", () => {
  it("allows a change that changes nothing", () => {
    expect(verdict(base(), base())).toBeNull();
  });

  it("allows new text carrying their own insertion mark, in the middle of a paragraph", () => {
    const after = doc(
      heading(1, "Purpose"),
      paragraph("Officers record every ", text("public", bold()), text(" and private", mine()), " contact."),
      base().child(2),
    );
    expect(verdict(base(), after)).toBeNull();
  });

  it("allows other formatting on their own inserted text", () => {
    const after = doc(
      base().child(0),
      paragraph("Officers ", text("must ", mine(), bold()), "record every ", text("public", bold()), " contact."),
      base().child(2),
    );
    expect(verdict(base(), after)).toBeNull();
  });

  it("allows their own insertion in an empty paragraph and in a heading", () => {
    const before = doc(heading(1, "Purpose"), paragraph());
    const after = doc(heading(1, "Purpose", text(" and scope", mine())), paragraph(text("New duty.", mine("mine-2"))));
    expect(verdict(before, after)).toBeNull();
  });

  it("allows extending and partly removing their own insertion", () => {
    const before = doc(paragraph("Keep ", text("all video", mine()), "."));
    expect(verdict(before, doc(paragraph("Keep ", text("all video and audio", mine()), ".")))).toBeNull();
    expect(verdict(before, doc(paragraph("Keep ", text("all", mine()), ".")))).toBeNull();
  });

  it("allows removing their own insertion entirely", () => {
    const before = doc(paragraph("Keep ", text("all video", mine()), "."));
    expect(verdict(before, doc(paragraph("Keep .")))).toBeNull();
  });

  it("allows adding their own deletion mark to plain and to formatted text, keeping its formatting", () => {
    const after = doc(
      base().child(0),
      paragraph(text("Officers ", myDeletion()), "record every ", text("public", bold(), myDeletion()), " contact."),
      base().child(2),
    );
    expect(verdict(base(), after)).toBeNull();
  });

  it("allows removing their own deletion mark", () => {
    const before = doc(paragraph(text("Officers ", myDeletion()), "record."));
    expect(verdict(before, doc(paragraph("Officers record.")))).toBeNull();
  });

  it("allows removing their own suggestions made under an earlier affiliation", () => {
    const earlier = { affiliation: "citizen" };
    const before = doc(paragraph("Keep ", text("all", mine("old-1", earlier)), " ", text("video", myDeletion("old-2", earlier)), "."));
    expect(verdict(before, doc(paragraph("Keep  video.")))).toBeNull();
  });

  it("allows a change of several own suggestions at once, across paragraphs", () => {
    const after = doc(
      heading(1, "Purpose", text(" and scope", mine())),
      paragraph("Officers record every ", text("public", bold(), myDeletion()), " contact."),
      paragraph(
        "Recordings are kept for ",
        text("180", theirDeletion()),
        text("120", theirs()),
        text(" calendar", mine("mine-2")),
        " days.",
      ),
    );
    expect(verdict(base(), after)).toBeNull();
  });

  it("accepts the documents as JSON as well as nodes", () => {
    const after = doc(
      base().child(0),
      paragraph("Officers ", text("always ", mine()), "record every ", text("public", bold()), " contact."),
      base().child(2),
    );
    expect(verdict(base().toJSON() as Record<string, unknown>, after.toJSON() as Record<string, unknown>)).toBeNull();
    const plain = doc(base().child(0), paragraph("Officers always record every ", text("public", bold()), " contact."), base().child(2));
    expect(verdict(base().toJSON() as Record<string, unknown>, plain.toJSON() as Record<string, unknown>)?.code).toBe(4422);
  });
});

describe("checkSuggestOnlyChange: what it refuses", () => {
  it("refuses plain text inserted, saying which", () => {
    const after = doc(base().child(0), paragraph("Officers always record every ", text("public", bold()), " contact."), base().child(2));
    expectRefused(base(), after, /"always" was inserted without your insertion mark/);
  });

  it("refuses plain text deleted", () => {
    const after = doc(base().child(0), paragraph("Officers record ", text("public", bold()), " contact."), base().child(2));
    expectRefused(base(), after, /"every" was removed outright/);
  });

  it("refuses plain text replaced", () => {
    const after = doc(base().child(0), paragraph("Officers film every ", text("public", bold()), " contact."), base().child(2));
    expectRefused(base(), after, /"record" was replaced by "film"/);
  });

  it("refuses a paragraph split, a new empty paragraph and a removed paragraph", () => {
    const split = doc(
      base().child(0),
      paragraph("Officers record every "),
      paragraph(text("public", bold()), " contact."),
      base().child(2),
    );
    expectRefused(base(), split, /structure/);
    expectRefused(
      base(),
      doc(...[0, 1, 2].map((index) => base().child(index)), paragraph()),
      /added, removed, split or joined in the document/,
    );
    expectRefused(base(), doc(base().child(0), base().child(2)), /structure/);
  });

  it("refuses a new paragraph even when all of its text is their own insertion", () => {
    expectRefused(base(), doc(...[0, 1, 2].map((index) => base().child(index)), paragraph(text("A new rule.", mine()))), /structure/);
  });

  it("refuses a changed heading level, and a paragraph turned into a heading", () => {
    expectRefused(base(), doc(heading(2, "Purpose"), base().child(1), base().child(2)), /heading at "Purpose" became a heading/);
    expectRefused(
      base(),
      doc(base().child(0), heading(1, "Officers record every ", text("public", bold()), " contact."), base().child(2)),
      /became a heading/,
    );
  });

  it("refuses a hard break inserted into the text", () => {
    const after = doc(
      base().child(0),
      paragraph("Officers record", policySchema.node("hard_break"), " every ", text("public", bold()), " contact."),
      base().child(2),
    );
    expectRefused(base(), after, /inserted without your insertion mark/);
  });

  it("refuses formatting added to or removed from plain text", () => {
    expectRefused(
      base(),
      doc(base().child(0), paragraph("Officers record every public contact."), base().child(2)),
      /formatting .* of "public"/,
    );
    expectRefused(
      base(),
      doc(base().child(0), paragraph(text("Officers", bold()), " record every ", text("public", bold()), " contact."), base().child(2)),
      /formatting/,
    );
    const link = policySchema.marks.link.create({ href: "https://example.org", title: null });
    expectRefused(
      base(),
      doc(base().child(0), paragraph("Officers ", text("record", link), " every ", text("public", bold()), " contact."), base().child(2)),
      /formatting/,
    );
  });

  it("refuses formatting changed on text they marked for deletion", () => {
    const before = doc(paragraph(text("Officers ", myDeletion()), "record."));
    expectRefused(before, doc(paragraph(text("Officers ", myDeletion(), bold()), "record.")), /formatting/);
  });

  it("refuses their own insertion turned into plain text, or into a deletion", () => {
    const before = doc(paragraph("Keep ", text("all video", mine()), "."));
    expectRefused(before, doc(paragraph("Keep all video.")), /"all video" was inserted without your insertion mark/);
    expectRefused(before, doc(paragraph("Keep ", text("all video", myDeletion()), ".")), /"all video" was inserted/);
  });

  it("refuses someone else's insertion removed, or its mark removed or changed", () => {
    const row = (...content: Inline[]) => doc(base().child(0), base().child(1), paragraph(...content));
    expectRefused(base(), row("Recordings are kept for ", text("180", theirDeletion()), " days."), /"120" was removed outright/);
    expectRefused(
      base(),
      row("Recordings are kept for ", text("180", theirDeletion()), "120 days."),
      /formatting or suggestion marks of "120"/,
    );
    expectRefused(
      base(),
      row(
        "Recordings are kept for ",
        text("180", theirDeletion()),
        text("120", theirs("theirs-1", { time: "2026-11-28T09:00:00.000Z" })),
        " days.",
      ),
      /mark of author "officer-id" was added or changed/,
    );
  });

  it("refuses someone else's deletion mark removed, or replaced by their own deletion mark", () => {
    const row = (...content: Inline[]) => doc(base().child(0), base().child(1), paragraph(...content));
    expectRefused(base(), row("Recordings are kept for 180", text("120", theirs()), " days."), /formatting or suggestion marks of "180"/);
    expectRefused(base(), row("Recordings are kept for ", text("180", myDeletion()), text("120", theirs()), " days."), /"180"/);
  });

  it("refuses someone else's insertion marked for deletion by them", () => {
    const after = doc(
      base().child(0),
      base().child(1),
      paragraph("Recordings are kept for ", text("180", theirDeletion()), text("120", myDeletion()), " days."),
    );
    expectRefused(base(), after, /"120"/);
  });

  it("refuses marks naming another author, in either kind", () => {
    const forged = suggestion("insertion", officer, "forged-1");
    expectRefused(
      base(),
      doc(
        base().child(0),
        paragraph("Officers ", text("never ", forged), "record every ", text("public", bold()), " contact."),
        base().child(2),
      ),
      /author "officer-id"/,
    );
    const forgedDeletion = suggestion("deletion", officer, "forged-2");
    expectRefused(
      base(),
      doc(
        base().child(0),
        paragraph(text("Officers ", forgedDeletion), "record every ", text("public", bold()), " contact."),
        base().child(2),
      ),
      /author "officer-id"/,
    );
  });

  it("refuses their own marks under a wrong affiliation, or none", () => {
    const insertAs = (affiliation: string | null) =>
      doc(
        base().child(0),
        paragraph("Officers ", text("never ", mine("mine-1", { affiliation })), "record every ", text("public", bold()), " contact."),
        base().child(2),
      );
    expectRefused(base(), insertAs("police"), /affiliation "police", but yours is "community"/);
    expectRefused(base(), insertAs(null), /affiliation null/);
    const deleteAs = doc(
      base().child(0),
      paragraph(text("Officers ", myDeletion("mine-2", { affiliation: "police" })), "record every ", text("public", bold()), " contact."),
      base().child(2),
    );
    expectRefused(base(), deleteAs, /affiliation "police"/);
  });

  it("refuses their own mark taking the id of someone else's suggestion", () => {
    const after = doc(
      base().child(0),
      paragraph("Officers ", text("never ", mine("theirs-1")), "record every ", text("public", bold()), " contact."),
      base().child(2),
    );
    expectRefused(base(), after, /id "theirs-1" already belongs to someone else's suggestion/);
  });

  it("refuses a document the schema does not allow, and fails closed on an unreadable draft", () => {
    const both = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [mine().toJSON(), myDeletion().toJSON()] }] }],
    };
    expect(verdict(base(), both)).toMatchObject({ code: 4422, message: expect.stringMatching(/outside the policy schema/) });
    expect(verdict(base(), { type: "doc", content: [{ type: "script" }] })).toMatchObject({
      code: 4422,
      message: expect.stringMatching(/outside the policy schema/),
    });
    expect(verdict({ type: "doc", content: [] }, base())).toMatchObject({
      code: 4422,
      message: expect.stringMatching(/cannot be checked/),
    });
  });

  it("refuses a mixed change when any part of it is not their own suggestion", () => {
    const sneaky = doc(
      heading(1, "Purpose", text(" and scope", mine())),
      paragraph("Officers record every ", text("public", bold()), " contact!"),
      base().child(2),
    );
    expectRefused(base(), sneaky, /"\." was replaced by "!"/);
    const boldToo = doc(base().child(0), paragraph(text("Officers ", myDeletion()), "record every public contact."), base().child(2));
    expectRefused(base(), boldToo, /formatting/);
  });

  it("judges each person by their own marks: the same change is an editor's own suggestion but not the advocate's", () => {
    const after = doc(base().child(0), base().child(1), paragraph("Recordings are kept for ", text("180", theirDeletion()), " days."));
    expect(verdict(base(), after, officer)).toBeNull();
    expect(verdict(base(), after, advocate)?.code).toBe(4422);
  });
});
