import { useLayoutEffect, useRef } from "preact/hooks";
import { TextSelection, type EditorState } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import type { Comments } from "./use-comments.js";
import "./comments.css";

/** The paragraph (or heading, or list item's text) holding the caret, as document positions of its text. */
export function blockAtCaret(state: EditorState): { from: number; to: number } | null {
  const { $from } = state.selection;
  if (!$from.parent.isTextblock || $from.parent.content.size === 0) return null;
  return { from: $from.start(), to: $from.end() };
}

/**
 * On a phone, where selecting words by touch is fiddly: a button in the margin beside the paragraph
 * with the caret that comments on that whole paragraph. It selects the paragraph's text and opens the
 * same composer as "Comment", so the thread is anchored on the paragraph like any other. Wide screens
 * hide it (styles.css): there a selection and "Comment" are at hand.
 */
export function ParagraphCommentButton(props: { comments: Comments; view: EditorView | null; state: EditorState }) {
  const { comments, view, state } = props;
  const button = useRef<HTMLButtonElement>(null);
  const block = comments.canComment && !comments.draft ? blockAtCaret(state) : null;

  // Level with the paragraph's first line, measured from the draft's box (set through the CSSOM, which
  // the Content-Security-Policy allows). After every render: the text moves as people type.
  useLayoutEffect(() => {
    const element = button.current;
    const container = element?.offsetParent;
    if (!element || !container || !view || view.isDestroyed || !block) return;
    try {
      const top = view.coordsAtPos(block.from, 1).top - container.getBoundingClientRect().top;
      element.style.setProperty("top", `${Math.max(0, Math.round(top))}px`);
    } catch {
      // Not drawn yet: the next render places it.
    }
  });

  if (!block || !view) return null;
  const commentOnParagraph = () => {
    if (view.isDestroyed) return;
    const current = blockAtCaret(view.state);
    if (!current) return;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, current.from, current.to)));
    comments.startDraft(view);
  };
  return (
    <button
      ref={button}
      type="button"
      class="paragraph-comment"
      title="Comment on this paragraph"
      // Keeps the editor's caret when tapped, as the toolbar's buttons do.
      onMouseDown={(event) => event.preventDefault()}
      onClick={commentOnParagraph}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path d="M4 4h16v12H8l-4 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
      </svg>
      <span class="visually-hidden">Comment on this paragraph</span>
    </button>
  );
}
