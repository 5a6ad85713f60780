import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs, demoPassword } from "./e2e-setup.js";

// Issue 18, item 8: the demo officer acknowledges the body-worn camera policy on a phone-sized screen,
// and every screen on the way (and the facilitator's roster and report) passes axe's WCAG 2.1 A and AA
// rules. The contexts bypass the CSP only so that axe's own script may run.
describe("an officer acknowledges a policy on a phone", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();

  async function expectNoViolation(page: Page, what: string): Promise<void> {
    const { passes, violations, report } = await runAxe(page);
    expect(passes, `axe ran its rules on ${what}`).toBeGreaterThan(5);
    expect(violations, `axe violations on ${what}:\n${report}`).toEqual([]);
  }

  /** Nothing is wider than the screen: the text, the hash and the statement wrap. */
  async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.page, `${what} fits the screen's width`).toBeLessThanOrEqual(widths.screen);
  }

  it("finds the policy to acknowledge, reads it, confirms the statement with their password, and sees it acknowledged", async () => {
    const page = await browserTest.signIn("patrol@accord.test", {
      bypassCSP: true,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(browserTest.url("/app/acknowledgements"));
    const link = page.getByRole("link", { name: "Body-Worn Camera Policy, version 1", exact: true });
    await link.waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "the list of policies to acknowledge");
    await expectNoSidewaysScroll(page, "the list");

    await link.click();
    await page.getByRole("heading", { level: 1, name: "Body-Worn Camera Policy, version 1", exact: true }).waitFor();
    await page.getByRole("heading", { name: "The published text", exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "the acknowledgement screen");
    await expectNoSidewaysScroll(page, "the acknowledgement screen");

    const statement = page.getByRole("checkbox", {
      name: /^I have read version 1 of "Body-Worn Camera Policy", the text whose SHA-256 content hash is [0-9a-f]{64}, and I will follow it\.$/,
    });
    const acknowledge = page.getByRole("button", { name: "Acknowledge version 1", exact: true });
    // A wrong password is refused, and nothing is recorded.
    await statement.check();
    await page.getByLabel("Your password", { exact: true }).fill("not the password");
    await acknowledge.click();
    await page.getByText("The current password is not correct.", { exact: false }).waitFor();
    await page.getByLabel("Your password", { exact: true }).fill(demoPassword);
    await acknowledge.click();
    await page.getByText("You acknowledged this version on", { exact: false }).waitFor();
    await expect(acknowledge.count()).resolves.toBe(0);
    await expectNoViolation(page, "the acknowledgement screen once acknowledged");

    await page.goto(browserTest.url("/app/acknowledgements"));
    await page.getByRole("heading", { name: "To acknowledge (0)", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Acknowledged", exact: true }).waitFor();
    await expectNoViolation(page, "the list once acknowledged");
  });

  it("shows the facilitator the roster with its import form and the campaign's report", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await page.goto(browserTest.url("/app/roster"));
    await page.getByRole("cell", { name: /Officer Jordan Patel/ }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "the roster");

    await page.goto(browserTest.url("/app/acknowledgement-reports"));
    await page.getByRole("table", { name: "Completion per unit", exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("row", { name: /Patrol East/ }).textContent()).resolves.toContain("of 3");
    await expectNoViolation(page, "the acknowledgement reports");
  });
});
