import type { TargetedKeyboardEvent } from "preact";
import { useRef, useState } from "preact/hooks";
import type { EditorState } from "prosemirror-state";
import { toolbarState, type ButtonState, type ToolbarCommandName } from "./commands.js";

/** A toolbar button's name, shown label and shortcut. */
interface ButtonSpec {
  name: ToolbarCommandName | "link";
  /** What the button does, for screen readers and as a tooltip. */
  label: string;
  /**
   * Short text on the button; its aria-label says it in full and holds the text's words, so that a
   * person who speaks what they see to voice control names the button (WCAG 2.5.3, label in name).
   */
  text: string;
  shortcut?: string;
  /** Extra class for styling the text (bold B, italic I, …). */
  textClass?: string;
}

/** The buttons in groups; a separator goes between groups. */
const groups: ButtonSpec[][] = [
  [
    { name: "strong", label: "Bold", text: "B", shortcut: "Control+B", textClass: "tool-bold" },
    { name: "em", label: "Italic", text: "I", shortcut: "Control+I", textClass: "tool-italic" },
    { name: "underline", label: "Underline", text: "U", shortcut: "Control+U", textClass: "tool-underline" },
  ],
  [
    { name: "heading1", label: "H1 — section heading", text: "H1", shortcut: "Control+Alt+1" },
    { name: "heading2", label: "H2 — subsection heading", text: "H2", shortcut: "Control+Alt+2" },
    { name: "heading3", label: "H3 — clause heading", text: "H3", shortcut: "Control+Alt+3" },
    { name: "paragraph", label: "Normal text", text: "¶", shortcut: "Control+Alt+0" },
  ],
  [
    { name: "bulletList", label: "Bulleted list", text: "• List" },
    { name: "orderedList", label: "1. List — numbered list", text: "1. List" },
    { name: "blockquote", label: "Quote", text: "“ Quote" },
  ],
  [
    { name: "link", label: "Add link", text: "Link" },
    { name: "removeLink", label: "Unlink", text: "Unlink" },
  ],
  [
    { name: "undo", label: "Undo my last change", text: "Undo", shortcut: "Control+Z" },
    { name: "redo", label: "Redo", text: "Redo", shortcut: "Control+Y" },
  ],
];

const allButtons = groups.flat();

/** The props of the toolbar. */
export interface ToolbarProps {
  state: EditorState;
  /** Runs a command on the editor (and returns focus to it). */
  onCommand: (name: ToolbarCommandName) => void;
  /** Opens the link form. */
  onLink: () => void;
  /** Suggestion mode: only undo and redo, since a suggestion changes words, never formatting. */
  suggesting?: boolean;
}

/**
 * The formatting toolbar. Follows the WAI-ARIA toolbar pattern: one Tab stop, arrow keys move between
 * buttons. Unavailable buttons stay focusable (aria-disabled) so the arrow keys never lose their place.
 */
export function Toolbar(props: ToolbarProps) {
  const states = toolbarState(props.state);
  const shownGroups = props.suggesting ? groups.slice(-1) : groups;
  const shownButtons = props.suggesting ? shownGroups.flat() : allButtons;
  const [focusIndex, setFocusIndex] = useState(0);
  // The one Tab stop must exist even after the formatting buttons went away (suggestion mode).
  const tabStop = Math.min(focusIndex, shownButtons.length - 1);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const moveFocus = (index: number) => {
    const wrapped = (index + shownButtons.length) % shownButtons.length;
    setFocusIndex(wrapped);
    buttons.current[wrapped]?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveFocus(tabStop + 1),
      ArrowLeft: () => moveFocus(tabStop - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(shownButtons.length - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const activate = (spec: ButtonSpec, state: ButtonState) => {
    if (!state.enabled) return;
    if (spec.name === "link") props.onLink();
    else props.onCommand(spec.name);
  };

  let index = -1;
  return (
    <div class="editor-toolbar" role="toolbar" aria-label="Formatting" aria-controls="draft-editor" onKeyDown={onKeyDown}>
      {shownGroups.map((group, groupIndex) => (
        <div class="toolbar-group" key={groupIndex}>
          {group.map((spec) => {
            index += 1;
            const buttonIndex = index;
            const state = states[spec.name];
            return (
              <button
                key={spec.name}
                type="button"
                class="tool"
                ref={(element) => {
                  buttons.current[buttonIndex] = element;
                }}
                tabIndex={buttonIndex === tabStop ? 0 : -1}
                aria-label={spec.label}
                title={spec.shortcut ? `${spec.label} (${spec.shortcut.replace("Control", "Ctrl")})` : spec.label}
                aria-keyshortcuts={spec.shortcut}
                aria-pressed={state.active === null ? undefined : state.active ? "true" : "false"}
                aria-disabled={state.enabled ? undefined : "true"}
                // Keeps the editor's focus and selection when clicked with a mouse.
                onMouseDown={(event) => event.preventDefault()}
                onFocus={() => setFocusIndex(buttonIndex)}
                onClick={() => activate(spec, state)}
              >
                <span class={spec.textClass} aria-hidden="true">
                  {spec.text}
                </span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
