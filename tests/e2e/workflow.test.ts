import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs } from "./e2e-setup.js";

// The whole sign-off path of the body-worn camera policy in the browser, on the built server, each person
// in their own browser context (their own cookies): the officer saves the draft as a version, the
// facilitator proposes it, the three editors sign off, the board and the union each read the exact text,
// its hash and the redline on the decision screen and approve with a meeting reference, and the
// facilitator publishes it. The steps build on each other, as they would for the group. Issue 16, items 9
// and 10: the whole path runs at 1400 px and again at 390 px (a phone: the side panel is a sheet below
// the draft), each on its own server, and axe finds no WCAG 2.1 A/AA violation on any screen it visits.
// The contexts bypass the CSP only so that axe's own script may run; keyboard-path.test.ts and the other
// browser tests keep the CSP.
for (const width of [1400, 390] as const) {
  describe(`the sign-off workflow of the body-worn camera policy in the browser, at ${width} px`, { timeout: browserTestTimeoutMs }, () => {
    const browserTest = useBrowserTest();
    let policyId = "";
    /** The number and hash of the version the officer saves (the demo already has version 1, published). */
    let versionNumber = 0;
    let contentHash = "";
    /** Page errors and CSP violations of every person's page, for each step's final check. */
    const problems = browserTest.problems;

    const policyTitle = "Body-Worn Camera Policy";
    /** A sentence of the draft that version 1 does not have: the redline must show it inserted. */
    const newSentence = "Buffered video does not satisfy this duty.";
    const boardReference = "Resolution 2026-077";
    const unionReference = "Executive board minutes, item 12";
    // Effective today (UTC), so that the new publication is in force whatever day the test runs on: the
    // server runs on the wall clock, and a fixed date would be "adopted, takes effect on …" before it.
    const effectiveDate = new Date().toISOString().slice(0, 10);

    /** Signs a demo person in, in a browser context of their own, and returns their page on the home page. */
    const signIn = async (email: string) => {
      const page = await browserTest.signIn(email, { bypassCSP: true, viewport: { width, height: 900 } });
      await expectAccessible(page, `${email}'s home page`);
      return page;
    };

    /** Runs axe on the screen as it is now, and expects no violation, having checked that axe ran its rules. */
    async function expectAccessible(page: Page, screen: string): Promise<void> {
      const { passes, violations, report } = await runAxe(page);
      expect(passes, `axe ran its rules on ${screen}`).toBeGreaterThan(5);
      expect(violations, `axe violations on ${screen} at ${width} px:\n${report}`).toEqual([]);
    }

    /** Opens a tab of the side panel (on a phone, opening its sheet first). */
    async function openTab(page: Page, name: string): Promise<void> {
      const toggle = page.locator(".side-panel-toggle");
      if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
      await page.getByRole("tab", { name }).click();
      await page.getByRole("tabpanel", { name }).waitFor();
    }

    /** Opens the policy page on its Sign-off tab and returns its sign-off region once the record has loaded. */
    async function openWorkflow(page: Page) {
      await page.goto(browserTest.url(`/app/policies/${policyId}#sign-off`));
      const region = page.getByRole("region", { name: "Sign-off and approval" });
      await region.locator(".proposal-stage").first().waitFor();
      return region;
    }

    async function closePage(page: Page): Promise<void> {
      await page.context().close();
    }

    it("lets the officer save the draft as a version", async () => {
      const officer = await signIn("officer@accord.test");
      const policyLink = officer.getByRole("link", { name: policyTitle });
      policyId = /\/app\/policies\/([0-9a-f-]{36})$/.exec((await policyLink.getAttribute("href")) ?? "")?.[1] ?? "";
      expect(policyId).not.toBe("");
      await policyLink.click();

      await officer.locator(".policy-editor-content .section-number").first().waitFor();
      await expectAccessible(officer, "the draft");

      // The demo's published version 1 shows its record (on the side panel's Sign-off tab) before anything is proposed.
      await openTab(officer, "Sign-off");
      const workflow = officer.getByRole("region", { name: "Sign-off and approval" });
      await workflow.getByRole("heading", { name: /^Published, effective \d{4}-\d{2}-\d{2}$/ }).waitFor();
      await expectAccessible(officer, "the Sign-off tab");

      // The draft's pending suggestions are settled first (a version holding one cannot be proposed):
      // the advocate's and the prosecutor's accepted, the sergeant's own withdrawn.
      await openTab(officer, "Suggestions");
      const suggestions = officer.locator(".suggestions-panel");
      // On a phone the suggestions are folded under their heading until asked for.
      const fold = suggestions.locator(".suggestions-fold");
      await fold.waitFor({ state: "attached" });
      if ((await fold.isVisible()) && (await fold.getAttribute("aria-expanded")) === "false") await fold.click();
      await suggestions.locator(".suggestion-entry").first().waitFor();
      await expectAccessible(officer, "the Suggestions tab");
      for (const action of ["Accept all from Jamal Carter", "Reject all from Sgt. Marcus Reyes", "Accept all from ADA Helen Okafor"]) {
        await suggestions.getByRole("button", { name: action }).click();
        await suggestions.getByRole("button", { name: action }).waitFor({ state: "detached" });
      }
      await suggestions.getByText("No pending suggestions in the draft.").waitFor();
      await officer
        .locator(".save-status")
        .filter({ hasText: /^Saved$/ })
        .waitFor();

      await openTab(officer, "Versions");
      const form = officer.getByRole("form", { name: "Save a version" });
      await form.getByLabel("Label", { exact: true }).fill("For sign-off");
      await form.getByRole("button", { name: "Save version" }).click();
      const notice = form.locator(".notice").filter({ hasText: /^Version \d+ was saved/ });
      await notice.waitFor();
      versionNumber = Number(/^Version (\d+)/.exec((await notice.textContent()) ?? "")?.[1]);
      expect(versionNumber).toBeGreaterThan(1);
      await expectAccessible(officer, "the Versions tab with a version just saved");

      const listed = await officer.evaluate(async (url) => {
        const response = await fetch(url, { credentials: "same-origin" });
        return (await response.json()) as { versions: { number: number; contentHash: string }[] };
      }, `/api/policies/${policyId}/versions`);
      contentHash = listed.versions.find((version) => version.number === versionNumber)?.contentHash ?? "";
      expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
      await closePage(officer);
      expect(problems).toEqual([]);
    });

    it("lets the facilitator propose that version for sign-off, and tells whoever has the draft open", async () => {
      // A reader with the draft open hears of the proposal as it happens, with who made it.
      const observer = await signIn("observer@accord.test");
      await observer.goto(browserTest.url(`/app/policies/${policyId}`));
      await observer.locator(".policy-editor-content .section-number").first().waitFor();
      const facilitator = await signIn("facilitator@accord.test");
      const workflow = await openWorkflow(facilitator);
      await workflow.getByRole("button", { name: "Propose a version for sign-off" }).click();
      const form = workflow.getByRole("form", { name: "Propose a version for sign-off" });
      await form.getByLabel("Version", { exact: true }).selectOption(String(versionNumber));
      await form.getByLabel("Note").fill("Ready for the working group's sign-off.");
      await form.getByLabel("Review deadline").fill("2026-12-01");
      await expectAccessible(facilitator, "the propose form");
      await form.getByRole("button", { name: "Propose this version" }).click();

      await workflow.getByRole("heading", { name: `Working-group review of version ${versionNumber}` }).waitFor();
      await expectAccessible(facilitator, "the proposal in working-group review");
      await workflow.locator(".content-hash", { hasText: contentHash }).waitFor();
      // The published version 1 keeps its record, collapsed below.
      await workflow.getByText("Earlier proposals (1)").waitFor();
      await observer
        .locator(".draft-notice")
        .filter({ hasText: `Dana Whitfield (Facilitator) proposed version ${versionNumber} for sign-off.` })
        .waitFor();
      await closePage(observer);
      await closePage(facilitator);
      expect(problems).toEqual([]);
    });

    it("collects the sign-offs of the police, citizen and prosecutor editors", async () => {
      const editors = ["officer@accord.test", "citizen@accord.test", "prosecutor@accord.test"];
      for (const [index, email] of editors.entries()) {
        const member = await signIn(email);
        // The request is on the member's home page first.
        await member
          .getByRole("region", { name: "Waiting for me" })
          .getByRole("link", { name: `Your sign-off is requested on version ${versionNumber} of ${policyTitle}` })
          .click();
        const workflow = member.getByRole("region", { name: "Sign-off and approval" });
        await workflow.getByRole("button", { name: `Sign off on version ${versionNumber}` }).waitFor();
        await expectAccessible(member, `${email}'s sign-off request`);
        await workflow.getByRole("button", { name: `Sign off on version ${versionNumber}` }).click();
        if (index === editors.length - 1) {
          // The last sign-off moves the proposal on, so a dialog says so and asks to confirm.
          const confirm = member.getByRole("dialog", { name: `Sign off on version ${versionNumber}?` });
          await confirm.getByText(/goes to the approving bodies/).waitFor();
          await expectAccessible(member, "the last sign-off's confirmation");
          await confirm.getByRole("button", { name: `Sign off on version ${versionNumber}` }).click();
        }
        await workflow.getByText(`You signed off on version ${versionNumber}.`).waitFor();
        if (index < editors.length - 1) {
          // Still in review: a sign-off can be taken back until the rule is met.
          await workflow.getByRole("button", { name: "Withdraw my sign-off" }).waitFor();
        } else {
          // The last affiliation's sign-off meets the rule, and the proposal moves on to the bodies at once.
          await workflow.getByRole("heading", { name: /^Awaiting approval by / }).waitFor();
          expect(await workflow.getByRole("button", { name: "Withdraw my sign-off" }).count()).toBe(0);
        }
        await closePage(member);
      }
      const facilitator = await signIn("facilitator@accord.test");
      const workflow = await openWorkflow(facilitator);
      await workflow
        .getByRole("heading", { name: "Awaiting approval by the Board of Police Commissioners and the Police Union" })
        .waitFor();
      expect(await workflow.locator(".proposal-awaiting_approval .rule-verdict").textContent()).toBe(
        "Every affiliation in the working group has signed off (3 of 3).",
      );
      await closePage(facilitator);
      expect(problems).toEqual([]);
    });

    /**
     * With only the votes for filled in, the form refuses before sending anything, and says so in a sentence
     * beside the first missing count (tied to it by aria-describedby, marked aria-invalid); the summary
     * above the button links to that field.
     */
    async function expectPartialTallyRefusedBesideItsField(page: Page, form: Locator) {
      const missing = "Give all three vote counts (for, against, abstaining), or leave all three empty.";
      await form.getByRole("button", { name: "Record the decision" }).click();
      const against = form.getByLabel("Against", { exact: true });
      await form.locator(".field-error", { hasText: missing }).waitFor();
      expect(await against.getAttribute("aria-invalid")).toBe("true");
      const errorId = (await against.getAttribute("aria-describedby"))?.split(" ").at(-1) ?? "";
      expect((await page.locator(`[id="${errorId}"]`).textContent())?.trim()).toBe(missing);
      const summaryLink = form.getByRole("alert").getByRole("link", { name: missing, exact: true });
      expect(await summaryLink.getAttribute("href")).toBe(`#${await against.getAttribute("id")}`);
      // Nothing was sent: no confirmation dialog opened.
      expect(await page.getByRole("dialog").count()).toBe(0);
    }

    /** A representative finds the request in "waiting for me", reads the decision screen, and approves. */
    async function approveAs(
      email: string,
      body: string,
      reference: string,
      options: { tally?: [string, string, string]; last?: boolean } = {},
    ) {
      const { tally } = options;
      const representative = await signIn(email);
      const waiting = representative.getByRole("region", { name: "Waiting for me" });
      await waiting.getByRole("link", { name: `${body} decision is requested on version ${versionNumber} of ${policyTitle}` }).waitFor();
      await waiting.getByRole("link", { name: "Open the decision screen" }).click();

      await representative.getByRole("heading", { name: `Decision on version ${versionNumber} of ${policyTitle}`, level: 1 }).waitFor();
      // The exact text, its hash in full, and the redline from the version in force.
      expect(await representative.getByRole("link", { name: `Read the exact text of version ${versionNumber}` }).getAttribute("href")).toBe(
        `/app/policies/${policyId}/versions/${versionNumber}`,
      );
      expect((await representative.locator(".content-hash").textContent())?.trim()).toBe(contentHash);
      await representative
        .getByRole("heading", { name: new RegExp(`^Changes from version 1\\b.* to version ${versionNumber}\\b`) })
        .waitFor();
      await representative.locator(".redline ins", { hasText: newSentence }).first().waitFor();
      // The working group's record is on the same screen: who signed off, by affiliation.
      const groupRecord = representative.getByRole("region", { name: "The working group's record" });
      await groupRecord.getByRole("heading", { name: "Working-group sign-off", level: 3 }).waitFor();
      expect(await groupRecord.locator(".sign-off-list").textContent()).toMatch(/signed by/);
      await expectAccessible(representative, `${body} decision screen`);

      const form = representative.getByRole("form", { name: `Record ${body.replace(/^The/, "the")} decision` });
      await form.getByLabel("Approve this version").check();
      await form.getByLabel("Reason").fill("Adopted as presented after public comment.");
      await form.getByLabel("Meeting date").fill("2026-11-20");
      await form.getByLabel("Meeting reference").fill(reference);
      if (tally) {
        await form.getByLabel("For", { exact: true }).fill(tally[0]);
        await expectPartialTallyRefusedBesideItsField(representative, form);
        await form.getByLabel("Against", { exact: true }).fill(tally[1]);
        await form.getByLabel("Abstaining", { exact: true }).fill(tally[2]);
      }
      await form.getByRole("button", { name: "Record the decision" }).click();
      // Every decision is confirmed in a dialog that repeats the body and the full content hash; the last
      // approval's also says that it approves the version.
      const confirm = representative.getByRole("dialog", {
        name: `Record ${body.replace(/^The/, "the")} approval of version ${versionNumber}?`,
      });
      const confirmation = (await confirm.textContent()) ?? "";
      expect(confirmation).toContain(`${body} approval will bind to version ${versionNumber}, content hash ${contentHash}.`);
      expect(confirmation).toContain("cannot be changed");
      if (options.last) expect(confirmation).toContain("it becomes approved, and the facilitator can publish it");
      else expect(confirmation).not.toContain("it becomes approved");
      await expectAccessible(representative, `${body} decision's confirmation`);
      await confirm.getByRole("button", { name: "Record the approval" }).click();
      await representative.getByText(`${body} approval of version ${versionNumber} was recorded.`).waitFor();
      await representative.locator(".decision-list", { hasText: reference }).waitFor();
      await expectAccessible(representative, `${body} decision recorded`);
      await closePage(representative);
    }

    it("lets the board approve on the decision screen, having seen the hash and the redline", async () => {
      await approveAs("board@accord.test", "The Board of Police Commissioners'", boardReference, { tally: ["5", "1", "0"] });
      expect(problems).toEqual([]);
    });

    it("lets the union approve next, which makes the version approved", async () => {
      await approveAs("union@accord.test", "The Police Union's", unionReference, { last: true });
      expect(problems).toEqual([]);
    });

    it("lets the facilitator publish it with an effective date, and the policy page shows it published", async () => {
      const facilitator = await signIn("facilitator@accord.test");
      await facilitator
        .getByRole("region", { name: "Waiting for me" })
        .getByText(`Ready to publish: version ${versionNumber} of ${policyTitle} is approved`)
        .waitFor();
      const workflow = await openWorkflow(facilitator);
      await workflow.getByRole("heading", { name: "Approved — ready to publish" }).waitFor();
      await workflow.getByRole("button", { name: `Publish version ${versionNumber}…` }).click();
      const form = workflow.getByRole("form", { name: `Publish version ${versionNumber}` });
      await form.getByLabel("Effective date").fill(effectiveDate);
      await expectAccessible(facilitator, "the publish form");
      await form.getByRole("button", { name: `Publish version ${versionNumber}`, exact: true }).click();

      await workflow.getByRole("heading", { name: `Published, effective ${effectiveDate}` }).waitFor();
      await workflow.getByText(`In force: version ${versionNumber}, effective ${effectiveDate}.`).waitFor();
      // Both bodies' records stay on the proposal, and the policy's own status follows.
      await workflow.locator(".decision-list", { hasText: boardReference }).first().waitFor();
      await workflow.locator(".decision-list", { hasText: unionReference }).first().waitFor();
      await facilitator.locator(".policy-stage .status", { hasText: "Published" }).first().waitFor();
      await expectAccessible(facilitator, "the published proposal");
      await closePage(facilitator);
      expect(problems).toEqual([]);
    });

    it("shows the new text and its approval record on the public page, without signing in", async () => {
      const context = await browserTest.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const response = await page.goto(browserTest.url("/policies/body-worn-cameras"));
      expect(response?.status()).toBe(200);
      await page.getByRole("heading", { level: 1, name: policyTitle }).waitFor();
      expect(await page.locator(".policy-text").textContent()).toContain(newSentence);
      const record = page.locator(".approval-record");
      expect(await record.textContent()).toContain(boardReference);
      expect(await record.textContent()).toContain(unionReference);
      expect(await page.locator("body").textContent()).toContain(`version ${versionNumber}`);
      await expectAccessible(page, "the public page");
      await context.close();
    });
  });
}
