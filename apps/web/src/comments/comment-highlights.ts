import { keydownHandler } from "prosemirror-keymap";
import { Plugin, PluginKey, type Command, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import { ySyncPluginKey } from "y-prosemirror";
import { withSelectionFromDom } from "../editor/dom-selection.js";
import { anchorContextOf, resolveAnchor, type AnchorPlace, type DecodedAnchor } from "./anchors.js";

/**
 * The highlights of commented text in the draft. The plugin holds the anchors of the threads on show,
 * where each one is in the current document, which thread is selected, and the range a new comment is
 * being written on; the comments margin reads all of it from the editor state.
 *
 * Where an anchor is comes from Yjs, but a local keystroke reaches Yjs only after this plugin's state
 * is computed (y-prosemirror writes it in its view update). So a local change maps the ranges the
 * ProseMirror way at once, and a moment later they are checked against Yjs; a change that came from
 * Yjs (another person, undo) is resolved from Yjs straight away.
 */

/** One thread whose text is highlighted. */
export interface HighlightedThread {
  id: string;
  anchor: DecodedAnchor;
  resolved: boolean;
}

/** Everything the plugin knows. */
export interface CommentHighlightsState {
  threads: readonly HighlightedThread[];
  /** Where each thread's text is now, by thread id. */
  places: ReadonlyMap<string, AnchorPlace>;
  activeThreadId: string | null;
  /** The text a new comment is being written on, while the composer is open. */
  pending: { anchor: DecodedAnchor; place: AnchorPlace } | null;
  /** Counts "Comment" shortcut presses (Mod-Alt-m), so the margin opens its composer on each one. */
  composeRequests: number;
  decorations: DecorationSet;
}

/** What the margin and the keyboard tell the plugin, as transaction metadata under its key. */
export type HighlightChange =
  | { kind: "threads"; threads: readonly HighlightedThread[] }
  | { kind: "activate"; threadId: string | null }
  | { kind: "pending"; anchor: DecodedAnchor | null }
  | { kind: "compose" }
  | { kind: "recheck" };

/** The plugin's key, so the margin can read its state. */
export const commentHighlightsKey = new PluginKey<CommentHighlightsState>("accord-comment-highlights");

/**
 * The thread whose highlighted text holds the position: the innermost (shortest) range when threads
 * overlap, so that a comment on one word inside a commented sentence can be reached.
 */
export function threadAtPosition(places: ReadonlyMap<string, AnchorPlace>, position: number): string | null {
  let best: { id: string; length: number } | null = null;
  for (const [id, place] of places) {
    if (place.kind !== "range" || position < place.from || position > place.to) continue;
    const length = place.to - place.from;
    if (!best || length < best.length) best = { id, length };
  }
  return best?.id ?? null;
}

function resolveAll(state: EditorState, threads: readonly HighlightedThread[]): Map<string, AnchorPlace> {
  const context = anchorContextOf(state);
  const places = new Map<string, AnchorPlace>();
  for (const thread of threads) {
    places.set(thread.id, context ? resolveAnchor(thread.anchor, context, state.doc.content.size) : { kind: "unknown" });
  }
  return places;
}

function resolveOne(state: EditorState, anchor: DecodedAnchor): AnchorPlace {
  const context = anchorContextOf(state);
  return context ? resolveAnchor(anchor, context, state.doc.content.size) : { kind: "unknown" };
}

/**
 * A range through a local change. Both ends move past text typed right at them, as the Yjs positions
 * do (each names the character after it), so the later check against Yjs rarely finds a difference.
 */
function mapPlace(place: AnchorPlace, tr: Transaction): AnchorPlace {
  if (place.kind !== "range") return place;
  const from = tr.mapping.map(place.from, 1);
  const to = tr.mapping.map(place.to, 1);
  return to > from ? { kind: "range", from, to } : { kind: "gone" };
}

function samePlace(a: AnchorPlace | undefined, b: AnchorPlace | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return a === b;
  return a.kind !== "range" || (b.kind === "range" && a.from === b.from && a.to === b.to);
}

function samePlaces(a: ReadonlyMap<string, AnchorPlace>, b: ReadonlyMap<string, AnchorPlace>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, place] of a) if (!samePlace(place, b.get(id))) return false;
  return true;
}

function decorationsOf(state: Omit<CommentHighlightsState, "decorations">, doc: EditorState["doc"]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of state.threads) {
    const place = state.places.get(thread.id);
    if (place?.kind !== "range") continue;
    const classes = ["comment-highlight"];
    if (thread.resolved) classes.push("comment-highlight-resolved");
    if (thread.id === state.activeThreadId) classes.push("comment-highlight-active");
    decorations.push(Decoration.inline(place.from, place.to, { class: classes.join(" "), "data-thread-id": thread.id }));
  }
  if (state.pending?.place.kind === "range") {
    decorations.push(Decoration.inline(state.pending.place.from, state.pending.place.to, { class: "comment-highlight-pending" }));
  }
  return DecorationSet.create(doc, decorations);
}

function applyChange(tr: Transaction, value: CommentHighlightsState, newState: EditorState): CommentHighlightsState {
  const change = tr.getMeta(commentHighlightsKey) as HighlightChange | undefined;
  const fromYjs = tr.docChanged && tr.getMeta(ySyncPluginKey) !== undefined;
  let { threads, places, activeThreadId, pending, composeRequests } = value;

  if (fromYjs) {
    places = resolveAll(newState, threads);
    if (pending) pending = { anchor: pending.anchor, place: resolveOne(newState, pending.anchor) };
  } else if (tr.docChanged) {
    places = new Map([...places].map(([id, place]) => [id, mapPlace(place, tr)]));
    if (pending) pending = { anchor: pending.anchor, place: mapPlace(pending.place, tr) };
  }

  if (change?.kind === "threads") {
    threads = change.threads;
    places = resolveAll(newState, threads);
  } else if (change?.kind === "recheck") {
    places = resolveAll(newState, threads);
    if (pending) pending = { anchor: pending.anchor, place: resolveOne(newState, pending.anchor) };
  } else if (change?.kind === "activate") {
    activeThreadId = change.threadId;
  } else if (change?.kind === "pending") {
    pending = change.anchor ? { anchor: change.anchor, place: resolveOne(newState, change.anchor) } : null;
  } else if (change?.kind === "compose") {
    composeRequests += 1;
  } else if (tr.selectionSet && !tr.docChanged && tr.getMeta(ySyncPluginKey) === undefined) {
    // The person moved the caret (a click, the arrow keys): the thread under it becomes the selected one.
    activeThreadId = threadAtPosition(places, newState.selection.head);
  }
  if (activeThreadId !== null && !threads.some((thread) => thread.id === activeThreadId)) activeThreadId = null;

  if (
    threads === value.threads &&
    places === value.places &&
    activeThreadId === value.activeThreadId &&
    pending === value.pending &&
    composeRequests === value.composeRequests &&
    !tr.docChanged
  ) {
    return value;
  }
  const next = { threads, places, activeThreadId, pending, composeRequests };
  return { ...next, decorations: decorationsOf(next, newState.doc) };
}

/**
 * Asks the margin to open its composer on the selected text (Mod-Alt-m), on the selection the browser
 * shows even if ProseMirror has not read it yet (`withSelectionFromDom`): a fast Shift+Home, Ctrl+Alt+M
 * must comment on the words selected, not say that none are.
 */
export const requestComment: Command = (state, dispatch, view) => {
  if (!dispatch) return true;
  const tr = view ? withSelectionFromDom(view, state.tr) : state.tr;
  dispatch(tr.setMeta(commentHighlightsKey, { kind: "compose" } satisfies HighlightChange));
  return true;
};

/** The highlights plugin; it goes after y-prosemirror's sync plugin, whose view update it relies on. */
export function commentHighlightsPlugin(): Plugin<CommentHighlightsState> {
  return new Plugin<CommentHighlightsState>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => ({
        threads: [],
        places: new Map(),
        activeThreadId: null,
        pending: null,
        composeRequests: 0,
        decorations: DecorationSet.create(state.doc, []),
      }),
      apply: (tr, value, _oldState, newState) => applyChange(tr, value, newState),
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleKeyDown: keydownHandler({ "Mod-Alt-m": requestComment }),
    },
    view: () => {
      let scheduled = false;
      let destroyed = false;
      return {
        update: (view, previous) => {
          const current = commentHighlightsKey.getState(view.state);
          if (scheduled || view.state.doc === previous.doc || !current) return;
          if (current.threads.length === 0 && !current.pending) return;
          // By now y-prosemirror has written the change into Yjs; check the mapped ranges against it.
          scheduled = true;
          queueMicrotask(() => {
            scheduled = false;
            const latest = commentHighlightsKey.getState(view.state);
            if (destroyed || !latest) return;
            const pendingMoved = latest.pending && !samePlace(latest.pending.place, resolveOne(view.state, latest.pending.anchor));
            if (pendingMoved || !samePlaces(resolveAll(view.state, latest.threads), latest.places)) {
              view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { kind: "recheck" } satisfies HighlightChange));
            }
          });
        },
        destroy: () => {
          destroyed = true;
        },
      };
    },
  });
}

function send(view: EditorView, change: HighlightChange): void {
  if (view.isDestroyed) return;
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, change));
}

/** Shows these threads' highlights (the threads the margin lists), replacing the ones shown before. */
export function showThreads(view: EditorView, threads: readonly HighlightedThread[]): void {
  send(view, { kind: "threads", threads });
}

/** Marks one thread's text as the selected one (or none). */
export function activateThread(view: EditorView, threadId: string | null): void {
  if (commentHighlightsKey.getState(view.state)?.activeThreadId === threadId) return;
  send(view, { kind: "activate", threadId });
}

/** Keeps the text a new comment is being written on highlighted while focus is in the composer. */
export function showPendingAnchor(view: EditorView, anchor: DecodedAnchor | null): void {
  send(view, { kind: "pending", anchor });
}
