import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { clickAtEndOf } from "./draft-page.js";
import { browserTestTimeoutMs, eventually } from "./e2e-setup.js";

// Issue 16: every formatting command within reach on a phone, without sideways scrolling. Where the whole
// row of formatting does not fit (390 and 320 px), bold and italic stay in it beside "Suggest changes" and
// "Comment", and every other command is behind one "More formatting" menu button (the WAI-ARIA menu button
// pattern: aria-haspopup, aria-expanded, arrow keys, Escape gives the focus back); wide, the full row stays.
describe("the formatting row on a phone", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  const problems = browserTest.problems;

  /** Every formatting command, by its accessible name (the row's buttons and the menu's items say the same). */
  const commands = [
    "Bold",
    "Italic",
    "Underline",
    "H1 — section heading",
    "H2 — subsection heading",
    "H3 — clause heading",
    "Normal text",
    "Bulleted list",
    "1. List — numbered list",
    "Quote",
    "Add link",
    "Unlink",
    "Undo my last change",
    "Redo",
  ];

  /** Signs in (the page may run axe), opens the demo policy and waits for its draft's text. */
  async function openDraft(email: string, width: number): Promise<Page> {
    const page = await browserTest.signIn(email, { bypassCSP: true, viewport: { width, height: 844 } });
    await page.getByRole("link", { name: "Body-Worn Camera Policy" }).click();
    await page.locator(".policy-editor-content .section-number").first().waitFor();
    await page.getByRole("toolbar", { name: "Formatting" }).waitFor();
    return page;
  }

  /** The toolbar scrolls nothing, the row is one line within the screen, and the page is no wider than it. */
  async function expectRowFits(page: Page, width: number): Promise<void> {
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    const sizes = await toolbar.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(sizes.scrollWidth, `toolbar ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(sizes.clientWidth);
    const controls = await page.locator(".editor-chrome-row button:visible").evaluateAll((buttons) =>
      buttons.map((button) => {
        const box = button.getBoundingClientRect();
        return {
          name: button.getAttribute("aria-label") ?? button.textContent ?? "",
          left: box.left,
          right: box.right,
          middle: box.top + box.height / 2,
        };
      }),
    );
    for (const control of controls) {
      expect(control.left, `${control.name} starts inside the screen`).toBeGreaterThanOrEqual(0);
      expect(control.right, `${control.name} ends inside the screen`).toBeLessThanOrEqual(width);
    }
    const middles = controls.map((control) => control.middle);
    expect(Math.max(...middles) - Math.min(...middles), "the controls share one row").toBeLessThan(10);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(width);
  }

  it("at 390 px, shows bold and italic and puts every other command in the menu, which the keyboard works", async () => {
    const page = await openDraft("officer@accord.test", 390);
    await expectRowFits(page, 390);
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    // "Suggest changes" and "Comment" are in the row too, in view.
    await page.getByRole("button", { name: "Suggest changes" }).waitFor();
    await page.getByRole("button", { name: "Comment", exact: true }).waitFor();

    const more = toolbar.getByRole("button", { name: "More formatting" });
    expect(await more.getAttribute("aria-haspopup")).toBe("menu");
    await eventually(() => more.getAttribute("aria-expanded")).toBe("false");
    const inRow = await toolbar
      .locator("button.tool:not(.formatting-menu-button):visible")
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-label") ?? "").filter((name) => name !== ""));
    expect(inRow).toEqual(["Bold", "Italic"]);

    // Opened from the keyboard: the down arrow opens it on its first item.
    await more.focus();
    await page.keyboard.press("ArrowDown");
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    const menu = page.getByRole("menu", { name: "More formatting" });
    await menu.waitFor();
    const inMenu = await menu
      .locator('[role="menuitem"], [role="menuitemcheckbox"]')
      .evaluateAll((items) => items.map((item) => item.firstChild?.textContent ?? ""));
    // Every command is in the row or in the menu, once.
    expect([...inRow, ...inMenu].sort()).toEqual([...commands].sort());
    const focused = () => page.evaluate(() => document.activeElement?.firstChild?.textContent ?? "");
    await eventually(() => focused()).toBe("Underline");
    await page.keyboard.press("ArrowDown");
    await eventually(() => focused()).toBe("H1 — section heading");
    await page.keyboard.press("End");
    await eventually(() => focused()).toBe("Redo");
    await page.keyboard.press("ArrowDown");
    await eventually(() => focused()).toBe("Underline");
    await page.keyboard.press("ArrowUp");
    await eventually(() => focused()).toBe("Redo");
    // Every item of the open menu is inside the screen.
    for (const box of await menu
      .locator('[role^="menuitem"]')
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
    const withMenu = await runAxe(page);
    expect(withMenu.passes, "axe ran its rules with the menu open").toBeGreaterThan(5);
    expect(withMenu.violations, `axe violations with the menu open:\n${withMenu.report}`).toEqual([]);
    // Escape closes it and gives the focus back to its button.
    await page.keyboard.press("Escape");
    await eventually(() => more.getAttribute("aria-expanded")).toBe("false");
    await eventually(() => menu.isVisible()).toBe(false);
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe("formatting-menu-button");
    // The arrow keys of the row reach the menu button from bold and italic.
    await page.keyboard.press("Home");
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Bold");
    await page.keyboard.press("ArrowLeft");
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe("formatting-menu-button");

    const closed = await runAxe(page);
    expect(closed.violations, `axe violations with the menu closed:\n${closed.report}`).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("at 390 px, runs a command from the menu on the draft", async () => {
    const page = await openDraft("citizen@accord.test", 390);
    const paragraph = page.locator(".policy-editor-content p", { hasText: "This policy was drafted by a working group" });
    const words = ((await paragraph.textContent()) ?? "").slice(0, 40);
    await clickAtEndOf(page, paragraph);
    const more = page.getByRole("button", { name: "More formatting" });
    await more.click();
    await page.getByRole("menuitemcheckbox", { name: "H3 — clause heading" }).click();
    // The paragraph is now a clause heading, the menu closed, and the draft has the focus again.
    await page.locator(".policy-editor-content .policy-heading-3", { hasText: words }).waitFor();
    await eventually(() => more.getAttribute("aria-expanded")).toBe("false");
    await eventually(() => page.evaluate(() => document.activeElement?.classList.contains("policy-editor-content") ?? false)).toBe(true);
    await expectRowFits(page, 390);
    // Undo, from the menu as well, takes it back.
    await more.click();
    await page.getByRole("menuitem", { name: "Undo my last change" }).click();
    await page.locator(".policy-editor-content p", { hasText: words }).waitFor();
    expect(problems).toEqual([]);
  });

  it("at 320 px, still fits the row without sideways scrolling, for an editor and for a commenter", async () => {
    const editor = await openDraft("prosecutor@accord.test", 320);
    await expectRowFits(editor, 320);
    await editor.getByRole("button", { name: "More formatting" }).waitFor();
    const commenter = await openDraft("advocate@accord.test", 320);
    await expectRowFits(commenter, 320);
    expect(problems).toEqual([]);
  });

  it("at 1400 px, keeps the full row, with no menu", async () => {
    const page = await openDraft("officer@accord.test", 1400);
    await expectRowFits(page, 1400);
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    for (const name of commands) await toolbar.getByRole("button", { name, exact: true }).waitFor();
    expect(await toolbar.getByRole("button", { name: "More formatting" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
