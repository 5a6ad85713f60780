import type { AlignedBlocks } from "./align.js";
import type { FlatBlock } from "./blocks.js";
import { isFormatted } from "./formatting.js";
import type { BlockChange, BlockContainer, RedlineStats, TextRun, TextSegment } from "./redline-types.js";
import { cutAtParagraphBreaks, paragraphBreak, segmentWordCounts, wordSegments } from "./segments.js";
import { countWords } from "./words.js";

// The containers of the before document that are also in the after document, found through the
// blocks paired across them (outermost first, for as long as their kinds agree). A deleted
// list item then sits inside the surviving list instead of in a list of its own.
function mapContainers(aligned: readonly AlignedBlocks[]): Map<string, BlockContainer> {
  const afterContainerOf = new Map<string, BlockContainer>();
  for (const step of aligned) {
    const pair =
      step.kind === "unchanged" ? [step.before, step.after] : step.kind === "modified" ? [step.before[0], step.after[0]] : undefined;
    if (pair === undefined || pair[0] === undefined || pair[1] === undefined) continue;
    const [before, after] = pair;
    for (let depth = 0; depth < Math.min(before.containers.length, after.containers.length); depth++) {
      const beforeContainer = before.containers[depth]!;
      const afterContainer = after.containers[depth]!;
      if (beforeContainer.type !== afterContainer.type) break;
      if (!afterContainerOf.has(beforeContainer.id)) afterContainerOf.set(beforeContainer.id, afterContainer);
    }
  }
  return afterContainerOf;
}

function describeBlock(block: FlatBlock): Pick<BlockChange, "blockType" | "level"> {
  return { blockType: block.type, ...(block.level === undefined ? {} : { level: block.level }) };
}

function sections(before: FlatBlock | undefined, after: FlatBlock | undefined): Pick<BlockChange, "beforeSection" | "afterSection"> {
  return {
    ...(before?.section === undefined ? {} : { beforeSection: before.section.number }),
    ...(after?.section === undefined ? {} : { afterSection: after.section.number }),
  };
}

// A block's runs of formatting, for a block change: only when some of it is formatted, so that
// plain text stays just `text`.
function runsOf(block: FlatBlock): Pick<BlockChange, "runs"> {
  return isFormatted(block.runs) ? { runs: block.runs } : {};
}

// Paired blocks with the same key are the same text, formatted alike. Otherwise the word diff
// (which shows changed marks as well as changed words) tells what changed; when the words are the
// same, the change was one of formatting (marks, level, or the lists and quotes around it).
function textOrSegments(before: FlatBlock, after: FlatBlock): Pick<BlockChange, "text" | "runs" | "segments" | "formatChanged"> {
  if (before.key === after.key) return { text: after.text, ...runsOf(after) };
  const formatChanged = before.text === after.text ? { formatChanged: true as const } : {};
  return { segments: wordSegments(before.runs, after.runs), ...formatChanged };
}

// The runs of paragraphs read as one text, a paragraph break between each two.
function joinedRuns(blocks: readonly FlatBlock[]): TextRun[] {
  return blocks.flatMap((block, index) => (index === 0 ? block.runs : [{ text: paragraphBreak }, ...block.runs]));
}

function modifiedChanges(before: readonly FlatBlock[], after: readonly FlatBlock[]): BlockChange[] {
  const [firstBefore, firstAfter] = [before[0]!, after[0]!];
  if (before.length === 1 && after.length === 1) {
    const { segments, formatChanged } = textOrSegments(firstBefore, firstAfter);
    return [
      {
        kind: "modified",
        ...describeBlock(firstAfter),
        ...sections(firstBefore, firstAfter),
        // A modified block always carries segments, even when it is the same text formatted alike.
        segments: segments ?? firstAfter.runs.map((run): TextSegment => ({ kind: "equal", ...run })),
        ...(formatChanged ? { formatChanged } : {}),
        containers: firstAfter.containers,
      },
    ];
  }
  const segments = wordSegments(joinedRuns(before), joinedRuns(after));
  if (after.length === 1) {
    return [
      {
        kind: "modified",
        ...describeBlock(firstAfter),
        ...sections(firstBefore, firstAfter),
        segments,
        reshaped: "joined",
        containers: firstAfter.containers,
      },
    ];
  }
  return cutAtParagraphBreaks(segments, after.length).map((part, index) => {
    const block = after[index]!;
    return {
      kind: "modified",
      ...describeBlock(block),
      ...sections(firstBefore, block),
      segments: part,
      reshaped: "split",
      containers: block.containers,
    };
  });
}

/**
 * Turns an alignment into the redline's block changes: word diffs for rewritten blocks (split
 * and joined paragraphs diffed as one text with paragraph breaks), section numbers on both sides,
 * and each block's containers (a deleted block's mapped into the after document where they survive).
 */
export function buildChanges(aligned: readonly AlignedBlocks[]): BlockChange[] {
  const afterContainerOf = mapContainers(aligned);
  const changes: BlockChange[] = [];
  for (const step of aligned) {
    switch (step.kind) {
      case "unchanged":
        changes.push({
          kind: "unchanged",
          ...describeBlock(step.after),
          ...sections(step.before, step.after),
          text: step.after.text,
          ...runsOf(step.after),
          containers: step.after.containers,
        });
        break;
      case "inserted":
        changes.push({
          kind: "inserted",
          ...describeBlock(step.after),
          ...sections(undefined, step.after),
          text: step.after.text,
          ...runsOf(step.after),
          containers: step.after.containers,
        });
        break;
      case "deleted": {
        const containers = step.before.containers.map((container) => afterContainerOf.get(container.id) ?? container);
        changes.push({
          kind: "deleted",
          ...describeBlock(step.before),
          ...sections(step.before, undefined),
          text: step.before.text,
          ...runsOf(step.before),
          containers,
        });
        break;
      }
      case "moved":
        changes.push({
          kind: "moved",
          ...describeBlock(step.after),
          ...sections(step.before, step.after),
          ...textOrSegments(step.before, step.after),
          containers: step.after.containers,
        });
        break;
      case "modified":
        changes.push(...modifiedChanges(step.before, step.after));
        break;
    }
  }
  return changes;
}

/** The statistics of a list of block changes. */
export function countChanges(changes: readonly BlockChange[]): RedlineStats {
  const stats = {
    wordsInserted: 0,
    wordsDeleted: 0,
    blocksInserted: 0,
    blocksDeleted: 0,
    blocksModified: 0,
    blocksMoved: 0,
    blocksChanged: 0,
  };
  for (const change of changes) {
    if (change.kind === "unchanged") continue;
    stats.blocksChanged++;
    if (change.kind === "inserted") {
      stats.blocksInserted++;
      stats.wordsInserted += countWords(change.text ?? "");
    } else if (change.kind === "deleted") {
      stats.blocksDeleted++;
      stats.wordsDeleted += countWords(change.text ?? "");
    } else {
      if (change.kind === "moved") stats.blocksMoved++;
      else stats.blocksModified++;
      const words = segmentWordCounts(change.segments ?? []);
      stats.wordsInserted += words.inserted;
      stats.wordsDeleted += words.deleted;
    }
  }
  return stats;
}
