import * as Y from "yjs";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import { parsePolicyDocument, policySchema } from "@accord/policy-schema";

/** The name of the Y.XmlFragment holding the ProseMirror content (a stable contract with clients). */
export const draftFragmentName = "prosemirror";

/** An empty policy: one empty paragraph. */
export const emptyPolicyDocument = { type: "doc", content: [{ type: "paragraph" }] };

/**
 * The Yjs state of a draft holding the given ProseMirror JSON, after checking it against the policy
 * schema. Only the server makes initial content, so that clients never seed a document twice.
 */
export function encodeDraftState(documentJSON: unknown): Uint8Array {
  const node = parsePolicyDocument(documentJSON);
  const ydoc = prosemirrorJSONToYDoc(policySchema, node.toJSON(), draftFragmentName);
  try {
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/** The ProseMirror JSON of a stored draft state. */
export function decodeDraftContent(state: Uint8Array): Record<string, unknown> {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const node = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(draftFragmentName), policySchema);
    return node.toJSON() as Record<string, unknown>;
  } finally {
    ydoc.destroy();
  }
}
