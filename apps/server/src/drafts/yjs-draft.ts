import * as Y from "yjs";
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import { contentFragmentName, serverMapName } from "@accord/collab";
import { parsePolicyDocument, policySchema } from "@accord/policy-schema";

/** The name of the Y.XmlFragment holding the ProseMirror content (a stable contract with clients). */
export const draftFragmentName = contentFragmentName;

/**
 * The key, in the server's own Y.Map, of the document's lineage: a random id given when the server
 * creates the Yjs document. A copy of another lineage must not be merged into it (see the collab route).
 */
export const lineageKey = "lineage";

/** The lineage of a document, or undefined when it has none. */
export function lineageOf(ydoc: Y.Doc): string | undefined {
  const value = ydoc.getMap(serverMapName).get(lineageKey);
  return typeof value === "string" ? value : undefined;
}

/** An empty policy: one empty paragraph. */
export const emptyPolicyDocument = { type: "doc", content: [{ type: "paragraph" }] };

/**
 * The Yjs state of a draft holding the given ProseMirror JSON, after checking it against the policy
 * schema. Only the server makes initial content, so that clients never seed a document twice.
 */
export function encodeDraftState(documentJSON: unknown): Uint8Array {
  const node = parsePolicyDocument(documentJSON);
  const ydoc = prosemirrorJSONToYDoc(policySchema, node.toJSON(), draftFragmentName);
  ydoc.getMap(serverMapName).set(lineageKey, crypto.randomUUID());
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
