import {
  blockquoteJSON,
  bodyWornCameraDemoDocument,
  bulletListJSON,
  docJSON,
  emJSON,
  hardBreakJSON,
  headingJSON,
  linkJSON,
  listItemJSON,
  markedTextJSON,
  orderedListJSON,
  paragraphJSON,
  strongJSON,
  underlineJSON,
  type PolicyDocumentJSON,
} from "@accord/policy-schema";
import type { ApprovalRecord, VersionExport } from "../../apps/server/src/exports/version-export.js";

// Factories for the exporters' tests (and for trying an export by hand): a version of the demo
// policy, an approval record, and a small document with everything an export must get right.

/** A well-formed content hash (64 lowercase hex digits) for exports built in tests. */
export const sampleContentHash = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d1f";

/** An approval record with sign-offs, both bodies' decisions and publication dates. */
export const sampleApproval: ApprovalRecord = {
  signOffs: [
    { affiliation: "Police", names: ["Officer Dana Ruiz"] },
    { affiliation: "Citizen", names: ["Sam Okafor", "Lee Park"] },
    { affiliation: "Prosecutor", names: ["Jordan Wells"] },
  ],
  decisions: [
    {
      body: "Board of Police Commissioners",
      decision: "approved",
      decidedOn: "2025-04-02",
      meetingReference: "BPC regular meeting 2025-07, item 4",
      representative: "Morgan Hale",
      reason: "The policy meets the Board's standards for recording and retention.",
      voteTally: { for: 5, against: 2, abstain: 0 },
    },
    {
      body: "Police Union",
      decision: "approved",
      decidedOn: "2025-04-09",
      meetingReference: "RPU executive board minutes 2025-15",
      representative: "Casey Burke",
      reason: "The members' concerns about activation were addressed in section 4.",
    },
  ],
  publishedOn: "2025-04-10",
  effectiveOn: "2025-05-01",
};

/** A version of the demo Body-Worn Camera Policy, not yet approved, with any field overridden. */
export function buildVersionExport(overrides: Partial<VersionExport> = {}): VersionExport {
  return {
    policyTitle: "Body-Worn Camera Policy",
    policySlug: "body-worn-cameras",
    versionNumber: 3,
    versionLabel: "Draft for board review",
    savedAt: new Date("2025-03-14T15:09:26Z"),
    authorName: "Avery Facilitator",
    contentHash: sampleContentHash,
    document: bodyWornCameraDemoDocument,
    approval: null,
    ...overrides,
  };
}

/**
 * A small document with what exports get wrong: markup-like text, a `javascript:` link (which
 * the schema refuses, as older or imported content might still carry), typography outside
 * Latin-1, hard breaks followed by Markdown syntax, nested and late-starting lists, a quote.
 */
export const trickyDocument: PolicyDocumentJSON = docJSON(
  headingJSON(1, "Scope <script>alert(1)</script>"),
  paragraphJSON("Plain ", strongJSON("bold words"), " and ", emJSON("italic words"), " and ", underlineJSON("underlined words"), "."),
  paragraphJSON('Never run <script>alert("x")</script> from a policy & never trust *stars*.'),
  paragraphJSON(
    "Do not ",
    linkJSON("click the hostile link", "javascript:alert(1)"),
    " but read ",
    linkJSON("the toolkit", "https://bja.ojp.gov/program/bwc"),
    ".",
  ),
  headingJSON(2, "Typography"),
  paragraphJSON("Quotes “like this”, a dash — here, § 12-407(b), a bullet • and an arrow → from Zoë in Łódź."),
  paragraphJSON("Line one", hardBreakJSON(), "# not a heading", hardBreakJSON(), "- not a list"),
  orderedListJSON("first numbered item", listItemJSON(paragraphJSON("second numbered item"), bulletListJSON("nested bullet item"))),
  {
    type: "ordered_list",
    attrs: { order: 7 },
    content: [listItemJSON(paragraphJSON("seventh item")), listItemJSON(paragraphJSON("eighth item"))],
  },
  headingJSON(3, "A lettered clause"),
  blockquoteJSON(paragraphJSON("A quoted statute sentence.")),
);

/** Sentences of the demo draft that every export must carry word for word. */
export const distinctiveDemoSentences = [
  "Buffered video does not satisfy this duty.",
  "An officer must never deactivate a BWC to avoid recording a use of force or a complaint.",
  "Notice is not consent: outside a private residence, a person's objection to being recorded does not oblige the officer to stop recording.",
  "“I want to let you know that my body camera is recording.”",
  "— State Public Records Act, § 12-407(b)",
] as const;

/** Headings of the demo draft with their computed numbers, one of each level. */
export const demoNumberedHeadings = ["1 Purpose", "4.2 Timing of activation", "9.3.a Release timeline", "12 Community Reporting"] as const;

/** Lines of the sample approval record that every export must print. */
export const sampleApprovalLines = [
  "Board of Police Commissioners: approved on 2025-04-02",
  "BPC regular meeting 2025-07, item 4",
  "Police Union: approved on 2025-04-09",
  "RPU executive board minutes 2025-15",
] as const;

/**
 * What the public page shows of the sample record beyond those lines (the vote tally and the
 * bodies' reasons), which every export of an approved version must print too.
 */
export const sampleApprovalRecordOfThePage = [
  "Vote: 5 for, 2 against, 0 abstaining.",
  "The policy meets the Board's standards for recording and retention.",
  "The members' concerns about activation were addressed in section 4.",
] as const;

/** Collapses runs of whitespace to one space, for text read back from a laid-out file. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, " ");
}

const suggestedAt = "2026-11-28T09:00:00.000Z";

/**
 * A document with pending suggestions: a suggested insertion that spans a bold word, and policy text
 * suggested for deletion. Exports must print both marked as suggestions, never as plain policy text.
 */
export const suggestionDocument: PolicyDocumentJSON = docJSON(
  headingJSON(1, "Retention"),
  paragraphJSON(
    "Footage is kept ",
    markedTextJSON("ninety", { type: "deletion", attrs: { id: "del-1", author: "u-police", affiliation: "police", time: suggestedAt } }),
    markedTextJSON("one hundred ", {
      type: "insertion",
      attrs: { id: "ins-1", author: "u-citizen", affiliation: "citizen", time: suggestedAt },
    }),
    markedTextJSON(
      "eighty",
      { type: "strong" },
      { type: "insertion", attrs: { id: "ins-1", author: "u-citizen", affiliation: "citizen", time: suggestedAt } },
    ),
    " days.",
  ),
);
