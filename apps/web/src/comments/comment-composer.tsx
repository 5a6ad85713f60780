import type { CommentInput, Member } from "@accord/api-contract";
import type { TargetedEvent, TargetedKeyboardEvent, TargetedSubmitEvent } from "preact";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { ErrorMessage } from "../components/feedback.js";
import { useAction } from "../components/use-action.js";
import { insertMention, matchingCandidates, mentionedIds, mentionQueryAt, type MentionCandidate } from "./mentions.js";

/** The API refuses longer comments. */
const maxBodyLength = 5000;

/** The props of a comment box. */
export interface CommentComposerProps {
  /** The text box's name ("Comment", "Reply", "Edit comment"). */
  label: string;
  /** The send button's name ("Post comment", "Post reply", "Save"). */
  submitLabel: string;
  initialBody?: string;
  /** People the comment already mentions (when editing). */
  initialMentions?: readonly MentionCandidate[];
  /** Members who can be mentioned with "@". */
  members: readonly Member[];
  /**
   * Sends the comment: its text and the ids of the people it mentions (always given, empty when none).
   * A thrown error is shown under the buttons and the text is kept.
   */
  onSubmit: (input: Required<CommentInput>) => Promise<void>;
  onCancel: () => void;
  /** The id of what the comment is about (the quote), read out with the text box. */
  describedBy?: string;
}

/**
 * A text box for a comment, reply or edit, with @mentions: typing "@" lists the policy's members by
 * name (arrow keys and Enter, or a tap, choose one), which puts "@Name" into the text and mentions that
 * person. Ctrl+Enter sends, Escape cancels. Focus starts in the text box.
 */
export function CommentComposer(props: CommentComposerProps) {
  const id = useId();
  const [text, setText] = useState(props.initialBody ?? "");
  const [caret, setCaret] = useState(text.length);
  const [chosen, setChosen] = useState<MentionCandidate[]>([...(props.initialMentions ?? [])]);
  const [highlighted, setHighlighted] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const action = useAction();

  useEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  // After a mention is put in, the caret goes after it (the value changed under it).
  useLayoutEffect(() => {
    if (caretAfterRender.current === null || !textarea.current) return;
    textarea.current.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
    caretAfterRender.current = null;
  });

  const candidates = props.members.map((member) => ({ id: member.userId, name: member.displayName }));
  const query = mentionQueryAt(text, caret);
  const matches = query && query.start !== dismissedAt ? matchingCandidates(candidates, query.query) : [];
  const listOpen = matches.length > 0;
  const active = listOpen ? Math.min(highlighted, matches.length - 1) : 0;
  const listId = `${id}-people`;
  const optionId = (index: number) => `${id}-person-${index}`;

  const track = (event: TargetedEvent<HTMLTextAreaElement>) => {
    const element = event.currentTarget;
    setText(element.value);
    setCaret(element.selectionStart ?? element.value.length);
    if (problem) setProblem(null);
  };

  const choose = (person: MentionCandidate) => {
    if (!query) return;
    const result = insertMention(text, query, caret, person.name);
    setText(result.text);
    setCaret(result.caret);
    setHighlighted(0);
    setChosen((current) => (current.some((known) => known.id === person.id) ? current : [...current, person]));
    caretAfterRender.current = result.caret;
    textarea.current?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (listOpen) {
      const keys: Record<string, () => void> = {
        ArrowDown: () => setHighlighted((active + 1) % matches.length),
        ArrowUp: () => setHighlighted((active - 1 + matches.length) % matches.length),
        Enter: () => matches[active] && choose(matches[active]),
        Tab: () => matches[active] && choose(matches[active]),
        Escape: () => query && setDismissedAt(query.start),
      };
      const handle = keys[event.key];
      if (handle && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        // Escape closes only the list, not the form around it.
        event.stopPropagation();
        handle();
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.current?.requestSubmit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      props.onCancel();
    }
  };

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (action.pending) return;
    const body = text.trim();
    if (body === "") {
      setProblem("Write something first.");
      textarea.current?.focus();
      return;
    }
    await action.run(() => props.onSubmit({ body, mentions: mentionedIds(body, chosen) }));
  };

  const problemId = `${id}-problem`;
  const describedBy = [props.describedBy, `${id}-hint`, problem ? problemId : undefined].filter(Boolean).join(" ");
  return (
    <form ref={form} class="comment-composer" onSubmit={submit} noValidate>
      <label for={`${id}-text`} class="comment-composer-label">
        {props.label}
      </label>
      <div class="comment-composer-box">
        <textarea
          ref={textarea}
          id={`${id}-text`}
          rows={3}
          maxLength={maxBodyLength}
          value={text}
          onInput={track}
          onKeyUp={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
          onClick={(event) => setCaret(event.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          aria-describedby={describedBy}
          aria-invalid={problem ? "true" : undefined}
          aria-autocomplete="list"
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={listOpen ? optionId(active) : undefined}
        />
        {listOpen && (
          <ul id={listId} class="mention-list" role="listbox" aria-label="People to mention">
            {matches.map((person, index) => (
              <li
                key={person.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active ? "true" : "false"}
                class="mention-option"
                // Keeps focus (and the caret) in the text box when tapped or clicked.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(person)}
              >
                {person.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p id={`${id}-hint`} class="hint">
        Type @ to mention someone in the working group. Ctrl+Enter sends.
      </p>
      {problem && (
        <p id={problemId} class="error" role="alert">
          {problem}
        </p>
      )}
      <div class="row-actions">
        <button type="submit" disabled={action.pending}>
          {props.submitLabel}
        </button>
        <button type="button" class="button-quiet" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={action.error} />
    </form>
  );
}
