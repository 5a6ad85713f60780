import type { CommentView, Member, ThreadAnchor, ThreadView } from "@accord/api-contract";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { EditorView } from "prosemirror-view";
import { api } from "../api.js";
import { useResource } from "../components/use-resource.js";
import type { AccordEvent } from "../editor/collab-connection.js";
import { anchorContextOf, decodeAnchor, encodeAnchor, quoteOf, type DecodedAnchor } from "./anchors.js";
import { showPendingAnchor } from "./comment-highlights.js";
import { commentsApi } from "./comments-api.js";
import { defaultThreadFilter, type ThreadFilter } from "./thread-groups.js";
import { withComment, withThread } from "./thread-updates.js";

/** Who is looking at the comments, and what they may do. */
export interface CommentsAccess {
  policyId: string;
  myId: string;
  /** Holds "comment.create": may start threads, reply, resolve and reopen. */
  canComment: boolean;
  /** Holds "comment.hide" (the facilitator). */
  canHide: boolean;
}

/** A new thread being written: where, and on which words. */
export interface ThreadDraft {
  anchor: ThreadAnchor;
  decoded: DecodedAnchor;
  quote: string;
}

/** The comments of one draft, shared by the "Comment" button and the margin. */
export interface Comments extends CommentsAccess {
  /** Null until the first answer. */
  threads: ThreadView[] | null;
  loadError: unknown;
  refresh: () => void;
  /** Give this to the collaboration connection: other people's changes arrive through it. */
  onAccordEvent: (event: AccordEvent) => void;
  /** Shows the server's answer to one of my actions at once. */
  applyThread: (thread: ThreadView) => void;
  applyComment: (comment: CommentView) => void;
  /** The policy's members I can mention (not myself). */
  mentionable: Member[];
  filter: ThreadFilter;
  setFilter: (filter: ThreadFilter) => void;
  draft: ThreadDraft | null;
  /** Opens the composer on the editor's selection; returns why it cannot, or null. */
  startDraft: (view: EditorView) => string | null;
  endDraft: (view: EditorView | null) => void;
}

/** Others' changes come in bursts (a reply, then its mention's notification): one fetch for a burst. */
const refetchDelayMs = 250;

/**
 * The threads of a draft, kept current: fetched once, again after each of my actions, and again (once
 * per burst) whenever the collaboration socket says that comments changed.
 */
export function useComments(access: CommentsAccess): Comments {
  const { policyId, myId, canComment } = access;
  const [threads, setThreads] = useState<ThreadView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [filter, setFilter] = useState<ThreadFilter>(defaultThreadFilter);
  const [draft, setDraft] = useState<ThreadDraft | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(() => {
    // Only the newest request may answer, so a slow old list never replaces a newer one.
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    commentsApi.listThreads(policyId, controller.signal).then(
      (list) => {
        if (controller.signal.aborted) return;
        setThreads(list);
        setLoadError(null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      },
    );
  }, [policyId]);

  const refreshSoon = useCallback(() => {
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(refresh, refetchDelayMs);
  }, [refresh]);

  useEffect(() => {
    setThreads(null);
    setLoadError(null);
    setDraft(null);
    refresh();
    return () => {
      inFlight.current?.abort();
      clearTimeout(refetchTimer.current);
    };
  }, [refresh]);

  const onAccordEvent = useCallback(
    (event: AccordEvent) => {
      if (event.kind === "comments-changed") refreshSoon();
    },
    [refreshSoon],
  );

  // My own change shows at once; a list fetched before it landed must not put the old state back.
  const applyLocally = (update: (list: ThreadView[]) => ThreadView[]) => {
    inFlight.current?.abort();
    setThreads((current) => (current ? update(current) : current));
    refreshSoon();
  };

  const [members] = useResource((signal) => (canComment ? api.listMembers(policyId, signal) : Promise.resolve([])), [policyId, canComment]);
  const mentionable = members.state === "ready" ? members.data.filter((member) => member.userId !== myId) : [];

  const startDraft = (view: EditorView): string | null => {
    const { from, to, empty } = view.state.selection;
    const quote = empty ? "" : quoteOf(view.state, from, to);
    if (quote === "") return "Select the words in the draft you want to comment on, then choose Comment.";
    const context = anchorContextOf(view.state);
    if (!context) return "The draft is still loading. Try again in a moment.";
    // The anchor is taken now, while the selection is the person's; it then follows others' edits.
    const anchor = encodeAnchor(from, to, context);
    const decoded = decodeAnchor(anchor);
    if (!decoded) return "These words cannot be commented on. Select other words.";
    showPendingAnchor(view, decoded);
    setDraft({ anchor, decoded, quote });
    return null;
  };

  const endDraft = (view: EditorView | null) => {
    if (view && !view.isDestroyed) showPendingAnchor(view, null);
    setDraft(null);
  };

  return {
    ...access,
    threads,
    loadError,
    refresh,
    onAccordEvent,
    applyThread: (thread) => applyLocally((list) => withThread(list, thread)),
    applyComment: (comment) => applyLocally((list) => withComment(list, comment)),
    mentionable,
    filter,
    setFilter,
    draft,
    startDraft,
    endDraft,
  };
}
