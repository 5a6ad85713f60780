import { diffArrays } from "diff";
import { BlockWords } from "./block-similarity.js";
import type { FlatBlock } from "./blocks.js";
import { findMoves, type Hunk } from "./moves.js";
import { pairHunk, type HunkStep } from "./pair-hunk.js";

/** One step of the alignment of two documents' blocks, in the after document's order. */
export type AlignedBlocks =
  | HunkStep
  | { readonly kind: "unchanged"; readonly before: FlatBlock; readonly after: FlatBlock }
  | { readonly kind: "moved"; readonly before: FlatBlock; readonly after: FlatBlock };

interface CommonStretch {
  readonly kind: "common";
  readonly pairs: readonly [FlatBlock, FlatBlock][];
}

interface HunkStretch extends Hunk {
  readonly kind: "hunk";
  readonly deleted: FlatBlock[];
  readonly inserted: FlatBlock[];
}

type Stretch = CommonStretch | HunkStretch;

// The longest common subsequence of blocks, compared by key. Keys become small integers first,
// so the differ compares numbers with === instead of calling back for each comparison.
function commonStretches(beforeBlocks: readonly FlatBlock[], afterBlocks: readonly FlatBlock[]): Stretch[] {
  const ids = new Map<string, number>();
  const idOf = (block: FlatBlock): number => {
    let id = ids.get(block.key);
    if (id === undefined) {
      id = ids.size;
      ids.set(block.key, id);
    }
    return id;
  };
  const changes = diffArrays(beforeBlocks.map(idOf), afterBlocks.map(idOf));
  const stretches: Stretch[] = [];
  let beforeAt = 0;
  let afterAt = 0;
  // Consecutive deletions and insertions, in whatever order the differ reports them, form one hunk.
  const openHunk = (): HunkStretch => {
    const last = stretches.at(-1);
    if (last?.kind === "hunk") return last;
    const hunk: HunkStretch = { kind: "hunk", deleted: [], inserted: [] };
    stretches.push(hunk);
    return hunk;
  };
  for (const change of changes) {
    const count = change.value.length;
    if (change.removed) {
      openHunk().deleted.push(...beforeBlocks.slice(beforeAt, beforeAt + count));
      beforeAt += count;
    } else if (change.added) {
      openHunk().inserted.push(...afterBlocks.slice(afterAt, afterAt + count));
      afterAt += count;
    } else {
      const pairs = Array.from({ length: count }, (_, offset): [FlatBlock, FlatBlock] => [
        beforeBlocks[beforeAt + offset]!,
        afterBlocks[afterAt + offset]!,
      ]);
      stretches.push({ kind: "common", pairs });
      beforeAt += count;
      afterAt += count;
    }
  }
  return stretches;
}

function firstAfterOf(step: HunkStep): FlatBlock | undefined {
  if (step.kind === "inserted") return step.after;
  if (step.kind === "modified") return step.after[0];
  return undefined;
}

/**
 * Aligns the blocks of two documents: the longest common subsequence of identical blocks (by
 * jsdiff's diffArrays), then moves across the whole document, then, inside each stretch where
 * the documents differ, rewrites, splits and joins of similar blocks (pairHunk). Word diffs are
 * left to the caller, which runs them only on the few blocks paired here, never over the whole
 * document.
 */
export function alignBlocks(beforeBlocks: readonly FlatBlock[], afterBlocks: readonly FlatBlock[]): AlignedBlocks[] {
  const words = new BlockWords();
  const stretches = commonStretches(beforeBlocks, afterBlocks);
  const hunks = stretches.filter((stretch) => stretch.kind === "hunk");
  const movedFrom = findMoves(hunks, beforeBlocks, afterBlocks, words);
  const movedOut = new Set(movedFrom.values());

  const aligned: AlignedBlocks[] = [];
  for (const stretch of stretches) {
    if (stretch.kind === "common") {
      for (const [before, after] of stretch.pairs) aligned.push({ kind: "unchanged", before, after });
      continue;
    }
    const steps = pairHunk(
      stretch.deleted.filter((block) => !movedOut.has(block)),
      stretch.inserted.filter((block) => !movedFrom.has(block)),
      words,
    );
    // Moved blocks are reported where they now stand, so they are slotted in among the hunk's
    // own steps by their place in the after document (the steps already follow that order).
    let cursor = 0;
    const emitMovedBefore = (afterIndex: number): void => {
      for (; cursor < stretch.inserted.length && stretch.inserted[cursor]!.index < afterIndex; cursor++) {
        const after = stretch.inserted[cursor]!;
        const before = movedFrom.get(after);
        if (before !== undefined) aligned.push({ kind: "moved", before, after });
      }
    };
    for (const step of steps) {
      const firstAfter = firstAfterOf(step);
      if (firstAfter !== undefined) emitMovedBefore(firstAfter.index);
      aligned.push(step);
    }
    emitMovedBefore(Number.POSITIVE_INFINITY);
  }
  return aligned;
}
