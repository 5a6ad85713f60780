import type { BlockWords } from "./block-similarity.js";
import type { FlatBlock } from "./blocks.js";

/** One step of a hunk's pairing, in order: a block deleted, inserted, or rewritten (1:1, split 1:n, joined n:1). */
export type HunkStep =
  | { readonly kind: "inserted"; readonly after: FlatBlock }
  | { readonly kind: "deleted"; readonly before: FlatBlock }
  | { readonly kind: "modified"; readonly before: readonly FlatBlock[]; readonly after: readonly FlatBlock[] };

// A paragraph split into more than this many, or this many joined, is read as deletions and
// insertions instead; it also bounds the work of each cell of the table below.
const maxReshapeParts = 6;

// Above this many cells (deleted × inserted blocks) the exact pairing gives way to a greedy one.
// Real edits make hunks of a few blocks; only a wholesale rewrite makes one this large, and
// there the greedy pairing is as useful and stays linear.
const maxTableCells = 10_000;

// How far ahead the greedy pairing looks for a partner of each deleted block.
const greedyWindow = 32;

// What the best pairing does at a cell of the table.
const Step = { Delete: 0, Insert: 1, Pair: 2, Split: 3, Join: 4 } as const;
type Step = (typeof Step)[keyof typeof Step];

/**
 * Pairs the deleted and inserted blocks of one hunk (a stretch where the documents differ) as
 * rewrites where they are similar, keeping both documents' order. Among all order-keeping
 * pairings it picks the one that explains the most words (dynamic programming over the
 * deleted × inserted table), so a paragraph split in two pairs with both halves rather than
 * with the larger one only. Unpaired blocks are deleted or inserted; deletions come first.
 */
export function pairHunk(deleted: readonly FlatBlock[], inserted: readonly FlatBlock[], words: BlockWords): HunkStep[] {
  if (deleted.length === 0) return inserted.map((after) => ({ kind: "inserted", after }));
  if (inserted.length === 0) return deleted.map((before) => ({ kind: "deleted", before }));
  if (deleted.length * inserted.length > maxTableCells) return pairGreedily(deleted, inserted, words);

  const width = inserted.length + 1;
  const cells = (deleted.length + 1) * width;
  const best = new Float64Array(cells);
  const step = new Uint8Array(cells);
  const span = new Uint8Array(cells);
  const pairScores = new Map<number, number>();
  const pairScore = (i: number, j: number): number => {
    const cell = i * width + j;
    let score = pairScores.get(cell);
    if (score === undefined) {
      score = words.pairScore(deleted[i]!, inserted[j]!);
      pairScores.set(cell, score);
    }
    return score;
  };

  // best[i][j] is the score of the best pairing of deleted[i..] with inserted[j..].
  for (let i = deleted.length; i >= 0; i--) {
    for (let j = inserted.length; j >= 0; j--) {
      const cell = i * width + j;
      if (i === deleted.length && j === inserted.length) continue;
      let score = -1;
      const consider = (candidate: number, kind: Step, length = 1): void => {
        if (candidate > score) {
          score = candidate;
          step[cell] = kind;
          span[cell] = length;
        }
      };
      if (i < deleted.length) consider(best[cell + width]!, Step.Delete);
      if (j < inserted.length) consider(best[cell + 1]!, Step.Insert);
      if (i < deleted.length && j < inserted.length) {
        const pair = pairScore(i, j);
        if (pair >= 0) consider(pair + best[cell + width + 1]!, Step.Pair);
        const whole = deleted[i]!;
        for (let parts = 2; parts <= maxReshapeParts && j + parts <= inserted.length; parts++) {
          if (!words.mayBePartOf(whole, inserted[j + parts - 1]!) || !words.mayBePartOf(whole, inserted[j]!)) break;
          const split = words.reshapeScore(whole, inserted.slice(j, j + parts));
          if (split >= 0) consider(split + best[(i + 1) * width + j + parts]!, Step.Split, parts);
        }
        const joined = inserted[j]!;
        for (let parts = 2; parts <= maxReshapeParts && i + parts <= deleted.length; parts++) {
          if (!words.mayBePartOf(joined, deleted[i + parts - 1]!) || !words.mayBePartOf(joined, deleted[i]!)) break;
          const join = words.reshapeScore(joined, deleted.slice(i, i + parts));
          if (join >= 0) consider(join + best[(i + parts) * width + j + 1]!, Step.Join, parts);
        }
      }
      best[cell] = score;
    }
  }

  const steps: HunkStep[] = [];
  let i = 0;
  let j = 0;
  while (i < deleted.length || j < inserted.length) {
    const cell = i * width + j;
    const length = span[cell]!;
    switch (step[cell] as Step) {
      case Step.Delete:
        steps.push({ kind: "deleted", before: deleted[i++]! });
        break;
      case Step.Insert:
        steps.push({ kind: "inserted", after: inserted[j++]! });
        break;
      case Step.Pair:
        steps.push({ kind: "modified", before: [deleted[i++]!], after: [inserted[j++]!] });
        break;
      case Step.Split:
        steps.push({ kind: "modified", before: [deleted[i++]!], after: inserted.slice(j, j + length) });
        j += length;
        break;
      case Step.Join:
        steps.push({ kind: "modified", before: deleted.slice(i, i + length), after: [inserted[j++]!] });
        i += length;
        break;
    }
  }
  return steps;
}

// The linear fallback for huge hunks: each deleted block, in order, takes the most similar of the
// next few inserted blocks; no splits or joins.
function pairGreedily(deleted: readonly FlatBlock[], inserted: readonly FlatBlock[], words: BlockWords): HunkStep[] {
  const steps: HunkStep[] = [];
  let next = 0;
  for (const before of deleted) {
    let partner = -1;
    let partnerScore = -1;
    for (let j = next; j < Math.min(inserted.length, next + greedyWindow); j++) {
      const score = words.pairScore(before, inserted[j]!);
      if (score > partnerScore) {
        partner = j;
        partnerScore = score;
      }
    }
    if (partner < 0) {
      steps.push({ kind: "deleted", before });
      continue;
    }
    while (next < partner) steps.push({ kind: "inserted", after: inserted[next++]! });
    steps.push({ kind: "modified", before: [before], after: [inserted[next++]!] });
  }
  while (next < inserted.length) steps.push({ kind: "inserted", after: inserted[next++]! });
  return steps;
}
