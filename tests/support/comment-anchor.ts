import type * as Y from "yjs";
import { initProseMirrorDoc } from "y-prosemirror";
import { anchorForRange, type EncodedCommentAnchor } from "@accord/collab";
import { policySchema } from "@accord/policy-schema";

/** What an editor sends: the selection around the first occurrence of the text, as relative positions. */
export function anchorAround(doc: Y.Doc, text: string): EncodedCommentAnchor {
  const { doc: node } = initProseMirrorDoc(doc.getXmlFragment("prosemirror"), policySchema);
  let from = -1;
  node.descendants((child, pos) => {
    const index = child.isText ? (child.text ?? "").indexOf(text) : -1;
    if (from < 0 && index >= 0) from = pos + index;
    return from < 0;
  });
  if (from < 0) throw new Error(`"${text}" is not in the draft`);
  return anchorForRange(doc, from, from + text.length);
}
