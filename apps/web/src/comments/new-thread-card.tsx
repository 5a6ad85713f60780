import type { CommentInput, ThreadView } from "@accord/api-contract";
import type { Ref } from "preact";
import { useId } from "preact/hooks";
import type { EditorView } from "prosemirror-view";
import { commentHighlightsKey } from "./comment-highlights.js";
import { CommentComposer } from "./comment-composer.js";
import { commentsApi } from "./comments-api.js";
import type { Comments, ThreadDraft } from "./use-comments.js";

/** The props of the card where a new thread is written. */
export interface NewThreadCardProps {
  draft: ThreadDraft;
  comments: Comments;
  view: EditorView | null;
  /** The thread was started: the margin shows and focuses it. */
  onStarted: (thread: ThreadView) => void;
  onCancel: () => void;
  cardRef?: Ref<HTMLLIElement>;
}

/**
 * The composer of a new thread, in the margin beside the words it is on. The words stay highlighted
 * while focus is here; if someone deletes them meanwhile, posting is refused with a clear message
 * rather than starting a thread on nothing.
 */
export function NewThreadCard(props: NewThreadCardProps) {
  const id = useId();
  const { draft, comments } = props;

  const post = async (input: CommentInput) => {
    const pending = props.view ? commentHighlightsKey.getState(props.view.state)?.pending : undefined;
    if (pending?.place.kind === "gone") {
      throw new Error("The words you selected were deleted meanwhile. Select other words and choose Comment again.");
    }
    const thread = await commentsApi.startThread(comments.policyId, {
      anchor: draft.anchor,
      quote: draft.quote,
      body: input.body,
      mentions: input.mentions,
    });
    props.onStarted(thread);
  };

  return (
    <li ref={props.cardRef} class="thread-card thread-card-new">
      <p class="thread-heading">
        New comment on{" "}
        <q id={`${id}-quote`} class="thread-quote">
          {draft.quote.length > 160 ? `${draft.quote.slice(0, 159)}…` : draft.quote}
        </q>
      </p>
      <CommentComposer
        label="Comment"
        submitLabel="Post comment"
        members={comments.mentionable}
        onSubmit={post}
        onCancel={props.onCancel}
        describedBy={`${id}-quote`}
      />
    </li>
  );
}
