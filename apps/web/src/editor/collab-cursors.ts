import type { DecorationAttrs } from "prosemirror-view";
import { safeColor } from "./presence.js";
import "./collab-cursors.css";

/**
 * How other people's carets and selections look. y-prosemirror's default builder writes
 * `setAttribute("style", …)`, which Accord's Content-Security-Policy (`style-src 'self'`) blocks, so the
 * caret would lose its colour. These builders set colours through the CSSOM instead, which CSP allows.
 * Names go in as text nodes, never markup.
 */

interface CursorUser {
  name?: unknown;
  color?: unknown;
}

/**
 * The caret of another person: a coloured bar with their name above it. The name shows when the caret
 * appears and again whenever it moves (`showCollaboratorNames`), then fades (styles.css), so it never
 * keeps covering the line above; `clientId` (y-prosemirror passes the awareness client) finds it again.
 */
export function buildCollaboratorCursor(user: CursorUser, clientId?: number): HTMLElement {
  const color = safeColor(user.color);
  const cursor = document.createElement("span");
  cursor.className = "ProseMirror-yjs-cursor showing-name";
  // When the name was last shown (page time): what a test can wait on, since the fade itself is brief.
  cursor.dataset["nameShownAt"] = String(Date.now());
  if (clientId !== undefined) cursor.dataset["clientId"] = String(clientId);
  cursor.style.setProperty("--person-color", color);
  const label = document.createElement("span");
  label.className = "ProseMirror-yjs-cursor-label";
  label.textContent = typeof user.name === "string" && user.name !== "" ? user.name : "Someone";
  // Word joiners on both sides keep the browser from breaking the line at the caret (as y-prosemirror does).
  cursor.append("\u2060", label, "\u2060");
  return cursor;
}

/**
 * Shows again, for a few seconds, the names on the carets of these awareness clients (those whose
 * cursor moved). y-prosemirror keeps a caret's element while its client stays (its widget key), so the
 * name's fade is restarted on that element.
 */
export function showCollaboratorNames(root: ParentNode, clientIds: Iterable<number>): void {
  for (const clientId of clientIds) {
    const cursor = root.querySelector<HTMLElement>(`.ProseMirror-yjs-cursor[data-client-id="${clientId}"]`);
    if (!cursor) continue;
    cursor.classList.remove("showing-name");
    // Reading the layout between removing and adding the class restarts the CSS animation.
    void cursor.offsetWidth;
    cursor.classList.add("showing-name");
    cursor.dataset["nameShownAt"] = String(Date.now());
  }
}

/**
 * The highlight of another person's selection. ProseMirror applies a decoration's `style` through
 * `element.style.cssText` (the CSSOM), so it is allowed; the colour is checked to be "#rrggbb" first,
 * so nothing else can ride along into the CSS.
 */
export function buildCollaboratorSelection(user: CursorUser): DecorationAttrs {
  return {
    class: "ProseMirror-yjs-selection",
    style: `background-color: ${safeColor(user.color)}33`,
  };
}
