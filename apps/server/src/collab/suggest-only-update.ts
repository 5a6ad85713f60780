import * as Y from "yjs";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import {
  checkSuggestedPlacement,
  checkSuggestedStructs,
  checkSuggestOnlyChange,
  collabCloseCodes,
  CollabProtocolError,
  contentFragmentName,
  refuseSuggestion,
  serverMapName,
  type Suggester,
} from "@accord/collab";

/** Clock ranges [start, end) per client. */
type ClockRanges = Map<number, [number, number][]>;

function addRange(ranges: ClockRanges, client: number, clock: number, length: number): void {
  const list = ranges.get(client) ?? [];
  list.push([clock, clock + length]);
  ranges.set(client, list);
}

/** What a document holds pending (structs it cannot integrate yet, deletions of structs it lacks), as clock ranges. */
function pendingOf(store: Y.Doc["store"]): { structs: ClockRanges; deletions: ClockRanges } {
  const structs: ClockRanges = new Map();
  const deletions: ClockRanges = new Map();
  if (store.pendingStructs) {
    for (const struct of Y.decodeUpdateV2(store.pendingStructs.update).structs) {
      if (!(struct instanceof Y.Skip)) addRange(structs, struct.id.client, struct.id.clock, struct.length);
    }
  }
  if (store.pendingDs) {
    for (const [client, deleted] of Y.decodeUpdateV2(store.pendingDs).ds.clients) {
      for (const { clock, len } of deleted) addRange(deletions, client, clock, len);
    }
  }
  return { structs, deletions };
}

/** True when every range of `inner` lies within the union of the ranges of `outer`. */
function within(inner: ClockRanges, outer: ClockRanges): boolean {
  for (const [client, ranges] of inner) {
    const merged: [number, number][] = [];
    for (const [start, end] of [...(outer.get(client) ?? [])].sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    if (!ranges.every(([start, end]) => merged.some(([from, to]) => from <= start && end <= to))) return false;
  }
  return true;
}

/**
 * Verifies a suggest-only member's update before it is committed, on a copy of the document: the
 * committed state, plus every update already on its way to the database (anyone's, the server's own
 * changes included: `inFlight`, in the order they will commit), plus the update. Its raw structs must
 * be text and the suggester's own suggestion marks only (checkSuggestedStructs, then, applied,
 * checkSuggestedPlacement); it must leave nothing pending that was not pending before; and the draft
 * before and after may differ only in the suggester's own suggestions (checkSuggestOnlyChange).
 * Otherwise it throws a CollabProtocolError with close code 4422, and the live document is never touched.
 */
export function verifySuggestOnlyUpdate(committed: Y.Doc, inFlight: Iterable<Uint8Array>, update: Uint8Array, suggester: Suggester): void {
  const structs = checkSuggestedStructs(update, suggester);
  // No garbage collection: what the update deletes keeps its content, so the marks it removes still
  // tell what the formatting was before it (checkSuggestedPlacement).
  const copy = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(committed));
    for (const pending of inFlight) Y.applyUpdate(copy, pending);
    const fragment = copy.getXmlFragment(contentFragmentName);
    const serverFacts = copy.getMap(serverMapName);
    // The structural JSON, not y-prosemirror's node conversion: that one silently drops (and deletes)
    // content the schema refuses, which would hide exactly what this check must see.
    const before = yXmlFragmentToProsemirrorJSON(fragment);
    const serverFactsBefore = JSON.stringify(serverFacts.toJSON());
    const pendingBefore = pendingOf(copy.store);
    const stateBefore = Y.decodeStateVector(Y.encodeStateVector(copy));
    try {
      Y.applyUpdate(copy, update);
    } catch {
      throw new CollabProtocolError(collabCloseCodes.invalidPayload, "The update is corrupt.");
    }
    // Structs or deletions this update leaves pending depend on changes the server does not have: they
    // could land later, unchecked, once something fills the gap. What an editor's incomplete update
    // left pending before is not this update's doing, and must not block every suggestion.
    const pendingAfter = pendingOf(copy.store);
    if (!within(pendingAfter.structs, pendingBefore.structs) || !within(pendingAfter.deletions, pendingBefore.deletions)) {
      refuseSuggestion("The update depends on changes the server does not have; reload the draft.");
    }
    checkSuggestedPlacement(copy, structs, stateBefore);
    // Map entries are refused above; a deletion in the server's map would show only here.
    if (JSON.stringify(serverFacts.toJSON()) !== serverFactsBefore)
      refuseSuggestion("Suggestions may not change the draft's server facts.");
    checkSuggestOnlyChange(before, yXmlFragmentToProsemirrorJSON(fragment), suggester);
  } finally {
    copy.destroy();
  }
}
