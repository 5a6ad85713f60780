import { describe, expect, it } from "vitest";
import { menuFocusTarget, nextRowLevel, toolbarLayout } from "./toolbar-layout.js";

const groups = [
  [{ name: "strong" }, { name: "em" }, { name: "underline" }],
  [{ name: "heading1" }, { name: "paragraph" }],
  [{ name: "undo" }, { name: "redo" }],
];
const names = (buttons: readonly { name: string }[]) => buttons.map((button) => button.name);

describe("toolbarLayout", () => {
  it("puts every button in the row when the row fits", () => {
    const layout = toolbarLayout(groups, "full");
    expect(names(layout.row)).toEqual(["strong", "em", "underline", "heading1", "paragraph", "undo", "redo"]);
    expect(layout.menu).toEqual([]);
  });

  it("keeps bold and italic in a compact row and every other button in the menu, in order and in its group", () => {
    const layout = toolbarLayout(groups, "compact");
    expect(names(layout.row)).toEqual(["strong", "em"]);
    expect(layout.menu.map(names)).toEqual([["underline"], ["heading1", "paragraph"], ["undo", "redo"]]);
    // No button is lost or shown twice.
    expect([...names(layout.row), ...layout.menu.flatMap(names)].sort()).toEqual(
      groups
        .flat()
        .map((button) => button.name)
        .sort(),
    );
  });

  it("puts every button in the menu when the row has room for the menu button alone", () => {
    const layout = toolbarLayout(groups, "menu-only");
    expect(layout.row).toEqual([]);
    expect(layout.menu.map(names)).toEqual([
      ["strong", "em", "underline"],
      ["heading1", "paragraph"],
      ["undo", "redo"],
    ]);
  });

  it("puts everything in the menu when no button of the row is shown (suggestion mode's undo and redo)", () => {
    const layout = toolbarLayout([[{ name: "undo" }, { name: "redo" }]], "compact");
    expect(layout.row).toEqual([]);
    expect(layout.menu.map(names)).toEqual([["undo", "redo"]]);
  });
});

describe("nextRowLevel", () => {
  it("keeps the full row while it fits", () => {
    expect(nextRowLevel("full", { full: 600 }, 900)).toBe("full");
    expect(nextRowLevel("full", { full: 600.4 }, 600)).toBe("full");
  });

  it("steps down one level at a time while the level shown is too wide, to measure the next", () => {
    expect(nextRowLevel("full", { full: 600 }, 300)).toBe("compact");
    expect(nextRowLevel("compact", { full: 600, compact: 110 }, 100)).toBe("menu-only");
    // The narrowest level is kept even when it does not fit: there is nothing narrower.
    expect(nextRowLevel("menu-only", { full: 600, compact: 110, "menu-only": 40 }, 30)).toBe("menu-only");
  });

  it("goes back up once the wider level fits the room, and not before", () => {
    expect(nextRowLevel("compact", { full: 600, compact: 110 }, 300)).toBe("compact");
    expect(nextRowLevel("compact", { full: 600, compact: 110 }, 650)).toBe("full");
    expect(nextRowLevel("menu-only", { full: 600, compact: 110, "menu-only": 40 }, 120)).toBe("compact");
  });

  it("waits for a level's own measure before judging it", () => {
    expect(nextRowLevel("compact", { full: 600 }, 100)).toBe("compact");
  });
});

describe("menuFocusTarget", () => {
  it("moves down and up through the items, wrapping at the ends", () => {
    expect(menuFocusTarget("ArrowDown", 0, 4)).toBe(1);
    expect(menuFocusTarget("ArrowDown", 3, 4)).toBe(0);
    expect(menuFocusTarget("ArrowUp", 0, 4)).toBe(3);
    expect(menuFocusTarget("ArrowUp", 2, 4)).toBe(1);
  });

  it("goes to the first and last item with Home and End, and ignores other keys", () => {
    expect(menuFocusTarget("Home", 2, 4)).toBe(0);
    expect(menuFocusTarget("End", 0, 4)).toBe(3);
    expect(menuFocusTarget("ArrowRight", 1, 4)).toBeNull();
    expect(menuFocusTarget("a", 1, 4)).toBeNull();
    expect(menuFocusTarget("ArrowDown", 0, 0)).toBeNull();
  });
});
