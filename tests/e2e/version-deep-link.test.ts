import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowserTest } from "./browser-test.js";
import { browserHookTimeoutMs, browserTestTimeoutMs, eventually } from "./e2e-setup.js";
import { AccordApi, createPolicy, saveVersion, writeDraft } from "./publish-via-api.js";

// Issue 16, item 1: a version's address (`/app/policies/<id>/versions/3`) opens the policy's page, the
// draft at full height, with the side panel on the Versions tab and version 3 open in it (its text, its
// content hash, its restore); choosing another version there, leaving the tab and closing the version keep
// the address in step, so that what is on screen can be shared; a number with no version says so in the
// tab. Each width loads the address cold, in a new page.
describe("a version's address opens the draft with the Versions tab on that version", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  const problems = browserTest.problems;
  let policyId = "";
  let demoPolicyId = "";
  const texts = [
    "First text: cameras record every traffic stop.",
    "Second text: cameras record every stop and every search.",
    "Third text: cameras record every stop, search and arrest.",
  ];

  beforeAll(async () => {
    const api = new AccordApi(browserTest.origin);
    const facilitator = await api.login("facilitator@accord.test");
    policyId = await createPolicy(api, facilitator, {
      title: "Version Links Policy",
      slug: "version-links",
      summary: "Three saved versions to link to.",
    });
    const { policies } = (await api.expect(facilitator, "GET", "/api/policies", undefined)) as { policies: { id: string; slug: string }[] };
    demoPolicyId = policies.find((policy) => policy.slug === "body-worn-cameras")?.id ?? "";
    for (const [index, text] of texts.entries()) {
      await writeDraft(api, facilitator, policyId, [{ kind: "paragraph", text }], text);
      await saveVersion(api, facilitator, policyId, `Label ${index + 1}`, "");
    }
  }, browserHookTimeoutMs);

  const versionsTab = (page: Page) => page.getByRole("tablist", { name: "Beside the draft" }).getByRole("tab", { name: "Versions" });
  const openVersion = (page: Page, number: number) => page.getByRole("region", { name: `Version ${number}: Label ${number}` });
  const address = (page: Page) => {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}${url.hash}`;
  };

  /** Loads `/versions/3` cold and checks what it opens: the draft, the Versions tab selected, version 3 in it. */
  async function loadVersionThree(page: Page): Promise<void> {
    await page.goto(browserTest.url(`/app/policies/${policyId}/versions/3`));
    await page.locator(".policy-editor-content", { hasText: texts[2] }).waitFor();
    await eventually(() => versionsTab(page).getAttribute("aria-selected")).toBe("true");
    const version = openVersion(page, 3);
    await version.locator(".version-text", { hasText: texts[2] }).waitFor();
    expect(await version.locator(".content-hash").textContent()).toMatch(/^[0-9a-f]{64}$/);
    await version.getByRole("button", { name: "Restore version 3" }).waitFor();
    await version.getByRole("button", { name: "Restore version 3" }).scrollIntoViewIfNeeded();
    expect(await version.getByRole("button", { name: "Restore version 3" }).isVisible()).toBe(true);
    // Version 3's entry in the timeline is marked as the open one; the other tabs' panels are hidden.
    expect(await page.locator('.version-entry[aria-current="true"] .version-entry-title').textContent()).toBe("Version 3: Label 3");
    expect(await page.getByRole("tabpanel").count()).toBe(1);
    expect(address(page)).toBe(`/app/policies/${policyId}/versions/3`);
  }

  /** Chooses version 1 in the timeline, then leaves the tab, comes back and closes it, following the address. */
  async function chooseAndLeave(page: Page): Promise<void> {
    const panel = page.getByRole("tabpanel", { name: "Versions" });
    await panel.getByRole("link", { name: "View version 1" }).click();
    await openVersion(page, 1).locator(".version-text", { hasText: texts[0] }).waitFor();
    await eventually(() => address(page)).toBe(`/app/policies/${policyId}/versions/1`);
    expect(await openVersion(page, 3).count()).toBe(0);
    // The focus goes to the version just opened, not to the top of the page (once it has rendered: on a
    // busy machine the focus can still be on the link clicked when the text appears).
    await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Version 1: Label 1");
    // The draft stayed open: the same editor, not a new page.
    expect(await page.locator(".policy-editor-content", { hasText: texts[2] }).count()).toBe(1);

    await page.getByRole("tab", { name: "Sign-off" }).click();
    await eventually(() => address(page)).toBe(`/app/policies/${policyId}#sign-off`);
    expect(await page.getByRole("tab", { name: "Sign-off" }).getAttribute("aria-selected")).toBe("true");
    await versionsTab(page).click();
    await eventually(() => address(page)).toBe(`/app/policies/${policyId}/versions/1`);
    await openVersion(page, 1).getByRole("button", { name: "Close version 1" }).click();
    await eventually(() => address(page)).toBe(`/app/policies/${policyId}#versions`);
    expect(await page.locator(".version-details").count()).toBe(0);

    // The address, copied after choosing a version, opens that version in another page.
    await panel.getByRole("link", { name: "View version 2" }).click();
    await eventually(() => address(page)).toBe(`/app/policies/${policyId}/versions/2`);
    const shared = await browserTest.newPage("a colleague", {
      viewport: page.viewportSize() ?? undefined,
      storageState: await page.context().storageState(),
    });
    await shared.goto(page.url());
    await openVersion(shared, 2).locator(".version-text", { hasText: texts[1] }).waitFor();
    expect(await versionsTab(shared).getAttribute("aria-selected")).toBe("true");
  }

  it("at 1400 px, opens version 3 beside the draft, and the address follows the version chosen and the tab", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1400, height: 900 } });
    await loadVersionThree(page);
    // Beside the draft, not instead of it: the editor starts within the first screen.
    expect((await page.locator(".policy-editor-content").boundingBox())?.y).toBeLessThan(450);
    await chooseAndLeave(page);
    expect(problems).toEqual([]);
  });

  it("at 390 px, opens the sheet below the draft on version 3, and the address follows", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 390, height: 844 } });
    await loadVersionThree(page);
    expect(await page.getByRole("button", { name: /^Hide suggestions/ }).getAttribute("aria-expanded")).toBe("true");
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
    await chooseAndLeave(page);
    expect(problems).toEqual([]);
  });

  it("opens a version on the Versions tab from a link elsewhere on the page, without reloading the draft", async () => {
    expect(demoPolicyId).not.toBe("");
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1400, height: 900 } });
    await page.goto(browserTest.url(`/app/policies/${demoPolicyId}#sign-off`));
    const signOff = page.getByRole("tabpanel", { name: "Sign-off" });
    const inForce = signOff.locator(".in-force").getByRole("link", { name: "version 1" });
    await inForce.waitFor();
    await page.locator(".policy-editor-content .section-number").first().waitFor();
    // A mark on this page's window: it survives only if the page is not loaded again.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    await inForce.click();
    await eventually(() => address(page)).toBe(`/app/policies/${demoPolicyId}/versions/1`);
    await page
      .getByRole("tabpanel", { name: "Versions" })
      .getByRole("region", { name: /^Version 1\b/ })
      .locator(".version-text")
      .waitFor();
    expect(await versionsTab(page).getAttribute("aria-selected")).toBe("true");
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    expect(await page.locator(".policy-editor-content .section-number").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("says in the tab when the address names no version", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1400, height: 900 } });
    await page.goto(browserTest.url(`/app/policies/${policyId}/versions/99`));
    const panel = page.getByRole("tabpanel", { name: "Versions" });
    await panel.getByRole("heading", { name: "There is no version 99" }).waitFor();
    expect(await panel.textContent()).toContain("This policy has no version 99.");
    expect(await versionsTab(page).getAttribute("aria-selected")).toBe("true");
    // The timeline is there to choose from, and the draft beside it.
    await panel.getByRole("link", { name: "View version 3" }).waitFor();
    await page.locator(".policy-editor-content", { hasText: texts[2] }).waitFor();

    await page.goto(browserTest.url(`/app/policies/${policyId}/versions/latest`));
    await panel.getByRole("heading", { name: "No such version" }).waitFor();
    expect(await panel.textContent()).toContain("“latest” is not a version number.");
    expect(problems).toEqual([]);
  });
});
