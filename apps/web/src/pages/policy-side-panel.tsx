import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";

/** One tab of the side panel: its name in the address (`#versions`), its label and its content. */
export interface SideTab {
  /** The address fragment that opens it: `/app/policies/<id>#sign-off`. */
  id: string;
  label: string;
  content: ComponentChildren;
  /**
   * The tab's address while it is open, when its fragment is not enough: the Versions tab showing version 3
   * is `/app/policies/<id>/versions/3`. The address follows when it changes.
   */
  address?: string;
}

/** The tab the address names (`#versions`), or null when it names none of these. */
export function tabOfHash(hash: string, tabs: readonly SideTab[]): string | null {
  const wanted = decodeURIComponent(hash.replace(/^#/, ""));
  return tabs.some((tab) => tab.id === wanted) ? wanted : null;
}

/** True when the panel sits below the draft (a phone), not beside it: the breakpoint of styles.css. */
function panelIsBelowDraft(): boolean {
  return window.matchMedia?.("(max-width: 51.99rem)").matches ?? false;
}

/**
 * Scrolls the row of tabs sideways, and only it, until `tab` is wholly in view: on a phone the row is
 * wider than the screen, and a tab opened by the arrow keys or by an address must not stay out of sight.
 * (Focusing a tab does not scroll its row in every browser; scrollIntoView would scroll the page too.)
 */
function revealTab(tab: HTMLElement): void {
  const row = tab.parentElement;
  if (!row) return;
  const rowBox = row.getBoundingClientRect();
  const tabBox = tab.getBoundingClientRect();
  if (tabBox.left < rowBox.left) row.scrollLeft -= rowBox.left - tabBox.left;
  else if (tabBox.right > rowBox.right) row.scrollLeft += tabBox.right - rowBox.right;
}

/**
 * The one panel beside the draft, as WAI-ARIA tabs (tablist, tab, tabpanel; the arrow keys, Home and End
 * move between tabs and open them). Every panel stays mounted while hidden, so a half-filled form or a
 * loaded list survives a look at another tab. The address's fragment opens a tab (`#sign-off`) and
 * follows the open one, so a reload or a shared link opens the same tab.
 *
 * On a phone it is a sheet below the draft, opened and closed by one button (a disclosure), so the draft
 * comes first; a deep link opens it, and Escape inside it closes it.
 */
export function PolicySidePanel(props: {
  tabs: readonly SideTab[];
  /** The page's own path (`/app/policies/<id>`), where a tab's fragment goes. */
  pagePath: string;
  /** The tab the address's path opens (`/versions/3` opens "versions"), before any fragment. */
  openedByPath?: string | null;
}) {
  const { tabs, pagePath } = props;
  const { url, route } = useLocation();
  const [selected, setSelected] = useState(() => tabOfHash(location.hash, tabs) ?? props.openedByPath ?? tabs[0]?.id ?? "");
  const [sheetOpen, setSheetOpen] = useState(() => tabOfHash(location.hash, tabs) !== null || Boolean(props.openedByPath));
  // The address this panel wrote last: when the router reports it, it is no news to act on.
  const written = useRef<string | null>(null);
  const tabButtons = useRef(new Map<string, HTMLButtonElement>());
  const panel = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // A link to this page with another fragment (the router keeps the page) opens that tab.
  useEffect(() => {
    const fromAddress = () => {
      if (location.pathname + location.search + location.hash === written.current) return;
      const wanted = tabOfHash(location.hash, tabs) ?? props.openedByPath ?? null;
      if (wanted === null) return;
      setSelected(wanted);
      setSheetOpen(true);
      if (panelIsBelowDraft()) requestAnimationFrame(() => panel.current?.scrollIntoView({ block: "start" }));
    };
    fromAddress();
    addEventListener("hashchange", fromAddress);
    return () => removeEventListener("hashchange", fromAddress);
  }, [url, props.openedByPath]);

  // A tab named by the address that this person cannot see (settings for a non-facilitator) falls back.
  const current = tabs.some((tab) => tab.id === selected) ? selected : (tabs[0]?.id ?? "");

  useEffect(() => {
    const tab = tabButtons.current.get(current);
    if (tab) revealTab(tab);
  }, [current, sheetOpen]);

  /**
   * Puts the open tab's address in the address bar, without a history entry per tab (Back leaves the page,
   * as people expect). A change of path (to or from a version's address) goes through the router, so that
   * it knows where the page is; a change of fragment alone does not concern it.
   */
  const follow = (tab: SideTab) => {
    const address = tab.address ?? `${pagePath}${location.search}#${tab.id}`;
    const path = address.replace(/#.*$/, "");
    if (address === location.pathname + location.search + location.hash) return;
    written.current = address;
    if (path !== location.pathname + location.search) route(path, true);
    history.replaceState(history.state, "", address);
  };

  const currentTab = tabs.find((tab) => tab.id === current);
  // The open tab's own address changed (another version chosen on the Versions tab, or closed): it follows.
  const currentAddress = currentTab?.address;
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (currentTab) follow(currentTab);
  }, [currentAddress]);

  const open = (id: string, focus: boolean) => {
    setSelected(id);
    const tab = tabs.find((candidate) => candidate.id === id);
    if (tab) follow(tab);
    if (focus) tabButtons.current.get(id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === current);
    const last = tabs.length - 1;
    const next =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (tab) open(tab.id, true);
  };

  // Escape closes the sheet on a phone and gives the focus back to its button, as a sheet should. Not when
  // the key belongs to something inside it: a dialog (which closes itself) or a control that used it.
  const onSheetKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented || !sheetOpen || !panelIsBelowDraft()) return;
    if (event.target instanceof Element && event.target.closest("dialog")) return;
    event.preventDefault();
    setSheetOpen(false);
    toggle.current?.focus();
  };

  return (
    <div class={`side-panel${sheetOpen ? " side-panel-open" : ""}`} ref={panel} onKeyDown={onSheetKeyDown}>
      <button
        type="button"
        ref={toggle}
        class="side-panel-toggle"
        aria-expanded={sheetOpen ? "true" : "false"}
        aria-controls="side-panel-body"
        onClick={() => setSheetOpen(!sheetOpen)}
      >
        <span class="side-panel-toggle-mark" aria-hidden="true">
          {sheetOpen ? "▾" : "▸"}
        </span>{" "}
        {sheetOpen ? "Hide" : "Show"} {tabs.map((tab) => tab.label.toLowerCase()).join(", ")}
      </button>
      <div class="side-panel-body" id="side-panel-body">
        <div class="side-tabs" role="tablist" aria-label="Beside the draft" onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`side-tab-${tab.id}`}
              class="side-tab"
              aria-selected={tab.id === current ? "true" : "false"}
              aria-controls={`side-panel-${tab.id}`}
              tabIndex={tab.id === current ? 0 : -1}
              ref={(element) => {
                if (element) tabButtons.current.set(tab.id, element);
                else tabButtons.current.delete(tab.id);
              }}
              onClick={() => open(tab.id, false)}
            >
              {tab.label}
            </button>
          ))}
        </div>
        {tabs.map((tab) => (
          <div
            key={tab.id}
            role="tabpanel"
            id={`side-panel-${tab.id}`}
            class="side-tabpanel"
            aria-labelledby={`side-tab-${tab.id}`}
            tabIndex={0}
            hidden={tab.id !== current}
          >
            {tab.content}
          </div>
        ))}
      </div>
    </div>
  );
}
