import * as Y from "yjs";

/** The mark y-prosemirror stores on text a person suggested and nobody has decided yet. */
const pendingInsertionMark = "insertion";

/**
 * How many characters of the draft's text each Yjs client typed, counting only what is there now: not
 * deleted, and not a pending suggested insertion (text suggested for deletion is still the draft's
 * text until someone accepts the deletion). An accepted suggestion counts for the client that typed
 * it, its suggester. Walks every XmlText in the fragment, following its formatting items in order.
 */
export function textByClient(fragment: Y.XmlFragment): Map<number, number> {
  const counts = new Map<number, number>();
  const visit = (type: Y.XmlFragment | Y.XmlElement | Y.XmlText) => {
    if (type instanceof Y.XmlText) {
      let pending = false;
      for (let item = type._start; item !== null; item = item.right) {
        if (item.deleted) continue;
        const { content } = item;
        if (content instanceof Y.ContentFormat) {
          if (content.key === pendingInsertionMark) pending = content.value !== null;
        } else if (content instanceof Y.ContentString && !pending) {
          counts.set(item.id.client, (counts.get(item.id.client) ?? 0) + content.str.length);
        }
      }
      return;
    }
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) visit(child);
    }
  };
  visit(fragment);
  return counts;
}
