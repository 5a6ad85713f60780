import { describe, expect, it } from "vitest";
import { useBrowserTest } from "./browser-test.js";
import { clickAtEndOf, openDemoDraft } from "./draft-page.js";
import { browserTestTimeoutMs, waitUntil } from "./e2e-setup.js";

// The comment shortcut acts on the words the browser shows selected, even before ProseMirror has heard of
// that selection. ProseMirror reads a selection the browser made itself (Shift+Home) from the
// `selectionchange` event, an ordinary task; a busy Chromium runs input and rendering first, so Ctrl+Alt+M
// right after Shift+Home was handled on the old caret: no composer, and the "select the words" hint,
// cleared again when the event came. The keyboard-only path failed so on loaded machines (focus left in
// the draft, hint empty). Here the page holds back the selectionchange events while the words are
// selected and the shortcut is pressed, which makes that order certain.
describe("the comment shortcut on a selection the editor has not read yet", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();

  it("opens the composer on the selected words", async () => {
    const officer = await openDemoDraft(browserTest, "officer@accord.test", "officer", 1400);
    const editor = officer.locator('.policy-editor-content[contenteditable="true"]');
    await clickAtEndOf(officer, editor.locator("p", { hasText: "or the testimony of witnesses." }));
    await waitUntil(() => editor.evaluate((element) => element.contains(document.activeElement)), "the editor has the focus");

    const selected = await officer.evaluate(() => {
      // Capturing on window runs before ProseMirror's listener on the document: it never hears these.
      const holdBack = (event: Event) => event.stopImmediatePropagation();
      window.addEventListener("selectionchange", holdBack, true);
      const paragraph = Array.from(document.querySelectorAll(".policy-editor-content p")).find((p) => p.textContent?.includes("testimony"));
      const walker = document.createTreeWalker(paragraph!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf("testimony") ?? -1;
        if (at < 0) continue;
        // Backwards, as Shift+Home selects: the anchor after the word, the focus before it.
        getSelection()?.setBaseAndExtent(node, at + "testimony".length, node, at);
        break;
      }
      document.activeElement?.dispatchEvent(
        new KeyboardEvent("keydown", { key: "m", code: "KeyM", ctrlKey: true, altKey: true, bubbles: true, cancelable: true }),
      );
      // The queued selectionchange events run after this task; let them go by, then stop holding back.
      setTimeout(() => window.removeEventListener("selectionchange", holdBack, true), 500);
      return getSelection()?.toString();
    });
    expect(selected).toBe("testimony");

    const composer = officer.getByRole("textbox", { name: "Comment", exact: true });
    const hint = officer.locator("#comment-bar-hint");
    await waitUntil(
      async () => (await composer.count()) > 0 || ((await hint.textContent()) ?? "") !== "",
      "the composer opens, or the Comment button says why not",
    );
    expect(await hint.textContent()).toBe("");
    await waitUntil(() => composer.evaluate((element) => element === document.activeElement), "the composer has the focus");
    const card = officer.getByRole("region", { name: "Comments" }).locator(".thread-card-new");
    expect((await card.locator(".thread-quote").textContent())?.trim()).toBe("testimony");
    expect(browserTest.problems).toEqual([]);
  });
});
