import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs } from "./e2e-setup.js";

// Issue 17: the public comments on a section of the demo's "Use of Force Reporting" from a phone, with
// script turned off and on (the public site sends none; the form must work either way), and every new
// page, public and in the app, passes axe's WCAG 2.1 A and AA rules.
describe("public comment periods in a browser", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  const slug = "use-of-force-reporting";
  const phone = { width: 390, height: 844 };

  async function expectNoViolation(page: Page, what: string): Promise<void> {
    const { passes, violations, report } = await runAxe(page);
    expect(passes, `axe ran its rules on ${what}`).toBeGreaterThan(5);
    expect(violations, `axe violations on ${what}:\n${report}`).toEqual([]);
  }

  for (const javaScriptEnabled of [false, true]) {
    it(`comments on section 2 from a phone with script ${javaScriptEnabled ? "on" : "off"}`, async () => {
      const page = await browserTest.newPage(`resident (script ${javaScriptEnabled ? "on" : "off"})`, {
        viewport: phone,
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled,
      });
      await page.goto(browserTest.url(`/policies/${slug}`));
      await page.getByRole("link", { name: "Comment on section 2", exact: true }).click();
      await page.getByRole("heading", { name: "Comment on section 2: When a Report Is Required", exact: true }).waitFor();
      const text = `From a phone with script ${javaScriptEnabled ? "on" : "off"}: report within the hour.`;
      await page.getByLabel("Your comment", { exact: true }).fill(text);
      await page.getByLabel("Words of the section you comment on (optional)", { exact: true }).fill("Pointing a firearm at a person");
      await page.getByRole("button", { name: "Send comment", exact: true }).click();
      await page.getByRole("heading", { name: "Thank you: your comment was received", exact: true }).waitFor();
      // Waiting for a moderator, so not public yet; the page counts it.
      await page.goto(browserTest.url(`/policies/${slug}/comments`));
      expect(await page.content()).not.toContain(text);
    });
  }

  it("shows a phone-sized form's problems without script, linked to the field", async () => {
    const page = await browserTest.newPage("resident (blank)", { viewport: phone, isMobile: true, javaScriptEnabled: false });
    await page.goto(browserTest.url(`/policies/${slug}/comments/sections/3`));
    await page.getByRole("button", { name: "Send comment", exact: true }).click();
    await page.getByRole("heading", { name: "There is a problem", exact: true }).waitFor();
    await page.getByRole("link", { name: "Write your comment.", exact: true }).click();
    expect(await page.evaluate(() => document.activeElement?.id ?? location.hash)).toMatch(/body/);
  });

  it("has no axe violation on the new public pages: the period, a section's form, the form with errors, the thanks page", async () => {
    const page = await browserTest.newPage("axe (public)", { bypassCSP: true, viewport: phone });
    for (const pathname of [
      `/policies/${slug}/comments`,
      `/policies/${slug}/comments/sections/2`,
      `/policies/${slug}/comments/thanks?received`,
      "/policies",
    ]) {
      await page.goto(browserTest.url(pathname));
      await expectNoViolation(page, pathname);
    }
    await page.goto(browserTest.url(`/policies/${slug}/comments/sections/2`));
    await page.getByRole("button", { name: "Send comment", exact: true }).click();
    await page.getByRole("heading", { name: "There is a problem", exact: true }).waitFor();
    await expectNoViolation(page, "the form with its problems");
  });

  it("has no axe violation on the app's comment period page, and moderates a comment there", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const href = (await page.getByRole("link", { name: "Use of Force Reporting", exact: true }).getAttribute("href")) ?? "";
    await page.goto(browserTest.url(`${href}/public-comment`));
    await page.getByRole("heading", { name: "Public comment on Use of Force Reporting", exact: true }).waitFor();
    await page.getByRole("heading", { name: /^Moderation queue/ }).waitFor();
    await expectNoViolation(page, "the app's comment period page");
    const queued = page.locator("li.card", { hasText: "Who reviews a report when the supervisor was there?" });
    await queued.getByRole("button", { name: "Publish", exact: true }).click();
    await queued.waitFor({ state: "detached" });
    const publicPage = await browserTest.newPage("resident (after moderation)");
    await publicPage.goto(browserTest.url(`/policies/${slug}/comments`));
    expect(await publicPage.content()).toContain("Who reviews a report when the supervisor was there?");
  });
});
