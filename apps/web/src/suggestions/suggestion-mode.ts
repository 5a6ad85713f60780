import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";

/**
 * Suggestion mode as part of the editor's state: whether my edits become suggestions, whether I may
 * switch that off (editors may, suggest-only members may not), and whether my last edit could not be
 * made a suggestion (the editor then shows a hint). Keeping it in the state lets the toolbar and the
 * dispatch wrapper read one truth.
 */

/** Suggestion mode as the editor state holds it. */
export interface SuggestionModeState {
  /** My local edits become tracked insertions and deletions. */
  on: boolean;
  /** Always on: the person may only suggest (a commenter). */
  locked: boolean;
  /** My last edit could not be made a suggestion and was dropped. */
  refused: boolean;
}

/** What a transaction may tell the plugin. */
interface SuggestionModeMeta {
  on?: boolean;
  refused?: boolean;
}

/** The key of the suggestion-mode plugin. */
export const suggestionModeKey = new PluginKey<SuggestionModeState>("accord-suggestion-mode");

/** Suggestion mode in this state (off, for an editor built without the plugin). */
export function suggestionModeOf(state: EditorState): SuggestionModeState {
  return suggestionModeKey.getState(state) ?? { on: false, locked: false, refused: false };
}

/** A transaction switching suggestion mode on or off (ignored while it is locked on). */
export function setSuggestionMode(tr: Transaction, on: boolean): Transaction {
  return tr.setMeta(suggestionModeKey, { on } satisfies SuggestionModeMeta);
}

/** A transaction that changes nothing but records that a local edit was refused, so the hint shows. */
export function markEditRefused(tr: Transaction): Transaction {
  return tr.setMeta(suggestionModeKey, { refused: true } satisfies SuggestionModeMeta);
}

/**
 * Clipboard text as one inline suggestion: line breaks inside it (and the blank lines between
 * paragraphs) become single spaces; those at its ends go, since a copied paragraph ends with one.
 */
export function pastedTextAsInline(text: string): string {
  return text.replace(/^\s*[\r\n]\s*|\s*[\r\n]\s*$/g, "").replace(/\s*[\r\n]\s*/g, " ");
}

/** What the plugin is built for. */
export interface SuggestionModeOptions {
  /** The person may only suggest: the mode starts on and stays on. */
  locked: boolean;
}

/**
 * The suggestion-mode plugin. Its state is described above; its props keep typing and pasting plain
 * while the mode is on: typed text skips the typing shortcuts ("# " would make a heading, which a
 * suggestion cannot), and a paste inserts the clipboard's plain text on one line. Put it before the
 * input rules, so that its text-input handler is asked first.
 */
export function suggestionModePlugin({ locked }: SuggestionModeOptions): Plugin<SuggestionModeState> {
  return new Plugin<SuggestionModeState>({
    key: suggestionModeKey,
    state: {
      init: () => ({ on: locked, locked, refused: false }),
      apply(tr, current) {
        const meta = tr.getMeta(suggestionModeKey) as SuggestionModeMeta | undefined;
        const on = current.locked ? true : (meta?.on ?? current.on);
        // The hint stays until the next edit goes through, or the mode changes.
        const refused = meta?.refused ?? (tr.docChanged || on !== current.on ? false : current.refused);
        if (on === current.on && refused === current.refused) return current;
        return { on, locked: current.locked, refused };
      },
    },
    props: {
      handleTextInput(view, _from, _to, _text, insertDefault) {
        if (!suggestionModeOf(view.state).on) return false;
        view.dispatch(insertDefault());
        return true;
      },
      handlePaste(view, event) {
        if (!suggestionModeOf(view.state).on) return false;
        const text = pastedTextAsInline(event.clipboardData?.getData("text/plain") ?? "");
        if (text !== "") view.dispatch(view.state.tr.insertText(text).scrollIntoView());
        return true;
      },
    },
  });
}
