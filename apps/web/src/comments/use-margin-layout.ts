import type { RefObject } from "preact";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { EditorView } from "prosemirror-view";
import { alignCards } from "./thread-groups.js";

/** Room between two cards pushed together, in pixels. */
const cardSpacing = 8;

/** One card of the aligned list: its element and the document position of its text (null: none). */
export interface MarginCard {
  element: HTMLElement;
  position: number | null;
}

/** The top of a document position in the viewport, or null when the view cannot tell (not drawn yet). */
function topOf(view: EditorView, position: number): number | null {
  try {
    return view.coordsAtPos(Math.min(position, view.state.doc.content.size), 1).top;
  } catch {
    return null;
  }
}

/**
 * Places the margin's cards beside their text: each one as close to its text's line as it can be
 * without overlapping the one above. Only while the margin sits beside the draft; on a narrow screen,
 * where it is a list under the draft, the cards just follow one another. Gaps are set through the
 * CSSOM, which the Content-Security-Policy allows (a style attribute in markup it does not).
 *
 * It runs after every render (the text moves as people type) and when the list or the draft changes
 * size. Returns whether the margin is beside the draft now.
 */
export function useMarginLayout(
  view: EditorView | null,
  list: RefObject<HTMLElement | null>,
  cards: () => MarginCard[],
): RefObject<boolean> {
  const beside = useRef(false);
  const align = useRef(() => {});

  align.current = () => {
    const listElement = list.current;
    if (!listElement || !view || view.isDestroyed) return;
    const current = cards();
    const surface = view.dom.getBoundingClientRect();
    beside.current = listElement.getBoundingClientRect().left >= surface.right - 1;
    if (!beside.current) {
      for (const card of current) card.element.style.removeProperty("margin-top");
      return;
    }
    const listTop = listElement.getBoundingClientRect().top;
    const gaps = alignCards(
      current.map((card) => {
        const top = card.position === null ? null : topOf(view, card.position);
        return { wanted: top === null ? null : top - listTop, height: card.element.offsetHeight };
      }),
      cardSpacing,
    );
    current.forEach((card, index) => card.element.style.setProperty("margin-top", `${gaps[index] ?? 0}px`));
  };

  useLayoutEffect(() => align.current());

  useEffect(() => {
    const listElement = list.current;
    if (!listElement || !view || typeof ResizeObserver === "undefined") return;
    // A card that grows (a reply box opens) pushes the ones below; a wider window moves every line.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => align.current());
    });
    observer.observe(listElement);
    observer.observe(view.dom);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [view, list]);

  return beside;
}
