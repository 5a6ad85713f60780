import * as Y from "yjs";

/**
 * What of a client's update the document lacks (a reconnecting client's sync step 2 often repeats known
 * content); null when that is nothing. The update is one `inspectClientUpdate` decoded (it refuses a
 * corrupt one); a part of it the document holds is dropped by Yjs's diff, which throws what Yjs throws.
 *
 * The same as `Y.diffUpdate(update, Y.encodeStateVector(doc))`, but the state vector holds only the
 * clients the update writes (`writers`, each with the lowest clock it writes, which `inspectClientUpdate`
 * returns from its own decoding): `diffUpdate` keeps everything of a client absent from the vector and looks
 * at no other entry. A draft's state vector has an entry for every Yjs client that ever wrote to it (one
 * per browser session, growing with the draft's history), and encoding it whole on every update was
 * per-update work the reference server does not do (bench/RESULTS.md, issue 15 round 3).
 */
export function novelPartOf(doc: Y.Doc, update: Uint8Array, writers: ReadonlyMap<number, number>): Uint8Array | null {
  const states = new Map<number, number>();
  let allNew = true;
  for (const [client, lowestClock] of writers) {
    const state = Y.getState(doc.store, client);
    states.set(client, state);
    if (lowestClock < state) allNew = false;
  }
  // Typing's usual case: every struct starts at or after what the document holds of its client, so the
  // diff would keep all of it (and the whole delete set, which diffUpdate never trims): the update itself,
  // without decoding and encoding it again.
  if (allNew) return isEmptyUpdate(update) ? null : update;
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
