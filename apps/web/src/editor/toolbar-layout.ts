/**
 * Where the toolbar's buttons go. Wide, every button is in the row; where the row does not fit (a phone),
 * the most used stay in it and the rest go behind one "More formatting" menu button (after Google Docs'
 * mobile editor), so that nothing has to scroll sideways.
 */

/** The buttons kept in the row when the others go into the menu: bold and italic, the most used. */
export const alwaysInRow: ReadonlySet<string> = new Set(["strong", "em"]);

/**
 * How much of the toolbar is in its row, widest first: every button; bold and italic and the menu; the
 * menu alone (the narrowest screens, where "Suggest changes" and "Comment" leave room for one button).
 */
export const rowLevels = ["full", "compact", "menu-only"] as const;

/** One of `rowLevels`. */
export type RowLevel = (typeof rowLevels)[number];

/** The row's buttons and the menu's groups (a separator between groups), in the toolbar's order. */
export interface ToolbarLayout<T> {
  row: T[];
  /** Empty when every button is in the row. */
  menu: T[][];
}

/** Splits the groups of buttons between the row and the menu, as `level` says. */
export function toolbarLayout<T extends { name: string }>(groups: readonly (readonly T[])[], level: RowLevel): ToolbarLayout<T> {
  if (level === "full") return { row: groups.flat(), menu: [] };
  const inRow = (button: T) => level === "compact" && alwaysInRow.has(button.name);
  const menu = groups.map((group) => group.filter((button) => !inRow(button))).filter((group) => group.length > 0);
  return { row: groups.flat().filter(inRow), menu };
}

/**
 * The level the row should take next, from the width each level needed when it was shown (measured, so
 * unknown until then) and the width the row has. A level too wide gives way to the next one (which is then
 * shown and measured); a level that fits gives way to the wider one before it once that one fits too. The
 * widths are measured at the same room, so the levels never take turns at one width.
 */
export function nextRowLevel(current: RowLevel, needed: Readonly<Partial<Record<RowLevel, number>>>, available: number): RowLevel {
  const index = rowLevels.indexOf(current);
  const fits = (level: RowLevel) => {
    const width = needed[level];
    // Half a pixel of rounding between the two measures is not overflow.
    return width !== undefined && width <= available + 0.5;
  };
  const own = needed[current];
  if (own !== undefined && !fits(current)) return rowLevels[Math.min(index + 1, rowLevels.length - 1)]!;
  const wider = rowLevels[index - 1];
  if (wider !== undefined && fits(wider)) return wider;
  return current;
}

/**
 * The item of a WAI-ARIA menu that a key moves the focus to, or null when the key does not move it: the
 * down and up arrows go to the next and previous item (wrapping), Home and End to the first and last.
 */
export function menuFocusTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return (current + 1) % count;
    case "ArrowUp":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
