import type { BlockWords } from "./block-similarity.js";
import type { FlatBlock } from "./blocks.js";

/** A stretch where the two documents differ: the blocks deleted from the before document and inserted into the after. */
export interface Hunk {
  readonly deleted: readonly FlatBlock[];
  readonly inserted: readonly FlatBlock[];
}

const textKey = (block: FlatBlock): string => `${block.type}\u0000${block.text}`;

/**
 * Finds the blocks that moved: inserted in one hunk with the text of a block deleted in
 * another. Returns, for each moved block of the after document, the block of the before document
 * it came from.
 *
 * - Equal text within one hunk is left to the hunk's own pairing: there it is the same block
 *   with other formatting, not a move.
 * - Blocks without words (empty paragraphs) never move: they carry no meaning to follow.
 * - A moved section often has a paragraph edited on the way. Next to a block that moved, the
 *   neighbour that was its neighbour before is taken as moved too if the two are similar
 *   (repeated in both directions), so the edit shows as a word diff inside the moved section
 *   rather than as a deletion far away and an insertion here.
 */
export function findMoves(
  hunks: readonly Hunk[],
  beforeBlocks: readonly FlatBlock[],
  afterBlocks: readonly FlatBlock[],
  words: BlockWords,
): Map<FlatBlock, FlatBlock> {
  const hunkOf = new Map<FlatBlock, number>();
  const insertedKeys = hunks.map((hunk) => new Set(hunk.inserted.map(textKey)));
  const deletedKeys = hunks.map((hunk) => new Set(hunk.deleted.map(textKey)));
  const deletedByText = new Map<string, FlatBlock[]>();
  hunks.forEach((hunk, index) => {
    for (const block of hunk.inserted) hunkOf.set(block, index);
    for (const block of hunk.deleted) {
      hunkOf.set(block, index);
      if (words.size(block) === 0) continue;
      const key = textKey(block);
      const sameText = deletedByText.get(key);
      if (sameText === undefined) deletedByText.set(key, [block]);
      else sameText.push(block);
    }
  });
  const deletedBlocks = new Set(hunks.flatMap((hunk) => hunk.deleted));

  const movedFrom = new Map<FlatBlock, FlatBlock>();
  const movedOut = new Set<FlatBlock>();
  const move = (after: FlatBlock, before: FlatBlock): void => {
    movedFrom.set(after, before);
    movedOut.add(before);
  };

  hunks.forEach((hunk, index) => {
    for (const after of hunk.inserted) {
      const key = textKey(after);
      if (words.size(after) === 0 || deletedKeys[index]!.has(key)) continue;
      const origin = (deletedByText.get(key) ?? []).find((before) => {
        const beforeHunk = hunkOf.get(before)!;
        return !movedOut.has(before) && beforeHunk !== index && !insertedKeys[beforeHunk]!.has(key);
      });
      if (origin !== undefined) move(after, origin);
    }
  });

  // Grows moved runs by similar neighbours, forwards (offset 1) and then backwards (offset -1).
  const extend = (offset: 1 | -1): void => {
    const order = offset === 1 ? afterBlocks : [...afterBlocks].reverse();
    for (const after of order) {
      if (movedFrom.has(after) || !hunkOf.has(after)) continue;
      const movedNeighbour = afterBlocks[after.index - offset];
      const neighbourOrigin = movedNeighbour === undefined ? undefined : movedFrom.get(movedNeighbour);
      if (neighbourOrigin === undefined) continue;
      const before = beforeBlocks[neighbourOrigin.index + offset];
      if (before === undefined || !deletedBlocks.has(before) || movedOut.has(before)) continue;
      if (hunkOf.get(before) === hunkOf.get(after) || !words.similar(before, after)) continue;
      move(after, before);
    }
  };
  extend(1);
  extend(-1);
  return movedFrom;
}
