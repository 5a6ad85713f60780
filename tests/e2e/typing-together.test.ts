import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowserTest } from "./browser-test.js";
import { clickAtEndOf, openDemoDraft } from "./draft-page.js";
import { browserTestTimeoutMs, waitUntil } from "./e2e-setup.js";

// Two editors put their carets at the same spot, the end of one paragraph, and type at the same time,
// letter by letter in turn, so each letter reaches the other page before the next one is typed. Before
// the caret was tied to the character before it (apps/web/src/editor/caret-association.ts), each caret
// moved past the other's letter and the words came out braided ("OCfiftiicezre nw owrodrsd", issue 16).
// The words start with a space and hold more: before typed text was written where it was typed
// (typed-text.ts), a space typed just before the other person's space was taken as typed after it, so
// one person's space sat inside the other's words, and their undo took a letter out of the wrong place.
describe("two editors typing at one spot", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();

  // The words of the report, each typed after the paragraph's full stop.
  const officerWords = " Officer new words";
  const citizenWords = " Citizen words";

  async function openDraftAs(email: string, who: string): Promise<Page> {
    const page = await openDemoDraft(browserTest, email, who, 1400);
    await page.locator('.policy-editor-content[contenteditable="true"]').waitFor();
    return page;
  }

  /** The Purpose section's first paragraph, which ends "…or the testimony of witnesses." */
  const purpose = (page: Page) => page.locator(".policy-editor-content p", { hasText: "or the testimony of witnesses." });
  /** That paragraph's text, without the other people's carets (widgets inside it that show their names). */
  const purposeText = (page: Page) =>
    purpose(page).evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".ProseMirror-yjs-cursor").forEach((caret) => caret.remove());
      return copy.textContent ?? "";
    });

  it("keeps each person's words together", async () => {
    const officer = await openDraftAs("officer@accord.test", "officer");
    const citizen = await openDraftAs("citizen@accord.test", "citizen");
    const original = await purposeText(officer);

    await clickAtEndOf(officer, purpose(officer));
    await clickAtEndOf(citizen, purpose(citizen));
    // Each sees the other's caret at the same spot before typing starts.
    await officer.locator(".ProseMirror-yjs-cursor", { hasText: "Priya Natarajan" }).waitFor();
    await citizen.locator(".ProseMirror-yjs-cursor", { hasText: "Sgt. Marcus Reyes" }).waitFor();

    // Both type at once, a letter every 150 ms, offset by half a letter, so that the letters alternate.
    const typedAt: { who: string; at: number }[] = [];
    const typeSlowly = async (page: Page, who: string, words: string, startDelayMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, startDelayMs));
      for (const letter of words) {
        await page.keyboard.type(letter);
        typedAt.push({ who, at: performance.now() });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    await Promise.all([typeSlowly(officer, "officer", officerWords, 0), typeSlowly(citizen, "citizen", citizenWords, 75)]);

    // Both pages end with the same paragraph, holding everything both typed.
    const expectedLength = original.length + officerWords.length + citizenWords.length;
    let seen: string[] = [];
    await waitUntil(async () => {
      seen = await Promise.all([purposeText(officer), purposeText(citizen)]);
      return seen[0] === seen[1] && seen[0]?.length === expectedLength;
    }, "both pages show the same paragraph with both people's letters").catch((error: unknown) => {
      throw new Error(`${String(error)}; the officer sees ${JSON.stringify(seen[0])}, the citizen ${JSON.stringify(seen[1])}`);
    });

    const result = await purposeText(officer);
    expect(result.startsWith(original)).toBe(true);
    const added = result.slice(original.length);
    // Each person's words are contiguous: one run after the other, in either order.
    expect([officerWords + citizenWords, citizenWords + officerWords]).toContain(added);
    // The typing did overlap: the two people's letters alternated in time at least a few times.
    const switches = typedAt.filter((entry, index) => index > 0 && typedAt[index - 1]?.who !== entry.who).length;
    expect(switches).toBeGreaterThanOrEqual(5);

    for (const page of [officer, citizen]) {
      await page
        .locator(".save-status")
        .filter({ hasText: /^Saved$/ })
        .waitFor();
    }
    // The officer's undo takes back exactly the officer's words: every letter typed was the officer's own
    // in the shared document, where it shows. Typing pauses of over half a second (a busy machine) make
    // separate undo steps; there are at most as many as letters, and an undo with none left does nothing.
    for (let step = 0; step < officerWords.length; step++) await officer.keyboard.press("Control+z");
    const citizenOnly = original + citizenWords;
    await waitUntil(
      async () => (await purposeText(officer)) === citizenOnly && (await purposeText(citizen)) === citizenOnly,
      "both pages show the paragraph with the citizen's words alone",
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; the officer sees ${JSON.stringify(await purposeText(officer))}`);
    });
    for (const page of [officer, citizen]) {
      await page
        .locator(".save-status")
        .filter({ hasText: /^Saved$/ })
        .waitFor();
    }

    // A newcomer gets the same paragraph from the server.
    const prosecutor = await openDraftAs("prosecutor@accord.test", "prosecutor");
    await waitUntil(async () => (await purposeText(prosecutor)) === citizenOnly, "the server holds the paragraph as both pages show it");
    expect(browserTest.problems).toEqual([]);
  });
});
