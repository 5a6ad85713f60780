import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { requestsOverHttp, takeDemoDraftToPublication } from "../support/publish-draft.js";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs } from "./e2e-setup.js";

// Issue 16, item 9: every screen of the app, not only the public site, passes axe's WCAG 2.1 A and AA
// rules, each loaded as its person would reach it (signed in, its data arrived). The contexts bypass
// the CSP only so that axe's own script may run.
describe("the app's screens (axe, WCAG 2.1 A and AA)", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();

  /** Runs axe on the page and expects no violation, having checked that axe really ran its rules. */
  async function expectNoViolation(page: Page, what: string): Promise<void> {
    const { passes, violations, report } = await runAxe(page);
    expect(passes, `axe ran its rules on ${what}`).toBeGreaterThan(5);
    expect(violations, `axe violations on ${what}:\n${report}`).toEqual([]);
  }

  const signIn = (email: string) => browserTest.signIn(email, { bypassCSP: true, viewport: { width: 1280, height: 900 } });

  async function demoPolicyId(page: Page): Promise<string> {
    const href = (await page.getByRole("link", { name: "Body-Worn Camera Policy" }).getAttribute("href")) ?? "";
    const id = /^\/app\/policies\/([0-9a-f-]{36})$/.exec(href)?.[1];
    if (!id) throw new Error(`The policy link goes to ${href}, not to /app/policies/<id>.`);
    return id;
  }

  it("has no violation on the sign-in page", async () => {
    const page = await browserTest.newPage("visitor", { bypassCSP: true });
    await page.goto(browserTest.url("/app/login"));
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await expectNoViolation(page, "/app/login");
  });

  it("has no violation on the set-password page, and without the e-mail's link it says where the link is", async () => {
    const page = await browserTest.newPage("visitor", { bypassCSP: true });
    // The in-app notification of a new account links here bare: only the e-mail carries the key.
    await page.goto(browserTest.url("/app/set-password"));
    await page.getByText("Open this page from the link in the e-mail Accord sent you").waitFor();
    expect(await page.getByLabel("New password").count()).toBe(0);
    await expectNoViolation(page, "/app/set-password without a link");
    await page.goto(browserTest.url(`/app/set-password?token=${"a".repeat(32)}`));
    await page.getByLabel("New password").waitFor();
    await expectNoViolation(page, "/app/set-password with a link");
    // Signed out, the page still talks to the server and shows its answer (no detour to sign in).
    await page.getByLabel("New password").fill("a long passphrase for tests");
    await page.getByRole("button", { name: "Set password" }).click();
    await page.getByText("This link to set a password is not valid").waitFor();
    expect(new URL(page.url()).pathname).toBe("/app/set-password");
  });

  it("has no violation on the facilitator's screens: policies, a policy's draft, members, versions, compare, people, bodies, account", async () => {
    const page = await signIn("facilitator@accord.test");
    await expectNoViolation(page, "the policy list");
    const policyId = await demoPolicyId(page);

    const screens: [string, string, () => Promise<void>][] = [
      [
        "the policy page with its draft",
        `/app/policies/${policyId}`,
        () => page.locator(".policy-editor-content .section-number").first().waitFor(),
      ],
      ["the members page", `/app/policies/${policyId}/members`, () => page.getByRole("heading", { level: 1 }).first().waitFor()],
      [
        "version 1, open on the policy page's Versions tab",
        `/app/policies/${policyId}/versions/1`,
        () => page.locator(".version-details .version-text").waitFor(),
      ],
      ["the compare page", `/app/policies/${policyId}/compare`, () => page.locator(".redline, .compare-empty, .notice").first().waitFor()],
      ["the people page", "/app/people", () => page.getByRole("heading", { level: 1 }).first().waitFor()],
      ["the bodies page", "/app/bodies", () => page.getByRole("heading", { level: 1 }).first().waitFor()],
      ["the account page", "/app/account", () => page.getByRole("heading", { level: 1 }).first().waitFor()],
    ];
    for (const [what, pathname, loaded] of screens) {
      await page.goto(browserTest.url(pathname));
      await loaded();
      // Whatever loads after the heading (lists, the redline) is waited for by axe's own settling below.
      await page.waitForLoadState("networkidle");
      await expectNoViolation(page, `${what} (${pathname})`);
    }
  });

  it("has no violation on a commenter's view of the draft, with the comment form open", async () => {
    const page = await signIn("advocate@accord.test");
    const policyId = await demoPolicyId(page);
    await page.goto(browserTest.url(`/app/policies/${policyId}`));
    await page.locator(".policy-editor-content .section-number").first().waitFor();
    // Words of the draft selected, as a person would with the mouse, then "Comment": the composer opens.
    await page.evaluate(() => {
      const paragraph = document.querySelector(".policy-editor-content p");
      const text = paragraph && document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT).nextNode();
      if (!text?.textContent) throw new Error("The draft has no paragraph text to select.");
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(8, text.textContent.length));
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    const commentButton = page.getByRole("button", { name: "Comment", exact: true });
    await expect.poll(() => commentButton.getAttribute("aria-disabled"), { timeout: 60_000 }).not.toBe("true");
    await commentButton.click();
    await page.getByRole("textbox", { name: "Comment", exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolation(page, "the commenter's draft with the comment form open");
  });

  it("has no violation on the decision screen, with its form", async () => {
    let checked = false;
    await takeDemoDraftToPublication(requestsOverHttp(browserTest.origin), new Date().toISOString().slice(0, 10), {
      async beforeBodiesDecide(policyId, proposalId) {
        const page = await signIn("board@accord.test");
        await page.goto(browserTest.url(`/app/policies/${policyId}/proposals/${proposalId}/decide`));
        await page.getByRole("button", { name: "Record the decision" }).waitFor();
        await page.waitForLoadState("networkidle");
        await expectNoViolation(page, "the decision screen");
        checked = true;
      },
    });
    expect(checked).toBe(true);
  });
  it("has no violation on the new-policy flow's steps, its refusals and its summary", async () => {
    const page = await signIn("facilitator@accord.test");
    await page.goto(browserTest.url("/app/policies/new"));
    const continueButton = page.getByRole("button", { name: "Continue" });
    await page.getByRole("heading", { name: "Title and summary" }).waitFor();
    await continueButton.click();
    await page.getByRole("alert").waitFor();
    await expectNoViolation(page, "the new-policy flow's first step with its error summary");
    await page.getByRole("textbox", { name: "Title" }).fill("Axe Policy");
    await continueButton.click();
    await page.getByRole("heading", { name: "Working group" }).waitFor();
    await page.locator("tbody tr").first().waitFor();
    // The board's representative has no default affiliation (they are in no working group), so the step asks for one.
    await page.locator("tbody tr").filter({ hasText: "board@accord.test" }).getByRole("checkbox").check();
    await continueButton.click();
    await page.getByRole("alert").waitFor();
    await expectNoViolation(page, "the new-policy flow's working group with its error summary");
    await page
      .locator("tbody tr")
      .filter({ hasText: "board@accord.test" })
      .getByRole("combobox", { name: /^Affiliation of/ })
      .selectOption("citizen");
    await continueButton.click();
    await page.getByRole("heading", { name: "Approving bodies and sign-off rule" }).waitFor();
    await expectNoViolation(page, "the new-policy flow's approving bodies and sign-off rule");
    await continueButton.click();
    await page.getByRole("heading", { name: "How the draft starts" }).waitFor();
    await page
      .getByRole("radio", { name: /^From the template/ })
      .first()
      .waitFor();
    await expectNoViolation(page, "the new-policy flow's choice of how the draft starts");
    await page
      .getByRole("radio", { name: /^From the template/ })
      .first()
      .check();
    await continueButton.click();
    await page.getByRole("button", { name: "Create policy" }).waitFor();
    await expectNoViolation(page, "the new-policy flow's summary to check");
  });
});
