import type { TargetedKeyboardEvent } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { EditorState } from "prosemirror-state";
import { toolbarState, type ButtonState, type ToolbarCommandName } from "./commands.js";
import { FormattingMenu } from "./formatting-menu.js";
import { nextRowLevel, toolbarLayout, type RowLevel } from "./toolbar-layout.js";

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
 * How much of the toolbar its row holds (`rowLevels`): measured, not guessed from the screen's width, since
 * the room the row has depends on the side panel and on "Suggest changes" and "Comment" beside it. The full
 * row is drawn first and measured before the browser paints; while a level is wider than its room, the next
 * is drawn and measured, and a wider level comes back once its measured width fits.
 */
function useRowLevel(toolbar: { current: HTMLDivElement | null }, buttonSet: string): RowLevel {
  const [level, setLevel] = useState<RowLevel>("full");
  // The width each level's buttons need, measured while it was shown.
  const needed = useRef<Partial<Record<RowLevel, number>>>({});

  // Another set of buttons (suggestion mode on or off) is measured again, from the full row.
  useLayoutEffect(() => {
    needed.current = {};
    setLevel("full");
  }, [buttonSet]);

  useLayoutEffect(() => {
    const element = toolbar.current;
    if (!element) return;
    const check = () => {
      // What the buttons take, from the toolbar's left edge to the last one's right edge and the padding
      // after it: the toolbar itself stretches over the room it has, so its own width says nothing.
      const last = element.lastElementChild;
      if (last) {
        const padding = parseFloat(getComputedStyle(element).paddingRight) || 0;
        const box = element.getBoundingClientRect();
        needed.current[level] = last.getBoundingClientRect().right + element.scrollLeft - box.left + padding;
      }
      setLevel(nextRowLevel(level, needed.current, element.clientWidth));
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, [level, buttonSet]);
  return level;
}

/**
 * The formatting toolbar. Follows the WAI-ARIA toolbar pattern: one Tab stop, arrow keys move between
 * buttons. Unavailable buttons stay focusable (aria-disabled) so the arrow keys never lose their place.
 * Where the whole row does not fit (a phone), bold and italic stay in it and the other commands go behind
 * one "More formatting" menu button (on the narrowest screens, every command), so nothing scrolls sideways
 * out of reach.
 */
export function Toolbar(props: ToolbarProps) {
  const states = toolbarState(props.state);
  const shownGroups = props.suggesting ? groups.slice(-1) : groups;
  const toolbar = useRef<HTMLDivElement>(null);
  const level = useRowLevel(toolbar, props.suggesting ? "suggesting" : "editing");
  const compact = level !== "full";
  const layout = toolbarLayout(shownGroups, level);
  // The row's items in order: its buttons, then the menu button when there is a menu.
  const itemCount = layout.row.length + (layout.menu.length > 0 ? 1 : 0);
  const [focusIndex, setFocusIndex] = useState(0);
  // The one Tab stop must exist even after buttons went away (suggestion mode, the compact row).
  const tabStop = Math.min(focusIndex, itemCount - 1);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const moveFocus = (index: number) => {
    const wrapped = (index + itemCount) % itemCount;
    setFocusIndex(wrapped);
    buttons.current[wrapped]?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveFocus(tabStop + 1),
      ArrowLeft: () => moveFocus(tabStop - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(itemCount - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const activate = (spec: ButtonSpec) => {
    if (!states[spec.name].enabled) return;
    if (spec.name === "link") props.onLink();
    else props.onCommand(spec.name);
  };

  // In the full row, a separator goes between groups: the first button of each group but the first.
  const groupStarts = new Set(shownGroups.slice(1).map((group) => group[0]?.name));
  return (
    <div
      class={`editor-toolbar${compact ? " toolbar-compact" : ""}`}
      role="toolbar"
      aria-label="Formatting"
      aria-controls="draft-editor"
      ref={toolbar}
      onKeyDown={onKeyDown}
    >
      {rowGroups(layout.row, compact ? new Set() : groupStarts).map((group, groupIndex) => (
        <div class="toolbar-group" key={groupIndex}>
          {group.map(({ spec, index: buttonIndex }) => {
            const state = states[spec.name];
            return (
              <ToolButton
                key={spec.name}
                spec={spec}
                state={state}
                buttonRef={(element) => {
                  buttons.current[buttonIndex] = element;
                }}
                tabIndex={buttonIndex === tabStop ? 0 : -1}
                onFocus={() => setFocusIndex(buttonIndex)}
                onClick={() => activate(spec)}
              />
            );
          })}
        </div>
      ))}
      {layout.menu.length > 0 && (
        <FormattingMenu
          groups={layout.menu}
          states={states}
          onActivate={activate}
          buttonRef={(element) => {
            buttons.current[layout.row.length] = element;
          }}
          tabIndex={layout.row.length === tabStop ? 0 : -1}
          onFocus={() => setFocusIndex(layout.row.length)}
        />
      )}
    </div>
  );
}

/** The row's buttons with their place in the row, in groups that start at `starts`. */
function rowGroups(row: readonly ButtonSpec[], starts: ReadonlySet<string | undefined>): { spec: ButtonSpec; index: number }[][] {
  const grouped: { spec: ButtonSpec; index: number }[][] = [];
  row.forEach((spec, index) => {
    if (grouped.length === 0 || starts.has(spec.name)) grouped.push([]);
    grouped[grouped.length - 1]!.push({ spec, index });
  });
  return grouped;
}

/** One button of the row. */
function ToolButton(props: {
  spec: ButtonSpec;
  state: ButtonState;
  buttonRef: (element: HTMLButtonElement | null) => void;
  tabIndex: number;
  onFocus: () => void;
  onClick: () => void;
}) {
  const { spec, state } = props;
  return (
    <button
      type="button"
      class="tool"
      ref={props.buttonRef}
      tabIndex={props.tabIndex}
      aria-label={spec.label}
      title={spec.shortcut ? `${spec.label} (${spec.shortcut.replace("Control", "Ctrl")})` : spec.label}
      aria-keyshortcuts={spec.shortcut}
      aria-pressed={state.active === null ? undefined : state.active ? "true" : "false"}
      aria-disabled={state.enabled ? undefined : "true"}
      // Keeps the editor's focus and selection when clicked with a mouse.
      onMouseDown={(event) => event.preventDefault()}
      onFocus={props.onFocus}
      onClick={props.onClick}
    >
      <span class={spec.textClass} aria-hidden="true">
        {spec.text}
      </span>
    </button>
  );
}
