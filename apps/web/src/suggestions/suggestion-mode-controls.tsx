import type { EditorState } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { suggestionRefusedHint } from "./suggestion-dispatch.js";
import { setSuggestionMode, suggestionModeOf } from "./suggestion-mode.js";
import { suggestOnlyNote } from "./suggestion-wording.js";
import "./suggestions.css";

/**
 * Suggestion mode above the draft: for an editor, the "Suggest changes" switch; for a suggest-only
 * member, the note that their changes are suggestions; for both, the hint when an edit could not be one.
 */
export function SuggestionModeControls(props: { view: EditorView | null; state: EditorState }) {
  const mode = suggestionModeOf(props.state);
  const toggle = () => {
    const view = props.view;
    if (!view) return;
    view.dispatch(setSuggestionMode(view.state.tr, !suggestionModeOf(view.state).on));
    view.focus();
  };
  return (
    <div class={`editor-bar suggestion-mode${mode.on ? " suggestion-mode-on" : ""}`}>
      {mode.locked ? (
        <p class="suggestion-mode-note">{suggestOnlyNote}</p>
      ) : (
        <button
          type="button"
          class="suggestion-mode-toggle"
          aria-pressed={mode.on ? "true" : "false"}
          // Keeps the editor's selection when clicked with a mouse, as the toolbar's buttons do.
          onMouseDown={(event) => event.preventDefault()}
          onClick={toggle}
        >
          Suggest changes
        </button>
      )}
      {!mode.locked && mode.on && <p class="suggestion-mode-note">Your edits are tracked as suggestions.</p>}
      <p class="suggestion-mode-hint" role="status">
        {mode.refused ? suggestionRefusedHint : ""}
      </p>
    </div>
  );
}
