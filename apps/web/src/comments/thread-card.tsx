import type { CommentInput, ThreadView } from "@accord/api-contract";
import type { Ref } from "preact";
import { useId, useRef, useState } from "preact/hooks";
import { ErrorMessage } from "../components/feedback.js";
import { useAction } from "../components/use-action.js";
import { formatVersionTime } from "../versions/version-format.js";
import { CommentComposer } from "./comment-composer.js";
import { CommentItem } from "./comment-item.js";
import { commentsApi } from "./comments-api.js";
import { threadWords } from "./thread-words.js";
import type { Comments } from "./use-comments.js";

/** How much of a long quote the card shows; the rest is in the draft (or was). */
const shownQuoteLength = 160;

function shortQuote(quote: string): string {
  const flat = quote.replace(/\s+/g, " ").trim();
  return flat.length > shownQuoteLength ? `${flat.slice(0, shownQuoteLength - 1)}…` : flat;
}

/** The props of one thread's card. */
export interface ThreadCardProps {
  thread: ThreadView;
  /** The words its highlight covers in the live editor now; null when it is not placed there. */
  wordsNow?: string | null;
  comments: Comments;
  active: boolean;
  /** Selects the thread: its text is highlighted and scrolled to. */
  onSelect: (threadId: string) => void;
  /** The card left the list after my action (a resolved thread under "Open"): focus goes elsewhere. */
  onLeft: (message: string) => void;
  /** The list element, so the margin can measure and place it. */
  cardRef?: Ref<HTMLLIElement>;
}

/**
 * One thread in the margin: the words it is on as they are now (and as first quoted, when retyped), its comments, a reply box, and Resolve or Reopen.
 * Resolved threads stay readable, folded to one line until opened. Viewers get no buttons.
 */
export function ThreadCard(props: ThreadCardProps) {
  const { thread, comments, active } = props;
  const id = useId();
  const resolved = thread.status === "resolved";
  const [unfolded, setUnfolded] = useState(false);
  const [replying, setReplying] = useState(false);
  const statusAction = useAction();
  const selectButton = useRef<HTMLButtonElement>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const expanded = !resolved || unfolded || active;
  const words = threadWords(thread, props.wordsNow ?? null);
  const count = thread.comments.length;

  const focusAfter = (target: { current: HTMLButtonElement | null }, message: string) =>
    requestAnimationFrame(() => {
      if (target.current?.isConnected) target.current.focus();
      else props.onLeft(message);
    });

  const reply = async (input: CommentInput) => {
    const comment = await commentsApi.reply(comments.policyId, thread.id, input);
    comments.applyComment(comment);
    setReplying(false);
    focusAfter(replyButton, "Reply posted.");
  };

  const cancelReply = () => {
    setReplying(false);
    focusAfter(replyButton, "");
  };

  const changeStatus = (to: "resolve" | "reopen") =>
    statusAction.run(async () => {
      const updated = await (to === "resolve" ? commentsApi.resolve : commentsApi.reopen)(comments.policyId, thread.id);
      comments.applyThread(updated);
      setUnfolded(false);
      focusAfter(selectButton, to === "resolve" ? "Thread resolved." : "Thread reopened.");
    });

  const listId = `${id}-comments`;
  return (
    <li
      ref={props.cardRef}
      class={`thread-card${active ? " thread-card-active" : ""}${resolved ? " thread-card-resolved" : ""}`}
      data-thread-id={thread.id}
    >
      <article aria-labelledby={`${id}-heading`}>
        <h4 id={`${id}-heading`} class="thread-heading">
          <button
            ref={selectButton}
            type="button"
            class="thread-select"
            aria-current={active ? "true" : undefined}
            onClick={() => props.onSelect(thread.id)}
          >
            <span class="visually-hidden">Thread on </span>
            <q id={`${id}-quote`} class="thread-quote">
              {shortQuote(words.now)}
            </q>
          </button>
        </h4>
        {words.originally !== null && (
          // Someone retyped the commented words since: the comments below answered these.
          <p class="thread-original-quote">
            originally: <q>{shortQuote(words.originally)}</q>
          </p>
        )}
        {resolved && (
          <p class="thread-status">
            Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""}
            {thread.resolvedAt && <> · {formatVersionTime(thread.resolvedAt)}</>}
          </p>
        )}
        {resolved && !active && (
          <button
            type="button"
            class="button-quiet thread-fold"
            aria-expanded={unfolded ? "true" : "false"}
            aria-controls={listId}
            onClick={() => setUnfolded(!unfolded)}
          >
            {unfolded ? "Fold comments" : `Show ${count} ${count === 1 ? "comment" : "comments"}`}
          </button>
        )}
        <ol id={listId} class="comment-list" hidden={!expanded}>
          {thread.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} comments={comments} />
          ))}
        </ol>
        {comments.canComment && expanded && replying && (
          <CommentComposer
            label="Reply"
            submitLabel="Post reply"
            members={comments.mentionable}
            onSubmit={reply}
            onCancel={cancelReply}
            describedBy={`${id}-quote`}
          />
        )}
        {comments.canComment && (
          <div class="thread-actions">
            {!resolved && !replying && (
              <button ref={replyButton} type="button" class="button-quiet" onClick={() => setReplying(true)}>
                Reply
              </button>
            )}
            {resolved ? (
              <button type="button" class="button-quiet" disabled={statusAction.pending} onClick={() => changeStatus("reopen")}>
                Reopen
              </button>
            ) : (
              <button type="button" class="button-quiet" disabled={statusAction.pending} onClick={() => changeStatus("resolve")}>
                Resolve
              </button>
            )}
          </div>
        )}
        <ErrorMessage error={statusAction.error} />
      </article>
    </li>
  );
}
