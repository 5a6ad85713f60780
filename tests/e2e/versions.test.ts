import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs } from "./e2e-setup.js";

// An editor's round trip through versions, in the browser, on the built server: save a version, type,
// save another, see the typed sentence as an insertion in the redline between them, restore the first
// one and watch the live editor lose the sentence, then read the version's content hash where it opens, on the Versions tab.
// The steps build on each other, as they would for the officer. Nothing may trip the CSP.
describe("versions of the body-worn camera draft in the browser", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  /** Page errors and CSP violations, for the final check of each step and for failure messages. */
  const problems = browserTest.problems;
  /** The officer's page, signed in by the first step; the later steps build on it. */
  let page: Page;
  let policyId = "";

  const sentence = "Footage of a juvenile witness stays sealed unless a judge orders its release.";
  /** The numbers the server gives the officer's two versions (the demo may already hold some). */
  let before = 0;
  let after = 0;

  const editor = () => page.locator(".policy-editor-content");
  const versionsRegion = () => page.getByRole("region", { name: "Versions" });

  /**
   * Waits until the live draft has arrived over the WebSocket (the demo draft begins with a section),
   * then opens the side panel's Versions tab, where the save form and the timeline are.
   */
  async function waitForDraft(): Promise<void> {
    await page.getByRole("heading", { name: "Draft", exact: true }).waitFor();
    await page.locator(".policy-editor-content .section-number").first().waitFor();
    await page.getByRole("tab", { name: "Versions" }).click();
  }

  /** Saves the draft as a version with this label through the form, and returns its number. */
  async function saveVersion(label: string): Promise<number> {
    const form = page.getByRole("form", { name: "Save a version" });
    await form.getByLabel("Label", { exact: true }).fill(label);
    await form.getByRole("button", { name: "Save version" }).click();
    const notice = form.locator(".notice").filter({ hasText: /^Version \d+ was saved/ });
    await notice.waitFor();
    const number = Number(/^Version (\d+)/.exec((await notice.textContent()) ?? "")?.[1]);
    // The timeline reloads after saving and lists the new version.
    await versionsRegion()
      .getByRole("heading", { name: `Version ${number}: ${label}` })
      .waitFor();
    return number;
  }

  it("saves a version, then another after typing, and shows the typed sentence as inserted between them", async () => {
    page = await browserTest.signIn("officer@accord.test", { who: "officer", viewport: { width: 1100, height: 900 } });
    const policyLink = page.getByRole("link", { name: "Body-Worn Camera Policy" });
    await policyLink.waitFor();
    policyId = /\/app\/policies\/([0-9a-f-]{36})$/.exec((await policyLink.getAttribute("href")) ?? "")?.[1] ?? "";
    expect(policyId).not.toBe("");
    await policyLink.click();
    await waitForDraft();

    before = await saveVersion("Before my change");

    const editable = page.locator('.policy-editor-content[contenteditable="true"]');
    await editable.waitFor();
    await editable.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type(sentence, { delay: 5 });
    // A version is made from what the server has committed, so the typing must be saved first.
    await page
      .locator(".save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();

    after = await saveVersion("After my change");
    expect(after).toBe(before + 1);

    await versionsRegion()
      .getByRole("link", { name: `Compare version ${before} with draft` })
      .click();
    await page.getByRole("heading", { name: "Compare versions" }).waitFor();
    await page.getByLabel("To", { exact: true }).selectOption(String(after));
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await page.waitForURL(new RegExp(`/compare\\?from=${before}&to=${after}$`));
    await page.getByRole("heading", { name: new RegExp(`^Changes from version ${before}\\b.* to version ${after}\\b`) }).waitFor();
    await page.locator(".redline ins", { hasText: sentence }).first().waitFor();
    expect(await page.locator(".redline del", { hasText: sentence }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /Printable redline/ }).getAttribute("href")).toBe(
      `/api/policies/${policyId}/redline.html?from=${before}&to=${after}`,
    );
    expect(problems).toEqual([]);
  });

  it("restores the first version after an in-page confirmation, and the live editor loses the sentence", async () => {
    await page.getByRole("link", { name: "Body-Worn Camera Policy" }).click();
    await waitForDraft();
    await editor().filter({ hasText: sentence }).waitFor();

    const timeline = versionsRegion();
    await timeline.getByRole("button", { name: `Restore version ${before}` }).click();
    const confirmation = timeline.getByRole("group", { name: `Restore version ${before}? The draft will change for everyone editing it.` });
    await confirmation.waitFor();
    await confirmation.getByRole("button", { name: `Yes, restore version ${before}` }).click();

    await timeline.getByText(`The draft now has the text of version ${before}.`, { exact: false }).waitFor();
    // The restore reaches this editor as a live change through Yjs; the page is not reloaded.
    await editor().filter({ hasText: sentence }).waitFor({ state: "detached" });
    await page.locator(".policy-editor-content .section-number").first().waitFor();
    expect(problems).toEqual([]);
  });

  it("shows a version's 64-hex content hash, its text and its downloads on the Versions tab, at its own address", async () => {
    await versionsRegion()
      .getByRole("link", { name: `View version ${after}` })
      .click();
    const shown = page.getByRole("region", { name: `Version ${after}: After my change` });
    await shown.waitFor();
    await page.waitForURL(new RegExp(`/app/policies/${policyId}/versions/${after}$`));

    const hash = (await shown.locator(".content-hash").textContent()) ?? "";
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // The hash shown is the one the server stored for this version.
    const listed = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: "same-origin" });
      return (await response.json()) as { versions: { number: number; contentHash: string }[] };
    }, `/api/policies/${policyId}/versions`);
    expect(listed.versions.find((version) => version.number === after)?.contentHash).toBe(hash);
    expect(listed.versions.find((version) => version.number === before)?.contentHash).not.toBe(hash);

    await shown.locator(".version-text", { hasText: sentence }).waitFor();
    expect(await shown.getByRole("link", { name: `Version ${after} as PDF` }).getAttribute("href")).toBe(
      `/api/policies/${policyId}/versions/${after}/export/pdf`,
    );
    expect(problems).toEqual([]);
  });
});
