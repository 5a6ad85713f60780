import { useEffect, useRef, useState } from "preact/hooks";
import type { EditorState } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { quoteOf } from "./anchors.js";
import { commentHighlightsKey } from "./comment-highlights.js";
import type { Comments } from "./use-comments.js";
import "./comments.css";

/** The props of the "Comment" button. */
export interface CommentButtonProps {
  comments: Comments;
  view: EditorView | null;
  state: EditorState;
}

/** True when the selection holds words a thread can quote. */
function hasCommentableSelection(state: EditorState): boolean {
  const { from, to, empty } = state.selection;
  return !empty && quoteOf(state, from, to) !== "";
}

/**
 * "Comment", in the editor's chrome: opens the composer on the selected words (also Ctrl+Alt+M in the
 * draft). Unavailable without a selection, but still focusable and saying why. When the caret is in
 * commented text, "Show comment thread" takes focus to that thread (on a phone the list is far below).
 */
export function CommentButton(props: CommentButtonProps) {
  const { comments, view, state } = props;
  const [hint, setHint] = useState("");
  const enabled = comments.canComment && hasCommentableSelection(state);
  const highlights = commentHighlightsKey.getState(state);
  const activeThreadId = highlights?.activeThreadId ?? null;

  useEffect(() => {
    if (enabled) setHint("");
  }, [enabled]);

  const open = () => {
    if (!view || !comments.canComment) return;
    const problem = comments.startDraft(view);
    setHint(problem ?? "");
  };

  // The keyboard shortcut reaches the margin through the plugin's counter; each press opens once.
  const seenRequests = useRef(highlights?.composeRequests ?? 0);
  useEffect(() => {
    const requests = highlights?.composeRequests ?? 0;
    if (requests === seenRequests.current) return;
    seenRequests.current = requests;
    open();
  }, [highlights?.composeRequests]);

  const showThread = () => {
    if (!activeThreadId) return;
    const button = document.querySelector<HTMLButtonElement>(`.thread-card[data-thread-id="${CSS.escape(activeThreadId)}"] .thread-select`);
    button?.scrollIntoView({ block: "center" });
    button?.focus({ preventScroll: true });
  };

  if (!comments.canComment) return null;
  return (
    <div class="editor-bar comment-bar">
      <button
        type="button"
        class="tool comment-button"
        aria-disabled={enabled ? undefined : "true"}
        aria-keyshortcuts="Control+Alt+M"
        aria-describedby="comment-bar-hint"
        title="Comment on the selected words (Ctrl+Alt+M)"
        // Keeps the editor's selection when clicked with a mouse, as the toolbar's buttons do.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => (enabled ? open() : setHint("Select the words in the draft you want to comment on, then choose Comment."))}
      >
        Comment
      </button>
      {activeThreadId && !comments.draft && (
        <button type="button" class="button-quiet comment-show-thread" onClick={showThread}>
          Show comment thread
        </button>
      )}
      <p id="comment-bar-hint" class="comment-bar-hint" role="status">
        {hint}
      </p>
    </div>
  );
}
