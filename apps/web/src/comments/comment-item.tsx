import type { CommentView, Person } from "@accord/api-contract";
import { affiliationColors, affiliationLabels, facilitatorColor, isAffiliation } from "@accord/domain";
import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ErrorMessage } from "../components/feedback.js";
import { useAction } from "../components/use-action.js";
import { ColorSwatch } from "../editor/presence-list.js";
import { formatVersionTime } from "../versions/version-format.js";
import { CommentComposer } from "./comment-composer.js";
import { commentsApi } from "./comments-api.js";
import { splitMentions } from "./mentions.js";
import type { Comments } from "./use-comments.js";

/** A person's affiliation colour (the facilitator's grey when they have none), as cursors show it. */
export function personColor(person: Person): string {
  return person.affiliation && isAffiliation(person.affiliation) ? affiliationColors[person.affiliation] : facilitatorColor;
}

/** A person's affiliation as people read it. */
export function affiliationName(person: Person): string {
  if (person.affiliation === null) return "Facilitator";
  return isAffiliation(person.affiliation) ? affiliationLabels[person.affiliation] : person.affiliation;
}

/** A comment's text with its mentions set apart. */
function CommentBody(props: { comment: CommentView }) {
  const { comment } = props;
  if (comment.deleted) return <p class="comment-gone">Comment deleted</p>;
  if (comment.hidden) {
    return (
      <p class="comment-gone">
        Hidden by {comment.hidden.by.name}: {comment.hidden.reason}
      </p>
    );
  }
  return (
    <p class="comment-body">
      {splitMentions(comment.body ?? "", comment.mentions).map((part, index) =>
        part.mention ? (
          <strong key={index} class="mention">
            {part.text}
          </strong>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}

/** The facilitator's form for hiding a comment: the reason is required and shown to everyone. */
function HideForm(props: { onHide: (reason: string) => Promise<void>; onCancel: () => void }) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setProblem("Give the reason for hiding this comment; everyone will see it.");
      input.current?.focus();
      return;
    }
    await action.run(() => props.onHide(reason.trim()));
  };

  return (
    <form class="comment-hide-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for={id}>Reason for hiding</label>
        <textarea
          ref={input}
          id={id}
          rows={2}
          maxLength={500}
          required
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
          aria-invalid={problem ? "true" : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ""}`}
        />
        <p id={`${id}-hint`} class="hint">
          Everyone reading the thread sees “Hidden by” you with this reason.
        </p>
        {problem && (
          <p id={`${id}-problem`} class="error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div class="row-actions">
        <button type="submit" class="button-danger" disabled={action.pending}>
          Hide comment
        </button>
        <button type="button" class="button-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={action.error} />
    </form>
  );
}

type Mode = "reading" | "editing" | "confirming-delete" | "hiding";

/**
 * One comment: who wrote it (name, affiliation colour), when, whether it was edited, and its text, or
 * "Comment deleted" / "Hidden by …". Its author may edit or delete it; the facilitator may hide it.
 */
export function CommentItem(props: { comment: CommentView; comments: Comments }) {
  const { comment, comments } = props;
  const [mode, setMode] = useState<Mode>("reading");
  const deletion = useAction();
  const firstAction = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode === "confirming-delete") confirmButton.current?.focus();
  }, [mode]);
  const removed = comment.deleted || comment.hidden !== null;
  const mine = comment.author.id === comments.myId;
  const canChange = mine && !removed && comments.canComment;
  const canHide = comments.canHide && !removed;

  const backToReading = () => {
    setMode("reading");
    // Focus returns to where the person started, not to the top of the page.
    requestAnimationFrame(() => firstAction.current?.focus());
  };

  const save = async (input: { body: string; mentions: string[] }) => {
    const updated = await commentsApi.editComment(comments.policyId, comment.threadId, comment.id, input);
    comments.applyComment(updated);
    backToReading();
  };

  const hide = async (reason: string) => {
    const updated = await commentsApi.hideComment(comments.policyId, comment.threadId, comment.id, reason);
    comments.applyComment(updated);
    setMode("reading");
  };

  const remove = () =>
    deletion.run(async () => {
      const updated = await commentsApi.deleteComment(comments.policyId, comment.threadId, comment.id);
      comments.applyComment(updated);
      setMode("reading");
    });

  return (
    <li class="comment">
      <p class="comment-meta">
        <ColorSwatch color={personColor(comment.author)} />
        <span class="comment-author">{comment.author.name}</span>
        <span class="comment-affiliation">{affiliationName(comment.author)}</span>
        <time class="comment-time" dateTime={comment.createdAt}>
          {formatVersionTime(comment.createdAt)}
        </time>
        {comment.editedAt && !removed && (
          <span class="comment-edited" title={`Edited ${formatVersionTime(comment.editedAt)}`}>
            edited
          </span>
        )}
      </p>
      {mode === "editing" ? (
        <CommentComposer
          label="Edit comment"
          submitLabel="Save"
          initialBody={comment.body ?? ""}
          initialMentions={comment.mentions}
          members={comments.mentionable}
          onSubmit={save}
          onCancel={backToReading}
        />
      ) : (
        <CommentBody comment={comment} />
      )}
      {mode === "reading" && (canChange || canHide) && (
        <div class="comment-actions">
          {canChange && (
            <>
              <button ref={firstAction} type="button" class="button-quiet" onClick={() => setMode("editing")}>
                Edit
              </button>
              <button type="button" class="button-quiet" onClick={() => setMode("confirming-delete")}>
                Delete
              </button>
            </>
          )}
          {canHide && (
            <button ref={canChange ? undefined : firstAction} type="button" class="button-quiet" onClick={() => setMode("hiding")}>
              Hide
            </button>
          )}
        </div>
      )}
      {mode === "confirming-delete" && (
        <div class="comment-confirm" role="group" aria-label="Delete this comment?">
          <p>Delete this comment? It will show as “Comment deleted”.</p>
          <div class="row-actions">
            <button ref={confirmButton} type="button" class="button-danger" disabled={deletion.pending} onClick={remove}>
              Delete comment
            </button>
            <button type="button" class="button-quiet" onClick={backToReading}>
              Keep it
            </button>
          </div>
          <ErrorMessage error={deletion.error} />
        </div>
      )}
      {mode === "hiding" && <HideForm onHide={hide} onCancel={backToReading} />}
    </li>
  );
}
