import { Fragment, type Ref, type TargetedKeyboardEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ButtonState } from "./commands.js";
import { menuFocusTarget } from "./toolbar-layout.js";

/** One command in the menu: its name, what it does (the item's words) and its shortcut. */
export interface MenuCommand {
  name: string;
  label: string;
  shortcut?: string;
}

/** The props of the "More formatting" menu button and its menu. */
export interface FormattingMenuProps<T extends MenuCommand> {
  /** The commands, in groups; a separator goes between groups. */
  groups: readonly (readonly T[])[];
  states: Readonly<Record<string, ButtonState>>;
  onActivate: (command: T) => void;
  /** The menu button is one item of the toolbar's roving focus: its element, Tab stop and focus report. */
  buttonRef: Ref<HTMLButtonElement>;
  tabIndex: number;
  onFocus: () => void;
}

/**
 * "More formatting": a WAI-ARIA menu button (aria-haspopup, aria-expanded) and its menu, for the commands
 * the toolbar's row has no room for. Enter, Space or the down arrow open it on its first item, the up arrow
 * on its last; in it the arrows, Home and End move, Enter and Space run a command, Escape closes it and
 * gives the focus back to the button, and Tab or a click elsewhere close it. Unavailable commands stay
 * focusable (aria-disabled), as in the row.
 */
export function FormattingMenu<T extends MenuCommand>(props: FormattingMenuProps<T>) {
  const [open, setOpen] = useState(false);
  const [focusOn, setFocusOn] = useState<"first" | "last" | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const commands = props.groups.flat();

  // The focus goes into the menu once it is drawn.
  useEffect(() => {
    if (!open || focusOn === null) return;
    items.current[focusOn === "first" ? 0 : commands.length - 1]?.focus();
    setFocusOn(null);
  }, [open, focusOn]);

  const show = (where: "first" | "last") => {
    setOpen(true);
    setFocusOn(where);
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  const onButtonKeyDown = (event: TargetedKeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      show(event.key === "ArrowDown" ? "first" : "last");
    }
  };

  const onMenuKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const current = items.current.findIndex((item) => item === document.activeElement);
    const target = menuFocusTarget(event.key, current, commands.length);
    if (target !== null) {
      event.preventDefault();
      items.current[target]?.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
    // The toolbar's own keys (left and right arrows, Home, End) belong to the row, not to the open menu.
    event.stopPropagation();
  };

  const activate = (command: T) => {
    if (!props.states[command.name]?.enabled) return;
    // Closed first: the command gives the focus to the draft (or to the link form), not back to the menu.
    setOpen(false);
    props.onActivate(command);
  };

  let index = -1;
  return (
    <div
      class="formatting-menu"
      onFocusOut={(event) => {
        // A click or Tab out of the button and its menu closes the menu.
        const next = event.relatedTarget;
        if (open && !(next instanceof Node && event.currentTarget.contains(next))) setOpen(false);
      }}
    >
      <button
        type="button"
        class="tool formatting-menu-button"
        ref={(element) => {
          button.current = element;
          if (typeof props.buttonRef === "function") props.buttonRef(element);
          else if (props.buttonRef) props.buttonRef.current = element;
        }}
        id="formatting-menu-button"
        aria-label="More formatting"
        title="More formatting"
        aria-haspopup="menu"
        aria-expanded={open ? "true" : "false"}
        aria-controls="formatting-menu"
        tabIndex={props.tabIndex}
        // Keeps the editor's selection when clicked with a mouse, as the other buttons do.
        onMouseDown={(event) => event.preventDefault()}
        onFocus={props.onFocus}
        onKeyDown={onButtonKeyDown}
        onClick={() => (open ? close(true) : show("first"))}
      >
        {/* A mark, not words, to leave the row room; the name is said (aria-label) and shown as a tooltip. */}
        <span aria-hidden="true">…</span>
      </button>
      <div
        class="formatting-menu-list"
        role="menu"
        id="formatting-menu"
        aria-labelledby="formatting-menu-button"
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
        {/* Its items exist only while it is open: closed, the row holds no hidden buttons. */}
        {open &&
          props.groups.map((group, groupIndex) => (
            <Fragment key={groupIndex}>
              {groupIndex > 0 && <div role="separator" class="formatting-menu-separator" />}
              {group.map((command) => {
                index += 1;
                const itemIndex = index;
                const state = props.states[command.name] ?? { enabled: false, active: null };
                const toggles = state.active !== null;
                return (
                  <button
                    key={command.name}
                    type="button"
                    role={toggles ? "menuitemcheckbox" : "menuitem"}
                    class="formatting-menu-item"
                    tabIndex={-1}
                    ref={(element) => {
                      items.current[itemIndex] = element;
                    }}
                    aria-checked={toggles ? (state.active ? "true" : "false") : undefined}
                    aria-disabled={state.enabled ? undefined : "true"}
                    aria-keyshortcuts={command.shortcut}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => activate(command)}
                  >
                    {command.label}
                    {command.shortcut && (
                      <span class="formatting-menu-shortcut" aria-hidden="true">
                        {command.shortcut.replace("Control", "Ctrl")}
                      </span>
                    )}
                  </button>
                );
              })}
            </Fragment>
          ))}
      </div>
    </div>
  );
}
