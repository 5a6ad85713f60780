import { Type, type Static } from "typebox";
import { Closed } from "./schema-kit.js";

// A redline between two policy documents, as `@accord/policy-diff` computes it (its redline-types.ts
// says what each field means). The server's presenter is typed against both, so they cannot drift.

/** Formatting a redline keeps: bold, italic, underline, or a link with its href and title. */
export const RedlineMarkSchema = Closed({
  type: Type.Enum(["link", "em", "strong", "underline"]),
  href: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});

/** A run of text with one formatting. */
export const TextRunSchema = Closed({ text: Type.String(), marks: Type.Optional(Type.Array(RedlineMarkSchema)) });

/** One run of a word-level diff. */
export const TextSegmentSchema = Closed({
  text: Type.String(),
  marks: Type.Optional(Type.Array(RedlineMarkSchema)),
  kind: Type.Enum(["equal", "insert", "delete"]),
  formatOnly: Type.Optional(Type.Literal(true)),
});

/** A list, list item or quote around a block. */
export const BlockContainerSchema = Closed({
  type: Type.Enum(["blockquote", "bullet_list", "ordered_list", "list_item"]),
  id: Type.String(),
  order: Type.Optional(Type.Integer()),
});

/** One block of the redline. */
export const BlockChangeSchema = Closed({
  kind: Type.Enum(["unchanged", "inserted", "deleted", "modified", "moved"]),
  blockType: Type.Enum(["paragraph", "heading"]),
  level: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)])),
  beforeSection: Type.Optional(Type.String()),
  afterSection: Type.Optional(Type.String()),
  text: Type.Optional(Type.String()),
  runs: Type.Optional(Type.Array(TextRunSchema)),
  segments: Type.Optional(Type.Array(TextSegmentSchema)),
  formatChanged: Type.Optional(Type.Literal(true)),
  reshaped: Type.Optional(Type.Enum(["split", "joined"])),
  containers: Type.Array(BlockContainerSchema),
});

/** Counts of what changed. */
export const RedlineStatsSchema = Closed({
  wordsInserted: Type.Integer(),
  wordsDeleted: Type.Integer(),
  blocksInserted: Type.Integer(),
  blocksDeleted: Type.Integer(),
  blocksModified: Type.Integer(),
  blocksMoved: Type.Integer(),
  blocksChanged: Type.Integer(),
});

/** One line of a redline's summary: a numbered section and what happened to it. */
export const SectionChangeSchema = Closed({
  section: Type.String(),
  title: Type.String(),
  change: Type.Enum(["modified", "added", "removed", "moved"]),
  from: Type.Optional(Type.String()),
  contentChanged: Type.Optional(Type.Literal(true)),
});

/** A pending suggestion in one of the two documents, left out of the comparison. */
export const PendingSuggestionNoteSchema = Closed({
  side: Type.Enum(["before", "after"]),
  kind: Type.Enum(["insertion", "deletion"]),
  text: Type.String(),
  affiliation: Type.Union([Type.String(), Type.Null()]),
  section: Type.Optional(Type.String()),
});

/** The differences between two versions of a policy document. */
export const RedlineSchema = Closed({
  changes: Type.Array(BlockChangeSchema),
  stats: RedlineStatsSchema,
  summary: Type.Array(SectionChangeSchema),
  summaryText: Type.String(),
  pendingSuggestions: Type.Optional(Type.Array(PendingSuggestionNoteSchema)),
});
export type Redline = Static<typeof RedlineSchema>;
