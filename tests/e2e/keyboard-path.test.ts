import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs, demoPassword, eventually, waitUntil } from "./e2e-setup.js";

// Issue 16, item 9: the whole path with the keyboard alone. Every step below uses `page.keyboard` only
// (Tab, Shift+Tab, Enter, Space, the arrow keys, typing, the draft's shortcuts): no click, no mouse, no
// `fill`. The only other thing a test does is open the app's address, as a person types it into the
// browser. Each step checks what the person sees afterwards. The steps build on each other: sign in,
// open the policy, type in the draft, comment on the typed words, type a suggestion, settle the
// suggestions, save a version, propose it, the three editors sign off, the board and the union decide
// (each confirming in a dialog), and the facilitator publishes.
describe("the whole path with the keyboard alone", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  const problems = browserTest.problems;
  const policyTitle = "Body-Worn Camera Policy";
  const typedWords = "Keyboard first.";
  const suggestedWords = "Suggested by keyboard.";
  const commentText = "Typed and sent without a mouse.";
  let versionNumber = 0;
  // Effective today (UTC), so that the publication is in force whatever day the test runs on (the server
  // that the browser tests start runs on the wall clock, as workflow.test.ts explains).
  const effectiveDate = new Date().toISOString().slice(0, 10);

  /** True when the element `locator` finds has the keyboard focus. */
  function isFocused(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => element === document.activeElement);
  }

  /**
   * True when the focused element shows that it has the focus (WCAG 2.4.7): it matches :focus-visible and
   * draws a ring (an outline or a box shadow).
   */
  function showsFocus(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => {
      const style = getComputedStyle(element);
      const ring = (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
      return element.matches(":focus-visible") && ring;
    });
  }

  /**
   * Presses Tab (or Shift+Tab) until `target` has the focus, as a person tabs to a control, and checks that
   * it shows the focus; fails when it is not reached within `limit` presses (it cannot be reached by the
   * keyboard, or is far out of order).
   */
  async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; limit?: number } = {}): Promise<void> {
    const key = options.backwards ? "Shift+Tab" : "Tab";
    const limit = options.limit ?? 250;
    await target.waitFor();
    for (let presses = 0; presses <= limit; presses++) {
      if (await isFocused(target)) {
        expect(await showsFocus(target), `${target.toString()} shows no focus ring`).toBe(true);
        return;
      }
      if (presses < limit) await page.keyboard.press(key);
    }
    throw new Error(`${limit} presses of ${key} did not reach ${target.toString()}; the focus is on ${await focusedElement(page)}`);
  }

  /** The start of the focused element's markup, for a failure to say where the focus went instead. */
  function focusedElement(page: Page): Promise<string> {
    return page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? "nothing");
  }

  /** A date as Chromium's en-US date field takes it from the keyboard: month, day, year. */
  function typedDate(isoDate: string): string {
    const [year, month, day] = isoDate.split("-");
    return `${month}${day}${year}`;
  }

  /** Opens the sign-in page (typing its address) and signs in by the keyboard; returns on the home page. */
  async function signIn(email: string, width = 1400): Promise<Page> {
    const page = await browserTest.newPage(email, { viewport: { width, height: 900 }, locale: "en-US" });
    await page.goto(browserTest.url("/app/"));
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(email);
    await tabTo(page, page.getByLabel("Password"));
    await page.keyboard.type(demoPassword);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "My policies", level: 1 }).waitFor();
    return page;
  }

  /** Follows the policy's link on the home page by the keyboard, and waits for the draft's text. */
  async function openPolicy(page: Page): Promise<void> {
    await tabTo(page, page.getByRole("main").getByRole("link", { name: policyTitle, exact: true }));
    await page.keyboard.press("Enter");
    await page.locator(".policy-editor-content .section-number").first().waitFor();
  }

  /** Opens a tab of the side panel: to the open tab by Tab, then along the tabs by the arrow keys. */
  async function openTab(page: Page, name: string): Promise<Locator> {
    const tablist = page.getByRole("tablist", { name: "Beside the draft" });
    await tabTo(page, tablist.locator('[role="tab"][aria-selected="true"]'));
    const names = await tablist.getByRole("tab").allTextContents();
    const target = names.indexOf(name);
    expect(target, `no tab ${name} among ${names.join(", ")}`).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Home");
    for (let step = 0; step < target; step++) await page.keyboard.press("ArrowRight");
    expect(await isFocused(tablist.getByRole("tab", { name }))).toBe(true);
    const panel = page.getByRole("tabpanel", { name });
    await panel.waitFor();
    return panel;
  }

  /** Closes a person's browser context. */
  async function done(page: Page): Promise<void> {
    await page.context().close();
  }

  it("lets the officer sign in, open the policy and type in the draft", async () => {
    const officer = await signIn("officer@accord.test");
    await openPolicy(officer);
    const draft = officer.locator(".policy-editor-content");
    await tabTo(officer, draft);
    // To the start of the first paragraph (under the first heading), and type there.
    await officer.keyboard.press("Control+Home");
    await officer.keyboard.press("ArrowDown");
    await officer.keyboard.press("Home");
    await officer.keyboard.type(`${typedWords} `);
    await eventually(async () => (await draft.locator("p").first().textContent()) ?? "").toMatch(new RegExp(`^${typedWords} This policy`));
    await officer
      .locator(".save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();

    // Comment on the typed words: select them (Shift+Home from after them), the draft's shortcut opens
    // the composer with the focus in it, and Ctrl+Enter sends.
    await officer.keyboard.press("ArrowLeft");
    await officer.keyboard.press("Shift+Home");
    await officer.keyboard.press("Control+Alt+KeyM");
    const composer = officer.getByRole("textbox", { name: "Comment", exact: true });
    // On failure, what the page showed instead: where the focus is, and the Comment button's hint.
    const seen = async () =>
      `focus on ${await focusedElement(officer)}; hint "${await officer.locator("#comment-bar-hint").textContent()}"`;
    await waitUntil(() => isFocused(composer), "the comment composer has the focus").catch(async (error: unknown) => {
      throw new Error(`${String(error)} (${await seen()})`);
    });
    await officer.keyboard.type(commentText);
    await tabTo(officer, officer.getByRole("button", { name: "Post comment" }));
    await officer.keyboard.press("Enter");
    const thread = officer.getByRole("region", { name: "Comments" }).locator(".thread-card", { hasText: commentText });
    await thread.waitFor();
    expect((await thread.locator(".thread-quote").textContent())?.trim()).toContain(typedWords);

    // A suggestion: "Suggest changes" by Space (it gives the focus back to the draft), then typing.
    await tabTo(officer, officer.getByRole("button", { name: "Suggest changes" }), { backwards: true });
    await officer.keyboard.press("Space");
    expect(await officer.getByRole("button", { name: "Suggest changes" }).getAttribute("aria-pressed")).toBe("true");
    await eventually(() => isFocused(draft)).toBe(true);
    await officer.keyboard.press("Control+Home");
    await officer.keyboard.press("ArrowDown");
    await officer.keyboard.press("Home");
    await officer.keyboard.type(`${suggestedWords} `);
    const suggestions = officer.locator(".suggestions-panel");
    await suggestions.locator(".suggestion-entry", { hasText: suggestedWords }).waitFor();
    await draft.locator(".suggestion-insertion", { hasText: suggestedWords }).first().waitFor();
    await tabTo(officer, officer.getByRole("button", { name: "Suggest changes" }), { backwards: true });
    await officer.keyboard.press("Enter");
    expect(await officer.getByRole("button", { name: "Suggest changes" }).getAttribute("aria-pressed")).toBe("false");

    // The draft's pending suggestions are settled (a version holding one cannot be proposed): each
    // author's accepted by Enter on "Accept all from …", mine too.
    await openTab(officer, "Suggestions");
    for (const author of ["Jamal Carter", "ADA Helen Okafor", "Sgt. Marcus Reyes"]) {
      const accept = suggestions.getByRole("button", { name: `Accept all from ${author}` });
      await tabTo(officer, accept);
      await officer.keyboard.press("Enter");
      await accept.waitFor({ state: "detached" });
    }
    await suggestions.getByText("No pending suggestions in the draft.").waitFor();
    expect(await draft.textContent()).toContain(suggestedWords);
    await officer
      .locator(".save-status")
      .filter({ hasText: /^Saved$/ })
      .waitFor();

    // Save a version: the Versions tab by the arrow keys, the label typed, Enter sends the form.
    const versions = await openTab(officer, "Versions");
    const form = versions.getByRole("form", { name: "Save a version" });
    await tabTo(officer, form.getByLabel("Label", { exact: true }));
    await officer.keyboard.type("Typed by keyboard");
    await officer.keyboard.press("Enter");
    const notice = form.locator(".notice").filter({ hasText: /^Version \d+ was saved/ });
    await notice.waitFor();
    versionNumber = Number(/^Version (\d+)/.exec((await notice.textContent()) ?? "")?.[1]);
    expect(versionNumber).toBeGreaterThan(1);
    await done(officer);
    expect(problems).toEqual([]);
  });

  it("lets the facilitator propose that version by the keyboard", async () => {
    const facilitator = await signIn("facilitator@accord.test");
    await openPolicy(facilitator);
    const signOff = await openTab(facilitator, "Sign-off");
    const workflow = signOff.getByRole("region", { name: "Sign-off and approval" });
    await tabTo(facilitator, workflow.getByRole("button", { name: "Propose a version for sign-off" }));
    await facilitator.keyboard.press("Enter");
    const form = workflow.getByRole("form", { name: "Propose a version for sign-off" });
    // The newest version is chosen already.
    expect(await form.getByLabel("Version", { exact: true }).inputValue()).toBe(String(versionNumber));
    await tabTo(facilitator, form.getByLabel("Note"));
    await facilitator.keyboard.type("Proposed without a mouse.");
    await tabTo(facilitator, form.getByRole("button", { name: "Propose this version" }));
    await facilitator.keyboard.press("Enter");
    await workflow.getByRole("heading", { name: `Working-group review of version ${versionNumber}` }).waitFor();
    await done(facilitator);
    expect(problems).toEqual([]);
  });

  it("lets the three editors sign off from their home page, the last one confirming in the dialog", async () => {
    const editors = ["officer@accord.test", "citizen@accord.test", "prosecutor@accord.test"];
    for (const [index, email] of editors.entries()) {
      const member = await signIn(email);
      await tabTo(
        member,
        member
          .getByRole("region", { name: "Waiting for me" })
          .getByRole("link", { name: `Your sign-off is requested on version ${versionNumber} of ${policyTitle}` }),
      );
      await member.keyboard.press("Enter");
      const workflow = member.getByRole("region", { name: "Sign-off and approval" });
      await tabTo(member, workflow.getByRole("button", { name: `Sign off on version ${versionNumber}` }));
      await member.keyboard.press("Enter");
      if (index === editors.length - 1) {
        // The dialog takes the focus on Cancel (going on is a choice); Shift+Tab reaches the action.
        const confirm = member.getByRole("dialog", { name: `Sign off on version ${versionNumber}?` });
        await eventually(() => isFocused(confirm.getByRole("button", { name: "Cancel" }))).toBe(true);
        await tabTo(member, confirm.getByRole("button", { name: `Sign off on version ${versionNumber}` }), { backwards: true });
        await member.keyboard.press("Enter");
      }
      await workflow.getByText(`You signed off on version ${versionNumber}.`).waitFor();
      if (index === editors.length - 1) await workflow.getByRole("heading", { name: /^Awaiting approval by / }).waitFor();
      await done(member);
    }
    expect(problems).toEqual([]);
  });

  /** A representative opens the decision screen from their home page and approves, all by the keyboard. */
  async function approveAs(email: string, body: string, reference: string): Promise<void> {
    const representative = await signIn(email);
    await tabTo(
      representative,
      representative.getByRole("region", { name: "Waiting for me" }).getByRole("link", { name: "Open the decision screen" }),
    );
    await representative.keyboard.press("Enter");
    await representative.getByRole("heading", { name: `Decision on version ${versionNumber} of ${policyTitle}`, level: 1 }).waitFor();
    const form = representative.getByRole("form", { name: `Record ${body.replace(/^The/, "the")} decision` });
    const approve = form.getByLabel("Approve this version");
    await tabTo(representative, approve);
    await representative.keyboard.press("Space");
    expect(await approve.isChecked()).toBe(true);
    await tabTo(representative, form.getByLabel("Reason"));
    await representative.keyboard.type("Adopted as presented.");
    await tabTo(representative, form.getByLabel("Meeting date"));
    await representative.keyboard.type(typedDate("2026-11-20"));
    expect(await form.getByLabel("Meeting date").inputValue()).toBe("2026-11-20");
    await tabTo(representative, form.getByLabel("Meeting reference"));
    await representative.keyboard.type(reference);
    await tabTo(representative, form.getByRole("button", { name: "Record the decision" }));
    await representative.keyboard.press("Enter");
    const confirm = representative.getByRole("dialog", {
      name: `Record ${body.replace(/^The/, "the")} approval of version ${versionNumber}?`,
    });
    await eventually(() => isFocused(confirm.getByRole("button", { name: "Cancel" }))).toBe(true);
    await tabTo(representative, confirm.getByRole("button", { name: "Record the approval" }), { backwards: true });
    await representative.keyboard.press("Enter");
    await representative.getByText(`${body} approval of version ${versionNumber} was recorded.`).waitFor();
    await representative.locator(".decision-list", { hasText: reference }).waitFor();
    await done(representative);
  }

  it("lets the board and then the union approve on the decision screen, each confirming in the dialog", async () => {
    await approveAs("board@accord.test", "The Board of Police Commissioners'", "Resolution by keyboard");
    await approveAs("union@accord.test", "The Police Union's", "Minutes by keyboard");
    expect(problems).toEqual([]);
  });

  it("on a phone, opens the side panel's sheet by Enter, moves along its tabs by the arrow keys, and closes it by Escape", async () => {
    const observer = await signIn("observer@accord.test", 390);
    await openPolicy(observer);
    // One button, named for what it does next ("Show …", then "Hide …").
    const toggle = observer.locator(".side-panel-toggle");
    await tabTo(observer, observer.getByRole("button", { name: /^Show suggestions, versions, sign-off/ }));
    await observer.keyboard.press("Enter");
    await observer.getByRole("button", { name: /^Hide suggestions, versions, sign-off/ }).waitFor();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await openTab(observer, "Versions");
    await observer.keyboard.press("Escape");
    await observer.getByRole("button", { name: /^Show suggestions, versions, sign-off/ }).waitFor();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await isFocused(toggle)).toBe(true);
    expect(await observer.getByRole("tablist", { name: "Beside the draft" }).isVisible()).toBe(false);
    await done(observer);
    expect(problems).toEqual([]);
  });

  it("lets the facilitator publish it by the keyboard, and the public page shows the typed text", async () => {
    const facilitator = await signIn("facilitator@accord.test");
    await openPolicy(facilitator);
    const signOff = await openTab(facilitator, "Sign-off");
    const workflow = signOff.getByRole("region", { name: "Sign-off and approval" });
    await workflow.getByRole("heading", { name: "Approved — ready to publish" }).waitFor();
    await tabTo(facilitator, workflow.getByRole("button", { name: `Publish version ${versionNumber}…` }));
    await facilitator.keyboard.press("Enter");
    const form = workflow.getByRole("form", { name: `Publish version ${versionNumber}` });
    await tabTo(facilitator, form.getByLabel("Effective date"));
    await facilitator.keyboard.type(typedDate(effectiveDate));
    expect(await form.getByLabel("Effective date").inputValue()).toBe(effectiveDate);
    await tabTo(facilitator, form.getByRole("button", { name: `Publish version ${versionNumber}`, exact: true }));
    await facilitator.keyboard.press("Enter");
    await workflow.getByRole("heading", { name: `Published, effective ${effectiveDate}` }).waitFor();
    await facilitator.locator(".policy-stage").filter({ hasText: "Published: the approved text is public" }).waitFor();

    // The public page, reached by the keyboard from the header's link.
    await tabTo(facilitator, facilitator.locator(".policy-stage").getByRole("link", { name: "Read the public page" }), { backwards: true });
    await facilitator.keyboard.press("Enter");
    await facilitator.getByRole("heading", { level: 1, name: policyTitle }).waitFor();
    const text = (await facilitator.locator(".policy-text").textContent()) ?? "";
    expect(text).toContain(typedWords);
    expect(text).toContain(suggestedWords);
    await done(facilitator);
    expect(problems).toEqual([]);
  });
});
