import * as Y from "yjs";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import { checkSuggestOnlyChange, collabCloseCodes, CollabProtocolError, contentFragmentName, serverMapName, type Suggester } from "@accord/collab";

function refuse(message: string): never {
  throw new CollabProtocolError(collabCloseCodes.suggestionRefused, message);
}

/**
 * Verifies a suggest-only member's update before it is committed, on a copy of the document: the
 * committed state, plus this member's own updates still on their way to the database (a quick second
 * update may build on the first, and must be judged against it rather than left pending), plus the
 * update. It must apply completely and change nothing but the suggester's own suggestions (see
 * checkSuggestOnlyChange); otherwise it throws a CollabProtocolError with close code 4422 and the
 * live document is never touched.
 */
export function verifySuggestOnlyUpdate(
  committed: Y.Doc,
  uncommitted: Iterable<Uint8Array>,
  update: Uint8Array,
  suggester: Suggester,
): void {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(committed));
    for (const own of uncommitted) Y.applyUpdate(copy, own);
    const fragment = copy.getXmlFragment(contentFragmentName);
    const serverFacts = copy.getMap(serverMapName);
    // The structural JSON, not y-prosemirror's node conversion: that one silently drops (and deletes)
    // content the schema refuses, which would hide exactly what this check must see.
    const before = yXmlFragmentToProsemirrorJSON(fragment);
    const serverFactsBefore = JSON.stringify(serverFacts.toJSON());
    try {
      Y.applyUpdate(copy, update);
    } catch {
      throw new CollabProtocolError(collabCloseCodes.invalidPayload, "The update is corrupt.");
    }
    // Structs or deletions left pending depend on changes the server does not have: they could land
    // later, unchecked, once something fills the gap.
    if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) {
      refuse("The update depends on changes the server does not have; reload the draft.");
    }
    // The schema check refuses insertions into the server's map; a deletion there would show only here.
    if (JSON.stringify(serverFacts.toJSON()) !== serverFactsBefore) refuse("Suggestions may not change the draft's server facts.");
    checkSuggestOnlyChange(before, yXmlFragmentToProsemirrorJSON(fragment), suggester);
  } finally {
    copy.destroy();
  }
}
