import type { ThreadView } from "@accord/api-contract";
import type { AnchorPlace } from "./anchors.js";

/** Which threads the margin lists, and in what order. */

/** Open, resolved or all threads. */
export type StatusFilter = "open" | "resolved" | "all";

/** The margin's filters. `affiliation` is "" for every affiliation. */
export interface ThreadFilter {
  status: StatusFilter;
  mine: boolean;
  affiliation: string;
}

/** What the margin shows at first: the threads still under discussion. */
export const defaultThreadFilter: ThreadFilter = { status: "open", mine: false, affiliation: "" };

/** A thread I started, replied in, or am mentioned in (the same rule as the API's `mine=true`). */
export function involvesMe(thread: ThreadView, myId: string): boolean {
  return (
    thread.createdBy.id === myId ||
    thread.comments.some((comment) => comment.author.id === myId || comment.mentions.some((person) => person.id === myId))
  );
}

/** The threads that pass the filter, in the order given. */
export function filterThreads(threads: readonly ThreadView[], filter: ThreadFilter, myId: string): ThreadView[] {
  return threads.filter(
    (thread) =>
      (filter.status === "all" || thread.status === filter.status) &&
      (!filter.mine || involvesMe(thread, myId)) &&
      (filter.affiliation === "" || thread.createdBy.affiliation === filter.affiliation),
  );
}

/** A thread beside the draft, with where its text is (a range, or not known yet while the draft loads). */
export interface PlacedThread {
  thread: ThreadView;
  place: AnchorPlace;
}

/** The margin's two groups. */
export interface ThreadGroups {
  /** Threads on text that is still there, in the order of their text (unplaced ones last, oldest first). */
  onText: PlacedThread[];
  /** Threads whose text was deleted, oldest first: listed with their quote, never dropped. */
  onDeletedText: ThreadView[];
}

/**
 * Sorts threads into the margin's groups. A thread is on deleted text when the server says so or when
 * its anchor no longer resolves here; a thread not placed yet (the draft is still loading) stays with
 * the others.
 */
export function groupThreads(threads: readonly ThreadView[], places: ReadonlyMap<string, AnchorPlace>): ThreadGroups {
  const onText: PlacedThread[] = [];
  const onDeletedText: ThreadView[] = [];
  for (const thread of threads) {
    const place = places.get(thread.id) ?? { kind: "unknown" };
    if (thread.onDeletedText || place.kind === "gone") onDeletedText.push(thread);
    else onText.push({ thread, place });
  }
  const byCreation = (a: ThreadView, b: ThreadView) => a.createdAt.localeCompare(b.createdAt);
  onText.sort((a, b) => {
    if (a.place.kind === "range" && b.place.kind === "range") {
      return a.place.from - b.place.from || a.place.to - b.place.to || byCreation(a.thread, b.thread);
    }
    if (a.place.kind === "range") return -1;
    if (b.place.kind === "range") return 1;
    return byCreation(a.thread, b.thread);
  });
  onDeletedText.sort(byCreation);
  return { onText, onDeletedText };
}

/**
 * Where each card goes in a margin aligned with the text: as close to its text's top as it can be
 * without overlapping the card above it. `wanted` is null for a card with no text to align with.
 * Returns each card's gap above it, in pixels.
 */
export function alignCards(cards: readonly { wanted: number | null; height: number }[], spacing: number): number[] {
  let bottom = 0;
  return cards.map((card, index) => {
    const earliest = index === 0 ? 0 : bottom + spacing;
    const top = card.wanted === null ? earliest : Math.max(earliest, card.wanted);
    const gap = index === 0 ? top : top - bottom;
    bottom = top + card.height;
    return gap;
  });
}
