import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs, eventually } from "./e2e-setup.js";
import { AccordApi, type Session } from "./publish-via-api.js";

// A bug seen once in a browser test: a suggestion typed in the middle of a sentence, then End, then more
// words, and the sentence had lost its last three characters ("st."). Here a commenter (always in
// suggestion mode) does exactly that, several times at several typing speeds, each time in a sentence of
// its own that fits on one line (so End goes to the end of the sentence, not of a wrapped line), and the
// exact resulting text is checked in the browser and in the draft the server stored.
describe("typing a suggestion mid-sentence, then End, then more", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  /** Each attempt's typing delay in milliseconds: the commenter's six, then the editor's six. */
  const attempts = [0, 5, 20, 50, 0, 10, 0, 5, 20, 50, 0, 10] as const;
  const sentence = (attempt: number) => `Officers keep recording ${attempt + 1} for one year at least.`;
  /** What the stored draft should hold, as the attempts change it. */
  const expected = attempts.map((_, attempt) => sentence(attempt));
  let api: AccordApi;
  let facilitator: Session;
  let policyId = "";

  beforeAll(async () => {
    api = new AccordApi(browserTest.origin);
    facilitator = await api.login("facilitator@accord.test");
    const accounts = (await api.expect(facilitator, "GET", "/api/accounts", undefined, [200]))["accounts"] as {
      id: string;
      email: string;
    }[];
    const advocate = accounts.find((account) => account.email === "advocate@accord.test")!;
    const officer = accounts.find((account) => account.email === "officer@accord.test")!;
    const created = await api.expect(
      facilitator,
      "POST",
      "/api/policies",
      {
        title: "Recording Retention",
        members: [
          { userId: advocate.id, role: "commenter", affiliation: "community" },
          { userId: officer.id, role: "editor", affiliation: "police" },
        ],
        start: {
          kind: "markdown",
          fileName: "retention.md",
          text: `# Retention\n\n${attempts.map((_, attempt) => sentence(attempt)).join("\n\n")}\n`,
        },
      },
      [201],
    );
    policyId = (created["policy"] as { id: string }).id;
  });

  /** Clicks just inside the left edge of the first character of `word` in `block`, putting the caret before it. */
  async function clickBefore(page: Page, block: Locator, word: string): Promise<void> {
    // A click by coordinates lands only inside the viewport: the last sentences sit below the fold under
    // the page's header and sticky controls.
    await block.scrollIntoViewIfNeeded();
    const point = await block.evaluate((element, target) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? "").indexOf(target);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + 1, y: rect.top + rect.height / 2 };
      }
      throw new Error(`"${target}" is not in the block.`);
    }, word);
    await page.mouse.click(point.x, point.y);
  }

  /** How many lines the block's text takes on screen. */
  const linesOf = (block: Locator) =>
    block.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
    });

  /** The text of each paragraph of the draft the server stores. */
  async function storedParagraphs(): Promise<string[]> {
    const draft = (await api.expect(facilitator, "GET", `/api/policies/${policyId}/draft`, undefined, [200]))["draft"] as {
      content: { content: { type: string; content?: { text?: string }[] }[] };
    };
    return draft.content.content
      .filter((block) => block.type === "paragraph")
      .map((block) => (block.content ?? []).map((inline) => inline.text ?? "").join(""));
  }

  /** Opens the policy's draft as `email`, ready to type. */
  async function openDraft(email: string, who: string): Promise<{ page: Page; editor: Locator }> {
    const page = await browserTest.signIn(email, { who, viewport: { width: 1400, height: 900 } });
    await page.goto(browserTest.url(`/app/policies/${policyId}`));
    const editor = page.locator('.policy-editor-content[contenteditable="true"]');
    await editor.waitFor();
    return { page, editor };
  }

  /** The attempts from `first` to `last`: click mid-sentence, type, End, type more; the exact text checked each time. */
  async function typeAttempts(page: Page, editor: Locator, first: number, last: number): Promise<void> {
    for (let attempt = first; attempt <= last; attempt++) {
      const delay = attempts[attempt];
      const block = editor.locator("p", { hasText: `recording ${attempt + 1} for` });
      await block.waitFor();
      expect(await linesOf(block), `sentence ${attempt + 1} fits on one line, so End goes to its end`).toBe(1);
      await clickBefore(page, block, `recording ${attempt + 1}`);
      await page.keyboard.type("each new ", { delay });
      await page.keyboard.press("End");
      await page.keyboard.type(" Then delete it.", { delay });
      expected[attempt] = `Officers keep each new recording ${attempt + 1} for one year at least. Then delete it.`;
      await eventually(() => block.textContent()).toBe(expected[attempt]);
      // Both runs of words are suggestions, and the original text is untouched.
      expect(await block.locator("ins.suggestion-insertion").allTextContents()).toEqual(["each new ", " Then delete it."]);
    }
    await page
      .locator(".save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();
  }

  it("keeps every character of the sentence for a commenter, with the words typed where they were typed", async () => {
    const { page, editor } = await openDraft("advocate@accord.test", "advocate");
    await page.getByText("Your changes are suggestions; an editor accepts or rejects them.").waitFor();
    await typeAttempts(page, editor, 0, 5);
    await eventually(storedParagraphs).toEqual(expected);
    expect(browserTest.problems).toEqual([]);
  });

  it("keeps every character of the sentence for an editor who switched suggestion mode on", async () => {
    const { page, editor } = await openDraft("officer@accord.test", "officer");
    await page.getByRole("button", { name: "Suggest changes" }).click();
    await page.getByText("Your edits are tracked as suggestions.").waitFor();
    await typeAttempts(page, editor, 6, 11);
    await eventually(storedParagraphs).toEqual(expected);
    expect(browserTest.problems).toEqual([]);
  });
});
