import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { useBrowserTest } from "./browser-test.js";
import { clickAtEndOf } from "./draft-page.js";
import { browserTestTimeoutMs, eventually } from "./e2e-setup.js";

// Issue 16, items 1, 6 and 10: the policy page is its draft (after Google Docs). At 1400 px the editor
// starts within the first screen under a compact header and one row of controls, and one side panel of
// WAI-ARIA tabs holds the suggestions, versions, sign-off, working group and settings; addresses open a
// tab (`#versions`) or a comment thread (`#thread-<id>`). At 390 px the draft comes first, the side panel
// is a sheet behind a button, a button beside the caret's paragraph comments on the whole paragraph, and
// nothing is wider than the screen.
describe("the policy page laid out as a document", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  const problems = browserTest.problems;
  let policyId = "";

  const tabNames = ["Suggestions", "Versions", "Sign-off", "Working group", "Settings"] as const;

  /** Opens the demo policy from the list and waits for its draft's text. */
  async function openPolicy(page: Page): Promise<void> {
    const link = page.getByRole("link", { name: "Body-Worn Camera Policy" });
    policyId = /\/app\/policies\/([0-9a-f-]{36})$/.exec((await link.getAttribute("href")) ?? "")?.[1] ?? "";
    expect(policyId).not.toBe("");
    await link.click();
    await page.locator(".policy-editor-content .section-number").first().waitFor();
  }

  /** The page's width against the viewport's, and what sticks out past the viewport's right edge. */
  function overflow(page: Page) {
    return page.evaluate(() => {
      const viewport = document.documentElement.clientWidth;
      const wider = Array.from(document.querySelectorAll("body *"))
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && box.right > viewport + 1;
        })
        .slice(0, 5)
        .map((element) => `${element.localName}.${String(element.className)} (right ${Math.round(element.getBoundingClientRect().right)})`);
      return { scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), viewport, wider };
    });
  }

  /**
   * How far apart, up and down, the middles of the elements `locator` finds are: under 10 px when they sit
   * in one row (buttons of a row differ in height by a few pixels).
   */
  function rowSpread(locator: Locator): Promise<number> {
    return locator.evaluateAll((elements) => {
      const middles = elements.map((element) => {
        const box = element.getBoundingClientRect();
        return box.top + box.height / 2;
      });
      return middles.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...middles) - Math.min(...middles);
    });
  }

  /**
   * Scrolls the page well into the draft and checks that the row of controls stays at the top of the
   * screen (position: sticky) while the text goes on under it, then scrolls back.
   */
  async function expectControlsStayAtTop(page: Page): Promise<void> {
    const chrome = page.locator(".editor-chrome");
    expect(await chrome.evaluate((element) => getComputedStyle(element).position)).toBe("sticky");
    await page.evaluate(() => window.scrollTo(0, Math.round(document.documentElement.scrollHeight / 2)));
    await eventually(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await eventually(async () => Math.round((await chrome.boundingBox())?.y ?? -1)).toBe(0);
    // The text has gone up under the row: its top is far above the screen's.
    expect((await page.locator(".policy-editor-content").boundingBox())?.y).toBeLessThan(-100);
    expect(await rowSpread(page.locator(".editor-chrome-row button"))).toBeLessThan(10);
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  it("at 1400 px, starts the editor within the first screen, under one row of controls", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1400, height: 900 } });
    await openPolicy(page);
    const editorBox = await page.locator(".policy-editor-content").boundingBox();
    expect(editorBox?.y).toBeLessThan(400);
    // Formatting, suggestion mode and "Comment" share one row.
    const middles = await Promise.all(
      [
        page.getByRole("button", { name: "Bold" }),
        page.getByRole("button", { name: "Suggest changes" }),
        page.getByRole("button", { name: "Comment", exact: true }),
      ].map(async (control) => {
        const box = await control.boundingBox();
        return box ? box.y + box.height / 2 : -1;
      }),
    );
    expect(Math.max(...middles) - Math.min(...middles), `middles ${middles.join(", ")}`).toBeLessThan(10);
    // Every control of the row, in one row, and every one of them in view (nothing scrolled out of it).
    expect(await rowSpread(page.locator(".editor-chrome-row button"))).toBeLessThan(10);
    const toolbar = page.getByRole("toolbar", { name: "Formatting" });
    expect(await toolbar.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // The stage is a sentence a newcomer understands, not a bare label.
    expect(await page.locator(".policy-stage").textContent()).toContain(
      "Published: the approved text is public; editors may be drafting the next version.",
    );
    // Who is here and the saved state are in the header, above the draft.
    const presence = await page.getByRole("region", { name: /^Here now/ }).boundingBox();
    expect(presence?.y).toBeLessThan(editorBox?.y ?? 0);
    await page
      .locator(".save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
    // The comments are beside the text, the side panel beside them.
    const margin = await page.getByRole("region", { name: "Comments" }).boundingBox();
    const side = await page.getByRole("tablist", { name: "Beside the draft" }).boundingBox();
    expect(margin?.x).toBeGreaterThan((editorBox?.x ?? 0) + (editorBox?.width ?? 0) - 1);
    expect(side?.x).toBeGreaterThan((margin?.x ?? 0) + (margin?.width ?? 0) - 1);
    // The five tabs in one row, all in view.
    const tablist = page.getByRole("tablist", { name: "Beside the draft" });
    expect(await rowSpread(tablist.getByRole("tab"))).toBeLessThan(10);
    expect(await tablist.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await expectControlsStayAtTop(page);
    expect((await overflow(page)).scrollWidth).toBeLessThanOrEqual(1400);
    expect(problems).toEqual([]);
  });

  it("opens each tab's panel by click and by the arrow keys, and keeps the open tab in the address", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1400, height: 900 } });
    await openPolicy(page);
    const tablist = page.getByRole("tablist", { name: "Beside the draft" });
    expect(await tablist.getByRole("tab").allTextContents()).toEqual([...tabNames]);
    // Suggestions open first; the others' panels are hidden.
    await page.getByRole("tabpanel", { name: "Suggestions" }).locator(".suggestions-panel").waitFor();
    expect(await page.getByRole("tabpanel").count()).toBe(1);

    const inPanel: Record<(typeof tabNames)[number], (panel: ReturnType<Page["getByRole"]>) => Promise<void>> = {
      Suggestions: (panel) => panel.getByRole("heading", { name: "Suggestions", exact: true }).waitFor(),
      Versions: (panel) => panel.getByRole("form", { name: "Save a version" }).waitFor(),
      "Sign-off": (panel) => panel.getByRole("region", { name: "Sign-off and approval" }).locator(".proposal-stage").first().waitFor(),
      "Working group": (panel) => panel.getByRole("cell", { name: "Police" }).first().waitFor(),
      Settings: (panel) => panel.getByRole("button", { name: "Save settings" }).waitFor(),
    };
    for (const name of tabNames) {
      await tablist.getByRole("tab", { name }).click();
      expect(await tablist.getByRole("tab", { name }).getAttribute("aria-selected")).toBe("true");
      const panel = page.getByRole("tabpanel", { name });
      await inPanel[name](panel);
      expect(await page.getByRole("tabpanel").count()).toBe(1);
      expect(new URL(page.url()).hash).toBe(`#${name.toLowerCase().replace(" ", "-")}`);
    }

    // The arrow keys move along the tabs (wrapping), Home and End to the ends; the tab that takes focus opens.
    const focusedTab = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    await tablist.getByRole("tab", { name: "Settings" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await focusedTab()).toBe("Suggestions");
    await page.getByRole("tabpanel", { name: "Suggestions" }).waitFor();
    await page.keyboard.press("ArrowLeft");
    expect(await focusedTab()).toBe("Settings");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    expect(await focusedTab()).toBe("Versions");
    await page.getByRole("tabpanel", { name: "Versions" }).waitFor();
    await page.keyboard.press("End");
    expect(await focusedTab()).toBe("Settings");
    expect(await tablist.getByRole("tab", { name: "Settings" }).getAttribute("aria-selected")).toBe("true");
    expect(problems).toEqual([]);
  });

  it("opens the tab an address names, a version on the Versions tab, and opens a comment thread from #thread-<id>", async () => {
    const page = await browserTest.signIn("officer@accord.test", { viewport: { width: 1400, height: 900 } });
    await openPolicy(page);
    // A person without the facilitator's rights has no Settings tab.
    expect(await page.getByRole("tab", { name: "Settings" }).count()).toBe(0);

    await page.goto(browserTest.url(`/app/policies/${policyId}#versions`));
    await page.getByRole("tabpanel", { name: "Versions" }).getByRole("form", { name: "Save a version" }).waitFor();
    await page.goto(browserTest.url(`/app/policies/${policyId}#sign-off`));
    await page.getByRole("tabpanel", { name: "Sign-off" }).getByRole("region", { name: "Sign-off and approval" }).waitFor();

    // /versions/1 is this page with version 1 open on the Versions tab (tests/e2e/version-deep-link.test.ts
    // follows the address through the tab).
    await page.goto(browserTest.url(`/app/policies/${policyId}/versions/1`));
    await page
      .getByRole("tabpanel", { name: "Versions" })
      .getByRole("region", { name: /^Version 1\b/ })
      .locator(".version-text")
      .waitFor();
    expect(await page.getByRole("tab", { name: "Versions" }).getAttribute("aria-selected")).toBe("true");
    await page.locator(".policy-editor-content .section-number").first().waitFor();

    const threads = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: "same-origin" });
      return ((await response.json()) as { threads: { id: string; status: string }[] }).threads;
    }, `/api/policies/${policyId}/threads`);
    const thread = threads.find((candidate) => candidate.status === "open");
    if (!thread) throw new Error("The demo policy has no open comment thread.");
    await page.goto(browserTest.url(`/app/policies/${policyId}#thread-${thread.id}`));
    const card = page.locator(`.thread-card[data-thread-id="${thread.id}"]`);
    await card.locator('.thread-select[aria-current="true"]').waitFor();
    await eventually(() => page.evaluate(() => document.activeElement?.classList.contains("thread-select") ?? false)).toBe(true);
    expect(new URL(page.url()).searchParams.get("thread")).toBe(thread.id);
    expect(problems).toEqual([]);
  });

  it("at 390 px, puts the draft first, the side panel in a sheet, a comment button by the paragraph, and nothing wider than the screen", async () => {
    const page = await browserTest.signIn("advocate@accord.test", { viewport: { width: 390, height: 844 } });
    await openPolicy(page);
    const editorBox = await page.locator(".policy-editor-content").boundingBox();
    expect(editorBox?.y).toBeLessThan(844);

    // The side panel is closed below the draft, behind one button.
    const toggle = page.getByRole("button", { name: /^Show suggestions, versions, sign-off/ });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("tablist", { name: "Beside the draft" }).isVisible()).toBe(false);
    expect((await toggle.boundingBox())?.y).toBeGreaterThan(editorBox?.y ?? 0);
    // One row of controls above the draft, which stays at the top as the text scrolls.
    await expectControlsStayAtTop(page);
    await toggle.click();
    await page.getByRole("tabpanel", { name: "Suggestions" }).locator(".suggestions-panel").waitFor();
    // The tabs in one row (scrolling sideways rather than wrapping, where they do not fit).
    expect(await rowSpread(page.getByRole("tablist", { name: "Beside the draft" }).getByRole("tab"))).toBeLessThan(10);
    await page.getByRole("tab", { name: "Working group" }).click();
    await page.getByRole("tabpanel", { name: "Working group" }).getByRole("cell", { name: "Police" }).first().waitFor();
    await page.getByRole("button", { name: /^Hide suggestions/ }).click();
    expect(await page.getByRole("tablist", { name: "Beside the draft" }).isVisible()).toBe(false);

    // A comment on a whole paragraph with no selection: the caret in it, then the button beside it.
    const paragraph = page.locator(".policy-editor-content p", { hasText: "This policy was drafted by a working group" });
    await clickAtEndOf(page, paragraph);
    const commentButton = page.getByRole("button", { name: "Comment on this paragraph" });
    await commentButton.waitFor();
    const buttonBox = await commentButton.boundingBox();
    const paragraphBox = await paragraph.boundingBox();
    expect(Math.abs((buttonBox?.y ?? 0) - (paragraphBox?.y ?? 0))).toBeLessThan(30);
    await commentButton.click();
    const composer = page.getByRole("textbox", { name: "Comment", exact: true });
    await composer.waitFor();
    const commentText = "This paragraph should name the working group's members.";
    await composer.fill(commentText);
    await page.getByRole("button", { name: "Post comment" }).click();
    const thread = page.getByRole("region", { name: "Comments" }).locator(".thread-card", { hasText: commentText });
    await thread.waitFor();
    const quote = (await thread.locator(".thread-quote").textContent()) ?? "";
    expect(quote).toMatch(/^This policy was drafted by a working group/);
    // The whole paragraph, not a word of it (the card shortens a long quote).
    expect(quote.length).toBeGreaterThan(100);

    // A deep link opens the sheet on its tab.
    await page.goto(browserTest.url(`/app/policies/${policyId}#sign-off`));
    await page.getByRole("tabpanel", { name: "Sign-off" }).getByRole("region", { name: "Sign-off and approval" }).waitFor();
    expect(await page.getByRole("button", { name: /^Hide suggestions/ }).getAttribute("aria-expanded")).toBe("true");

    await page.waitForLoadState("networkidle");
    const widths = await overflow(page);
    expect(widths.scrollWidth, `page is ${widths.scrollWidth}px wide; too wide: ${widths.wider.join(" | ")}`).toBeLessThanOrEqual(390);
    expect(widths.wider).toEqual([]);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });

  it("at 390 px, keeps the facilitator's five tabs in one row that scrolls sideways, and the page no wider than the screen", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 390, height: 844 } });
    await openPolicy(page);
    await page.goto(browserTest.url(`/app/policies/${policyId}#settings`));
    const tablist = page.getByRole("tablist", { name: "Beside the draft" });
    await page.getByRole("tabpanel", { name: "Settings" }).getByRole("button", { name: "Save settings" }).waitFor();
    expect(await tablist.getByRole("tab").allTextContents()).toEqual([...tabNames]);
    expect(await rowSpread(tablist.getByRole("tab"))).toBeLessThan(10);
    expect(await tablist.evaluate((element) => getComputedStyle(element).overflowX)).toBe("auto");
    // The open tab is scrolled into view when it opens by the keyboard.
    await tablist.getByRole("tab", { name: "Settings" }).focus();
    await page.keyboard.press("Home");
    await page.getByRole("tabpanel", { name: "Suggestions" }).waitFor();
    await page.keyboard.press("End");
    await page.getByRole("tabpanel", { name: "Settings" }).waitFor();
    await eventually(async () => {
      const tabBox = await tablist.getByRole("tab", { name: "Settings" }).boundingBox();
      return (tabBox?.x ?? 1000) + (tabBox?.width ?? 0);
    }).toBeLessThanOrEqual(390);
    expect(await rowSpread(page.locator(".editor-chrome-row button"))).toBeLessThan(10);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });
});
