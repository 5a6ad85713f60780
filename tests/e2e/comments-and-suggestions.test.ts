import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { suggestionBatchMs } from "../../apps/web/src/editor/outgoing-updates.js";
import { useBrowserTest } from "./browser-test.js";
import { clickAtEndOf, countDraftUpdatesSent, openDemoDraft } from "./draft-page.js";
import { browserTestTimeoutMs, eventually } from "./e2e-setup.js";

// The community advocate (a commenter, always in suggestion mode) and the police sergeant (an editor)
// open the body-worn camera draft in two browsers. The advocate suggests words and comments on others,
// mentioning the sergeant; the sergeant sees both live, accepts the suggestion, replies and resolves
// the thread; the advocate sees that live too. Nothing the pages do may trip the Content-Security-Policy.
describe("comments and suggestions in the browser", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  const problems = browserTest.problems;
  let advocate: Page;
  let officer: Page;

  const suggested = " Recordings never replace community oversight.";
  const commentText = "Witness statements should stay in this sentence.";

  async function openDraftAs(email: string, who: string): Promise<Page> {
    // Wide enough for the comments margin beside the text.
    const page = await openDemoDraft(browserTest, email, who, 1400);
    await page.locator('.policy-editor-content[contenteditable="true"]').waitFor();
    return page;
  }

  const comments = (page: Page) => page.getByRole("region", { name: "Comments" });
  const editor = (page: Page) => page.locator(".policy-editor-content");
  /** The Purpose section's first paragraph, which ends "…or the testimony of witnesses." */
  const purpose = (page: Page) => editor(page).locator("p", { hasText: "or the testimony of witnesses." });
  const saved = (page: Page) =>
    page
      .locator(".save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();

  it("lets a commenter suggest words, which everyone sees live as their suggestion", async () => {
    advocate = await openDraftAs("advocate@accord.test", "advocate");
    officer = await openDraftAs("officer@accord.test", "officer");
    await advocate.getByText("Your changes are suggestions; an editor accepts or rejects them.").waitFor();
    // A commenter has no formatting at all.
    expect(await advocate.getByRole("button", { name: "B", exact: true }).count()).toBe(0);

    await clickAtEndOf(advocate, purpose(advocate));
    const updates = await countDraftUpdatesSent(advocate);
    const typingStarted = performance.now();
    await advocate.keyboard.type(suggested, { delay: 5 });
    const typingMs = performance.now() - typingStarted;
    const advocateInsertion = editor(advocate).locator("ins.suggestion-insertion", { hasText: suggested.trim() });
    await advocateInsertion.waitFor();
    // At the end of the paragraph, where the caret was put (a wrapped line's end would be mid-sentence).
    expect(await purpose(advocate).innerText()).toMatch(/or the testimony of witnesses\. Recordings never replace community oversight\.$/);
    expect(await advocateInsertion.getAttribute("data-affiliation")).toBe("community");
    await editor(officer).locator("ins.suggestion-insertion", { hasText: suggested.trim() }).waitFor();
    await saved(advocate);
    // The server checks each update of a commenter against the whole draft, and charges the time to their
    // account: the sentence went out in a few merged updates (at most one per batch interval), not one
    // per keystroke, which on a busy server used up the budget before the sentence ended (4429).
    await updates.stop();
    expect(updates.count).toBeGreaterThan(0);
    expect(updates.count).toBeLessThanOrEqual(Math.ceil(typingMs / suggestionBatchMs) + 2);

    // A new paragraph cannot be a suggestion: the editor says so and the text stays as it was.
    const paragraphs = await editor(advocate).locator("p").count();
    await advocate.keyboard.press("Enter");
    await advocate.getByText(/In suggestion mode you can change words within a paragraph/).waitFor();
    expect(await editor(advocate).locator("p").count()).toBe(paragraphs);
    expect(await advocate.getByRole("alert").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("lets a commenter comment on exact words, mentioning an editor, who sees the thread live", async () => {
    // Select the word "testimony", as a drag over it would.
    await purpose(advocate).scrollIntoViewIfNeeded();
    await advocate.evaluate(() => {
      const paragraph = Array.from(document.querySelectorAll(".policy-editor-content p")).find((p) => p.textContent?.includes("testimony"));
      const walker = document.createTreeWalker(paragraph!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf("testimony") ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + "testimony".length);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        return;
      }
    });
    const commentButton = advocate.getByRole("button", { name: "Comment", exact: true });
    await eventually(() => commentButton.getAttribute("aria-disabled")).not.toBe("true");
    await commentButton.click();
    const composer = advocate.getByRole("textbox", { name: "Comment", exact: true });
    await composer.waitFor();
    await composer.pressSequentially(`${commentText} @Sgt`, { delay: 5 });
    await advocate.getByRole("option", { name: /Sgt\. Marcus Reyes/ }).click();
    await advocate.getByRole("button", { name: "Post comment" }).click();
    await comments(advocate).getByText(commentText).waitFor();

    // The editor sees the new thread without a reload, on its quoted word, with the mention.
    const thread = comments(officer).locator(".thread-card", { hasText: commentText });
    await thread.waitFor();
    expect(await thread.innerText()).toContain("testimony");
    expect(await thread.innerText()).toContain("@Sgt. Marcus Reyes");
    // …and was notified of the mention.
    const notifications = await officer.evaluate(async () => (await (await fetch("/api/notifications")).json()) as unknown);
    expect(JSON.stringify(notifications)).toContain("Jamal Carter mentioned you");
    expect(problems).toEqual([]);
  });

  it("lets an editor accept the suggestion, and reply to and resolve the thread, seen live by the commenter", async () => {
    const entry = officer.locator(".suggestion-entry", { hasText: suggested.trim() });
    await entry.waitFor();
    await entry.getByRole("button", { name: "Accept", exact: true }).click();
    // The words are now the policy's own text for both: no longer a suggestion, still there.
    for (const page of [officer, advocate]) {
      await eventually(() => editor(page).locator("ins.suggestion-insertion", { hasText: suggested.trim() }).count()).toBe(0);
      expect(await purpose(page).innerText()).toContain(suggested.trim());
    }
    // The decision counts for the advocate's affiliation.
    await officer.locator(".authorship", { hasText: "Community organisation" }).waitFor();

    const thread = comments(officer).locator(".thread-card", { hasText: commentText });
    await thread.getByRole("button", { name: "Reply" }).click();
    await thread.getByRole("textbox", { name: "Reply" }).fill("Agreed; it stays.");
    await thread.getByRole("button", { name: "Post reply" }).click();
    await comments(advocate).getByText("Agreed; it stays.").waitFor();

    await thread.getByRole("button", { name: "Resolve" }).click();
    // The advocate's open list loses it live; it is still readable under "Resolved".
    await comments(advocate).locator(".thread-card", { hasText: commentText }).waitFor({ state: "detached" });
    await comments(advocate).getByLabel("Resolved").check();
    const resolved = comments(advocate).locator(".thread-card", { hasText: commentText });
    await resolved.waitFor();
    await resolved.getByRole("button", { name: "Reopen" }).waitFor();
    await saved(officer);
    expect(problems).toEqual([]);
  });
});
