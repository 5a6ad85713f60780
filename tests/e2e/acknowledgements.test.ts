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

  it("has the facilitator assign a version to a list of people with a quiz through the form, then read an officer's history", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const dayMs = 24 * 60 * 60 * 1000;
    const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
    await page.goto(browserTest.url("/app/acknowledgement-reports"));
    const form = page.getByRole("region", { name: "Ask officers to acknowledge a version", exact: true });
    await form.getByLabel("Policy", { exact: true }).selectOption({ label: "Body-Worn Camera Policy" });
    await form.getByLabel("Published version", { exact: true }).selectOption("1");
    await form.getByText(/^Version 1, SHA-256 content hash [0-9a-f]{64}\./).waitFor();
    await form.getByRole("radio", { name: "A list of people (pasted or uploaded e-mails)", exact: true }).check();
    await form.getByRole("textbox", { name: "E-mail addresses", exact: true }).fill("chen@accord.test\nghost@accord.test");
    await form.getByRole("table", { name: "The list, line by line (2 people)", exact: true }).waitFor();
    await form.getByLabel("Due date", { exact: true }).fill(utcDay(Date.now() + 30 * dayMs));
    await form.getByRole("checkbox", { name: "Officers must pass a quiz before acknowledging", exact: true }).check();
    await form.getByRole("textbox", { name: "Question 1", exact: true }).fill("When must the camera record?");
    await form.getByRole("textbox", { name: "Question 1, choice 1", exact: true }).fill("Only when told to");
    await form.getByRole("textbox", { name: "Question 1, choice 2", exact: true }).fill("On every call for service");
    await form.getByRole("button", { name: "Add a choice to question 1", exact: true }).click();
    await form.getByRole("textbox", { name: "Question 1, choice 3", exact: true }).fill("Never");
    await form.getByRole("button", { name: "Add a question", exact: true }).click();
    await form.getByRole("textbox", { name: "Question 2", exact: true }).waitFor();
    await form.getByRole("button", { name: "Remove question 2", exact: true }).click();
    await form.getByLabel("Pass mark (percent of answers right)", { exact: true }).fill("100");
    const assign = form.getByRole("button", { name: "Assign the version", exact: true });

    // No right answer marked: the form says so beside the question, and sends nothing.
    await assign.click();
    await form.locator(".field-error", { hasText: "Mark the right answer to question 1." }).waitFor();
    await form.getByRole("radio", { name: "Choice 2: On every call for service", exact: true }).check();
    // The server refuses the list's unknown person, shown on that person's row.
    await assign.click();
    const ghostRow = form.getByRole("row", { name: /ghost@accord\.test/ });
    await ghostRow.getByText("The roster has no active person with the e-mail ghost@accord.test.", { exact: true }).waitFor();
    await expect(form.getByRole("row", { name: /chen@accord\.test/ }).textContent()).resolves.toContain("None");
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "the campaign form with a quiz and the server's refusal");

    await form.getByRole("textbox", { name: "E-mail addresses", exact: true }).fill("chen@accord.test\nromero@accord.test");
    await assign.click();
    await form.getByText("Assigned version 1 of Body-Worn Camera Policy to 2 people", { exact: false }).waitFor();
    await page.getByText("A list of 2 people", { exact: false }).waitFor();
    await expect(page.getByText("with a quiz", { exact: false }).count()).resolves.toBe(1);

    // The public counts switch.
    const settings = page.getByRole("region", { name: "Editorial changes and public counts", exact: true });
    await settings.getByLabel("Policy", { exact: true }).selectOption({ label: "Body-Worn Camera Policy" });
    await settings.getByRole("table", { name: "Acknowledgements per version", exact: true }).waitFor();
    await settings.getByRole("button", { name: "Show the counts on the public page", exact: true }).click();
    await settings.getByText("The public page now shows the counts per version.", { exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "the acknowledgement reports with the new campaign and the policy's settings");

    // An officer's history, from the roster: both assignments, the acknowledgement with its hash, and the lookup by date.
    await page.goto(browserTest.url("/app/roster"));
    await page.getByRole("link", { name: "Officer Maya Chen", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Officer Maya Chen: acknowledgement history", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Assigned (2)", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Acknowledged (1)", exact: true }).waitFor();
    const acknowledged = page.getByRole("row", { name: /Body-Worn Camera Policy, version 1/ }).filter({ hasText: "I have read version 1" });
    await expect(acknowledged.textContent()).resolves.toMatch(/[0-9a-f]{64}/);
    await expect(
      page.getByRole("link", { name: "Download the acknowledgements as CSV", exact: true }).getAttribute("href"),
    ).resolves.toMatch(/^\/api\/acknowledgement-people\/[0-9a-f-]{36}\/history\.csv$/);
    const lookup = page.getByRole("region", { name: "Which version on a given day", exact: true });
    await lookup.getByLabel("Policy", { exact: true }).selectOption({ label: "Body-Worn Camera Policy" });
    await lookup.getByLabel("Date", { exact: true }).fill(utcDay(Date.now()));
    await lookup.getByRole("button", { name: "Look it up", exact: true }).click();
    await lookup.getByText(/had acknowledged version 1 of Body-Worn Camera Policy \(content hash [0-9a-f]{64}\)/).waitFor();
    await lookup.getByLabel("Date", { exact: true }).fill(utcDay(Date.now() - 30 * dayMs));
    await lookup.getByRole("button", { name: "Look it up", exact: true }).click();
    await lookup.getByText("had acknowledged no version of Body-Worn Camera Policy", { exact: false }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "an officer's acknowledgement history");
    expect(browserTest.problems).toEqual([]);
  });
});
