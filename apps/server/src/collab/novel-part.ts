import * as Y from "yjs";

/**
 * What of a client's update the document lacks (a reconnecting client's sync step 2 often repeats known
 * content), re-encoded by Yjs; null when that is nothing. Throws what Yjs throws on a corrupt update.
 *
 * The same as `Y.diffUpdate(update, Y.encodeStateVector(doc))`, but the state vector holds only the
 * clients the update writes (`writers`, which `inspectClientUpdate` returns from its own decoding): `diffUpdate` keeps everything of a client absent from the vector and looks
 * at no other entry. A draft's state vector has an entry for every Yjs client that ever wrote to it (one
 * per browser session, growing with the draft's history), and encoding it whole on every update was
 * per-update work the reference server does not do (bench/RESULTS.md, issue 15 round 3).
 */
export function novelPartOf(doc: Y.Doc, update: Uint8Array, writers: Iterable<number>): Uint8Array | null {
  const states = new Map<number, number>();
  for (const client of writers) states.set(client, Y.getState(doc.store, client));
  const novel = Y.diffUpdate(update, Y.encodeStateVector(states));
  return isEmptyUpdate(novel) ? null : novel;
}

/**
 * True for an update that inserts and deletes nothing. `Y.diffUpdate` re-encodes its result, so an empty
 * one is always exactly [0, 0] (no structs, empty delete set): no third decode on the hot path.
 */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
