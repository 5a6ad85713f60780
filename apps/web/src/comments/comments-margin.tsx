import type { ThreadView } from "@accord/api-contract";
import { useLocation } from "preact-iso";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EditorState } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { ErrorMessage } from "../components/feedback.js";
import type { ConnectionState } from "../editor/collab-connection.js";
import { decodeAnchor, type AnchorPlace } from "./anchors.js";
import { activateThread, commentHighlightsKey, showThreads, type HighlightedThread } from "./comment-highlights.js";
import { CommentFilters } from "./comment-filters.js";
import { NewThreadCard } from "./new-thread-card.js";
import { ThreadCard } from "./thread-card.js";
import { defaultThreadFilter, filterThreads, groupThreads } from "./thread-groups.js";
import type { Comments } from "./use-comments.js";
import { useMarginLayout } from "./use-margin-layout.js";
import "./comments.css";

/** The props of the comments margin. */
export interface CommentsMarginProps {
  comments: Comments;
  view: EditorView | null;
  state: EditorState | null;
  connection: ConnectionState;
}

const noPlaces: ReadonlyMap<string, AnchorPlace> = new Map();

/** Scrolls an element into view, gently unless the person asked for less motion. */
function reveal(element: Element | null | undefined, block: ScrollLogicalPosition): void {
  const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
  element?.scrollIntoView({ block, behavior: reduced ? "auto" : "smooth" });
}

/** The card of a thread on the page, by its id. */
function threadCardButton(threadId: string): HTMLButtonElement | null {
  return document.querySelector<HTMLButtonElement>(`.thread-card[data-thread-id="${CSS.escape(threadId)}"] .thread-select`);
}

/**
 * The comment threads of the draft, beside it on wide screens (each card level with its highlighted
 * text) and as a list under it on narrow ones. Selecting a thread highlights and scrolls to its text;
 * threads whose text was deleted are listed apart with their quote. `?thread=<id>` in the address
 * (where a mention notification leads) opens that thread.
 */
export function CommentsMargin(props: CommentsMarginProps) {
  const { comments, view, state } = props;
  const { threads, filter, myId } = comments;
  const [announcement, setAnnouncement] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const cards = useRef(new Map<string, HTMLLIElement>());
  const decoded = useRef(new Map<string, HighlightedThread["anchor"] | null>());
  const fromMargin = useRef(false);
  // A thread I just started is selected once the highlights include it.
  const selectWhenShown = useRef<string | null>(null);

  const shown = useMemo(() => (threads ? filterThreads(threads, filter, myId) : []), [threads, filter, myId]);

  // The highlights follow what the margin lists. Anchors are decoded once per thread.
  useEffect(() => {
    if (!view) return;
    const highlighted: HighlightedThread[] = [];
    for (const thread of shown) {
      const key = `${thread.id}:${thread.anchor.start}:${thread.anchor.end}`;
      if (!decoded.current.has(key)) decoded.current.set(key, decodeAnchor(thread.anchor));
      const anchor = decoded.current.get(key);
      if (anchor) highlighted.push({ id: thread.id, anchor, resolved: thread.status === "resolved" });
    }
    showThreads(view, highlighted);
    const started = selectWhenShown.current;
    if (started && highlighted.some((thread) => thread.id === started)) {
      selectWhenShown.current = null;
      fromMargin.current = true;
      activateThread(view, started);
    }
  }, [view, shown]);

  const highlights = state ? commentHighlightsKey.getState(state) : undefined;
  const places = highlights?.places ?? noPlaces;
  const activeThreadId = highlights?.activeThreadId ?? null;
  const groups = groupThreads(shown, places);
  const draftPlace = highlights?.pending?.place;

  // The new thread's composer goes among the threads, where its words are.
  const draftPosition = draftPlace?.kind === "range" ? draftPlace.from : null;
  const draftIndex = comments.draft
    ? draftPosition === null
      ? 0
      : groups.onText.findIndex((placed) => placed.place.kind !== "range" || placed.place.from > draftPosition)
    : -1;
  const composerAt = draftIndex === -1 && comments.draft ? groups.onText.length : draftIndex;

  const beside = useMarginLayout(view, list, () => {
    const placed = groups.onText.map((entry) => ({
      element: cards.current.get(entry.thread.id),
      position: entry.place.kind === "range" ? entry.place.from : null,
    }));
    if (comments.draft) placed.splice(composerAt, 0, { element: cards.current.get(""), position: draftPosition });
    return placed.filter((card): card is { element: HTMLLIElement; position: number | null } => card.element !== undefined);
  });

  const select = (threadId: string) => {
    if (!view) return;
    fromMargin.current = true;
    activateThread(view, threadId);
    const place = commentHighlightsKey.getState(view.state)?.places.get(threadId);
    if (place?.kind === "range") reveal(view.dom.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`), "center");
  };

  // When the caret picks a thread, its card comes into sight beside the text (not on phones, where
  // the list is far below and the "Show comment thread" button leads there instead).
  useEffect(() => {
    if (fromMargin.current) {
      fromMargin.current = false;
      return;
    }
    if (activeThreadId && beside.current) reveal(cards.current.get(activeThreadId), "nearest");
  }, [activeThreadId]);

  // Others' changes are announced on the socket; after a lost connection some may have been missed.
  const wasConnected = useRef<boolean | null>(null);
  useEffect(() => {
    const connected = props.connection === "connected";
    if (connected && wasConnected.current === false) comments.refresh();
    if (connected || wasConnected.current !== null) wasConnected.current = connected;
  }, [props.connection]);

  // ?thread=<id>: show that thread (whatever the filters), select it and take focus to it, once.
  const { query } = useLocation();
  const wantedThread = query["thread"];
  const openedFromLink = useRef<string | null>(null);
  useEffect(() => {
    if (!wantedThread || !threads || !view || openedFromLink.current === wantedThread) return;
    if (!threads.some((thread) => thread.id === wantedThread)) return;
    if (!shown.some((thread) => thread.id === wantedThread)) {
      comments.setFilter({ status: "all", mine: false, affiliation: "" });
      return;
    }
    if (!places.has(wantedThread)) return;
    openedFromLink.current = wantedThread;
    select(wantedThread);
    requestAnimationFrame(() => {
      threadCardButton(wantedThread)?.focus({ preventScroll: true });
      reveal(cards.current.get(wantedThread), "nearest");
    });
  }, [wantedThread, threads, view, shown, places]);

  const onStarted = (thread: ThreadView) => {
    comments.applyThread(thread);
    comments.endDraft(view);
    if (filterThreads([thread], filter, myId).length === 0) comments.setFilter(defaultThreadFilter);
    setAnnouncement("Comment posted.");
    selectWhenShown.current = thread.id;
    requestAnimationFrame(() => threadCardButton(thread.id)?.focus());
  };

  const cancelDraft = () => {
    comments.endDraft(view);
    if (view?.editable) view.focus();
    else heading.current?.focus();
  };

  const onLeft = (message: string) => {
    setAnnouncement(message);
    heading.current?.focus();
  };

  const cardRef = (key: string) => (element: HTMLLIElement | null) => {
    if (element) cards.current.set(key, element);
    else cards.current.delete(key);
  };

  // A card on text shows the words its highlight covers now, as the editor holds them (kept live as people type).
  const card = (thread: ThreadView, place?: AnchorPlace) => (
    <ThreadCard
      key={thread.id}
      thread={thread}
      wordsNow={place?.kind === "range" && state ? state.doc.textBetween(place.from, place.to, "\n", " ") : null}
      comments={comments}
      active={thread.id === activeThreadId}
      onSelect={select}
      onLeft={onLeft}
      cardRef={cardRef(thread.id)}
    />
  );

  const onText = groups.onText.map((placed) => card(placed.thread, placed.place));
  if (comments.draft) {
    onText.splice(
      composerAt,
      0,
      <NewThreadCard
        key="new-thread"
        draft={comments.draft}
        comments={comments}
        view={view}
        onStarted={onStarted}
        onCancel={cancelDraft}
        cardRef={cardRef("")}
      />,
    );
  }

  return (
    <section class="comments-margin" aria-labelledby="comments-heading">
      <h3 id="comments-heading" ref={heading} tabIndex={-1}>
        Comments
      </h3>
      <CommentFilters filter={filter} onChange={comments.setFilter} />
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      {threads === null && !comments.loadError && (
        <p class="loading" role="status">
          Loading comments…
        </p>
      )}
      {comments.loadError !== null && (
        <div>
          <ErrorMessage error={comments.loadError} />
          <button type="button" class="button-quiet" onClick={comments.refresh}>
            Try again
          </button>
        </div>
      )}
      {threads !== null && shown.length === 0 && !comments.draft && (
        <p class="hint">
          {threads.length === 0
            ? comments.canComment
              ? "No comments yet. Select words in the draft and choose Comment."
              : "No comments yet."
            : "No threads match these filters."}
        </p>
      )}
      <ol ref={list} class="thread-list" aria-label="Threads on the draft">
        {onText}
      </ol>
      {groups.onDeletedText.length > 0 && (
        <section class="deleted-threads" aria-labelledby="deleted-threads-heading">
          <h4 id="deleted-threads-heading">On deleted text</h4>
          <p class="hint">The words these threads were on are no longer in the draft.</p>
          <ol class="thread-list thread-list-deleted">{groups.onDeletedText.map((thread) => card(thread))}</ol>
        </section>
      )}
    </section>
  );
}
