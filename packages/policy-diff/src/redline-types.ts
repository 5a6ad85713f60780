import type { HeadingLevel } from "@accord/policy-schema";

// A redline is plain JSON on purpose: the server computes it once, stores or sends it as is, and
// any client (the app, an export, the public site) renders it without the two documents.

/** The kinds of leaf block a redline compares: everything else (lists, quotes) only contains them. */
export type RedlineBlockType = "paragraph" | "heading";

/** What happened to one block between the two documents. */
export type BlockChangeKind = "unchanged" | "inserted" | "deleted" | "modified" | "moved";

/**
 * A mark of inline formatting that a redline keeps: bold, italic, underline, or a link with its
 * href (only one that isAllowedHref accepts ever reaches a redline). Pending suggestion marks are
 * not formatting and never appear here.
 */
export interface RedlineMark {
  readonly type: "link" | "em" | "strong" | "underline";
  /** A link's href. */
  readonly href?: string;
  /** A link's title, if it has one. */
  readonly title?: string;
}

/** A run of text with one formatting: its marks in the schema's order, absent for plain text. */
export interface TextRun {
  readonly text: string;
  readonly marks?: readonly RedlineMark[];
}

/**
 * One run of text in a word-level diff. Equal and inserted runs together are the after text;
 * equal and deleted runs the before text. A run may hold the `paragraphBreak` character, which
 * marks where a paragraph was split (inserted) or joined to the next (deleted). Consecutive runs
 * of one kind differ in their marks.
 */
export interface TextSegment extends TextRun {
  readonly kind: "equal" | "insert" | "delete";
  /**
   * Set on a deleted and an inserted run that hold the same words and differ only in their
   * formatting (plain "shall" deleted, bold "shall" inserted): they show as a change but are not
   * counted as words inserted or deleted.
   */
  readonly formatOnly?: true;
}

/** A list, list item or quote around a block, from the outside in, so that a redline can redraw the structure. */
export interface BlockContainer {
  readonly type: "blockquote" | "bullet_list" | "ordered_list" | "list_item";
  /**
   * Which container this is: equal ids are the same list, item or quote. Ids of the after
   * document start with "a:"; a container that exists only in the before document keeps its
   * "b:" id, and a deleted block inside a container that both documents share gets the after id.
   */
  readonly id: string;
  /** The number of an ordered list's first item. */
  readonly order?: number;
}

/** One block of the redline, in the after document's order, deleted blocks where they stood. */
export interface BlockChange {
  readonly kind: BlockChangeKind;
  readonly blockType: RedlineBlockType;
  /** A heading's level (1 to 3). */
  readonly level?: HeadingLevel;
  /**
   * In the before document: a heading's own section number, or the number of the section a
   * paragraph stands in (the nearest heading before it). Absent for inserted blocks and for
   * text before the first heading.
   */
  readonly beforeSection?: string;
  /** The same in the after document. Absent for deleted blocks and for text before the first heading. */
  readonly afterSection?: string;
  /** The block's text, for unchanged, inserted, deleted and moved blocks ("\n" is a line break). */
  readonly text?: string;
  /** The same text in runs of like formatting, present only when some of it is formatted. */
  readonly runs?: readonly TextRun[];
  /** The word-level diff of a modified block. */
  readonly segments?: readonly TextSegment[];
  /**
   * Set when the words are exactly the same and only the formatting changed: marks (bold,
   * italic, underline, links), a heading's level, or the list or quote around the block. Changed
   * marks also show in the segments (see TextSegment.formatOnly), whether or not words changed.
   */
  readonly formatChanged?: true;
  /** Set on the modified blocks of a paragraph that was split in two or more, or of paragraphs joined into one. */
  readonly reshaped?: "split" | "joined";
  /** The lists and quotes around the block, outermost first; empty at the top level. */
  readonly containers: readonly BlockContainer[];
}

/**
 * Counts of what changed. Blocks are counted as entries of `changes` (a paragraph split in two is
 * two modified blocks); a moved block counts as moved, and only the words edited inside it as
 * inserted or deleted.
 */
export interface RedlineStats {
  readonly wordsInserted: number;
  readonly wordsDeleted: number;
  readonly blocksInserted: number;
  readonly blocksDeleted: number;
  readonly blocksModified: number;
  readonly blocksMoved: number;
  /** All blocks that are not unchanged. */
  readonly blocksChanged: number;
}

/** What happened to a numbered section as a whole. */
export type SectionChangeKind = "modified" | "added" | "removed" | "moved";

/** One line of a redline's summary: a numbered section and what happened to it. */
export interface SectionChange {
  /**
   * The section's number in the after document, or in the before document for a removed one.
   * "" stands for the text before the first heading.
   */
  readonly section: string;
  /** The section's heading text ("" for the text before the first heading). */
  readonly title: string;
  readonly change: SectionChangeKind;
  /** For a moved section, its number in the before document. */
  readonly from?: string;
  /** For a moved section whose text was also changed. */
  readonly contentChanged?: true;
}

/** The differences between two versions of a policy document, as plain JSON-serialisable data. */
export interface Redline {
  /** Every block of the after document in order, with the deleted blocks where they stood. */
  readonly changes: readonly BlockChange[];
  readonly stats: RedlineStats;
  /** The sections that changed, in document order; renumbered sections whose text is the same are not listed. */
  readonly summary: readonly SectionChange[];
  /** The summary in one line, e.g. "Sections 4.2 and 9.3 changed; section 12 added; section 7.3 moved from 7.2." */
  readonly summaryText: string;
  /**
   * The pending suggestions of either side, present only when there are some. They are not part of
   * the text compared (an editor has yet to accept or reject them), so they are listed here instead.
   */
  readonly pendingSuggestions?: readonly PendingSuggestionNote[];
}

/** A pending suggestion in one of the two documents, left out of the comparison. */
export interface PendingSuggestionNote {
  /** Which document holds it: "before" or "after". */
  readonly side: "before" | "after";
  readonly kind: "insertion" | "deletion";
  /** The suggested text, or the text suggested for deletion. */
  readonly text: string;
  /** The affiliation it was suggested as. */
  readonly affiliation: string | null;
  /** The number of the section it sits in; absent before the first heading. */
  readonly section?: string;
}
