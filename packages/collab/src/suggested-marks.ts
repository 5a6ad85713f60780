import * as Y from "yjs";

// Where a suggester's formatting items sit in a Y.XmlText, once their update is applied to a copy of
// the draft. Yjs writes more than the suggester's own marks around text they type: typed inside or
// right after someone else's suggestion, it re-opens that suggestion's mark after the new text; typed
// right after a link, it closes the link before the new text. Such a mark is the suggester's only to
// restore what was there, at the border of their own new text.

/** A mark's value as Yjs keeps it: null, or a flat object of attributes. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.is(left[key], right[key]));
}

/** What one applied update changed in a copy of the draft, to tell its new items from the old ones. */
export class UpdateNeighbourhood {
  constructor(
    /** The copy's state vector before the update. */
    private readonly newSince: Map<number, number>,
    /** The update's own deletions. */
    private readonly deletions: ReturnType<typeof Y.decodeUpdate>["ds"],
  ) {}

  /** True when the item holds content of the update (it may have merged with older content). */
  isNew(item: Y.Item): boolean {
    return item.id.clock + item.length > (this.newSince.get(item.id.client) ?? 0);
  }

  /** True when the item was there before the update: old, and not deleted by anything before it. */
  wasThere(item: Y.Item): boolean {
    return !this.isNew(item) && (!item.deleted || Y.isDeleted(this.deletions, item.id));
  }

  /** The value the `key` mark had before the update just after `from`: its nearest earlier old mark's. */
  private valueBefore(key: string, from: Y.Item | null): unknown {
    for (let item = from; item !== null; item = item.left) {
      if (item.content instanceof Y.ContentFormat && item.content.key === key && this.wasThere(item)) return item.content.value;
    }
    return null;
  }

  /**
   * True when a mark changes no text that was there before: its value is the one in force just before
   * it, or the one the old text after it had (Yjs re-opening or closing a run around new text).
   */
  restoresFormatting(mark: Y.Item): boolean {
    const { key, value } = mark.content as Y.ContentFormat;
    if (sameValue(value, this.valueBefore(key, mark.left))) return true;
    let next = mark.right;
    while (next !== null && (!this.wasThere(next) || next.content instanceof Y.ContentFormat)) next = next.right;
    return next !== null && sameValue(value, this.valueBefore(key, next.left));
  }

  /** True when the nearest visible content on either side of the mark is text of the update. */
  bordersNewText(mark: Y.Item): boolean {
    const isNewText = (item: Y.Item | null) => item !== null && item.content instanceof Y.ContentString && this.isNew(item);
    const skips = (item: Y.Item) => item.deleted || item.content instanceof Y.ContentFormat;
    let left = mark.left;
    while (left !== null && skips(left)) left = left.left;
    let right = mark.right;
    while (right !== null && skips(right)) right = right.right;
    return isNewText(left) || isNewText(right);
  }

  /**
   * True when a mark opening a run is followed by visible text: walking right past deleted items and
   * other marks, the first thing met is text, not a mark of its own kind nor the end of the text.
   */
  static opensOnText(mark: Y.Item): boolean {
    const key = (mark.content as Y.ContentFormat).key;
    let next = mark.right;
    while (next !== null && (next.deleted || (next.content instanceof Y.ContentFormat && next.content.key !== key))) next = next.right;
    return next !== null && next.content instanceof Y.ContentString;
  }
}
