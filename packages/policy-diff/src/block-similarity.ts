import type { FlatBlock } from "./blocks.js";
import { areSimilar, bagSize, commonWordCount, mergeBags, wordBagOf, type WordBag } from "./words.js";

/**
 * The word bags of blocks, computed once per block and shared by move detection and pairing,
 * which ask about the same blocks many times.
 */
export class BlockWords {
  readonly #bags = new Map<FlatBlock, WordBag>();
  readonly #sizes = new Map<FlatBlock, number>();

  /** The bag of words of a block. */
  bag(block: FlatBlock): WordBag {
    let bag = this.#bags.get(block);
    if (bag === undefined) {
      bag = wordBagOf(block.text);
      this.#bags.set(block, bag);
    }
    return bag;
  }

  /** How many words a block has. */
  size(block: FlatBlock): number {
    let size = this.#sizes.get(block);
    if (size === undefined) {
      size = bagSize(this.bag(block));
      this.#sizes.set(block, size);
    }
    return size;
  }

  /** How many words two blocks share. */
  common(left: FlatBlock, right: FlatBlock): number {
    return commonWordCount(this.bag(left), this.bag(right));
  }

  /** Whether two blocks are of one type and similar (see areSimilar). */
  similar(before: FlatBlock, after: FlatBlock): boolean {
    return before.type === after.type && areSimilar(this.common(before, after), this.size(before), this.size(after));
  }

  /**
   * The score of reading `after` as a rewrite of `before` (the words they share, plus one so
   * that two empty blocks still pair), or -1 if they cannot be the same block: they must be of
   * one type, and similar (see areSimilar). Two headings of the same level always may be: a
   * heading replaced where it stood is a renamed section, whose text lives on below it.
   */
  pairScore(before: FlatBlock, after: FlatBlock): number {
    if (before.type !== after.type) return -1;
    const common = this.common(before, after);
    if (areSimilar(common, this.size(before), this.size(after))) return common + 1;
    return before.type === "heading" && before.level === after.level ? 1 : -1;
  }

  /**
   * The score of reading the paragraphs `parts` as `whole` split (or, read the other way, as
   * joined into it), or -1. Each part must be a non-empty paragraph whose words are mostly (half)
   * in the whole, and the parts together must be similar to it: a new paragraph written after an
   * old one is not part of a split merely because it reuses a few of its words.
   */
  reshapeScore(whole: FlatBlock, parts: readonly FlatBlock[]): number {
    if (whole.type !== "paragraph") return -1;
    for (const part of parts) {
      const size = this.size(part);
      if (part.type !== "paragraph" || size === 0 || this.common(whole, part) / size < 0.5) return -1;
    }
    const merged = mergeBags(parts.map((part) => this.bag(part)));
    const common = commonWordCount(this.bag(whole), merged);
    return areSimilar(common, this.size(whole), bagSize(merged)) ? common + 1 : -1;
  }

  /** Whether one part could belong to a split of `whole` (the cheap first test of reshapeScore). */
  mayBePartOf(whole: FlatBlock, part: FlatBlock): boolean {
    const size = this.size(part);
    return whole.type === "paragraph" && part.type === "paragraph" && size > 0 && this.common(whole, part) / size >= 0.5;
  }
}
