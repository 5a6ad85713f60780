import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { conditionTimeoutMs, eventually } from "./e2e-setup.js";
import { AccordApi, addEditor, createPolicy, findBodies, saveVersion, writeDraft, type DraftBlock } from "./publish-via-api.js";

// Issue 17, the facilitator's path through a public comment period in the app: open a period on a saved
// version, extend it with a reason, moderate the public's comments, and once it has closed write a
// response and mark a comment "no response needed"; then, with a newer version saved and proposed, the
// page shows the redline from the commented version. Every screen passes axe's WCAG 2.1 A and AA rules.
// The server runs on the real clock, and the app's times are whole minutes: the period closes one to two
// minutes after it opens, and the test waits for that (hence its own, longer time limit).
const minute = 60_000;
const slug = "camera-storage-comment-test";
const firstText: DraftBlock[] = [
  { kind: "heading", level: 2, text: "Purpose" },
  { kind: "paragraph", text: "Officers record every public contact on duty." },
  { kind: "heading", level: 2, text: "Retention" },
  { kind: "paragraph", text: "Recordings are kept for ninety days." },
];
const secondText: DraftBlock[] = [
  ...firstText.slice(0, 3),
  { kind: "paragraph", text: "Recordings are kept for three years, and the public is told why." },
];

describe("the facilitator's path through a public comment period in the app", () => {
  const browserTest = useBrowserTest();

  async function expectNoViolation(page: Page, what: string): Promise<void> {
    const { passes, violations, report } = await runAxe(page);
    expect(passes, `axe ran its rules on ${what}`).toBeGreaterThan(5);
    expect(violations, `axe violations on ${what}:\n${report}`).toEqual([]);
  }

  /** A `datetime-local` value (the browser's own time zone, whole minutes) for an instant. */
  const localMinute = (page: Page, instant: number) =>
    page.evaluate((at) => {
      const date = new Date(at);
      const two = (value: number) => String(value).padStart(2, "0");
      return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
    }, instant);

  it(
    "opens, extends, moderates, responds and marks no response needed, then shows the proposed version's redline",
    { timeout: 600_000 },
    async () => {
      const api = new AccordApi(browserTest.origin);
      const facilitator = await api.login("facilitator@accord.test");
      const officer = await api.login("officer@accord.test");
      const { accounts } = (await api.expect(facilitator, "GET", "/api/accounts", undefined)) as {
        accounts: { id: string; email: string }[];
      };
      const policyId = await createPolicy(api, facilitator, {
        title: "Camera Storage",
        slug,
        summary: "How long recordings are kept.",
      });
      await addEditor(api, facilitator, policyId, accounts.find((account) => account.email === "officer@accord.test")!.id, "police");
      const { board, union } = await findBodies(api, facilitator);
      await api.expect(facilitator, "PUT", `/api/policies/${policyId}/required-bodies`, { bodyIds: [board.id, union.id] });
      await writeDraft(api, officer, policyId, firstText, "ninety days");
      const commented = await saveVersion(api, officer, policyId, "For public comment", "");

      const page = await browserTest.signIn("facilitator@accord.test", { bypassCSP: true, viewport: { width: 1280, height: 900 } });
      await page.goto(browserTest.url(`/app/policies/${policyId}/public-comment`));
      await page.getByRole("heading", { name: "Public comment on Camera Storage", exact: true }).waitFor();
      await page.getByRole("heading", { name: "Open a public comment period", exact: true }).waitFor();
      await expectNoViolation(page, "the page before any period");

      // Opens now (the current minute) and closes at the start of the minute after next: 60 to 120 s away.
      const opensAt = Math.floor(Date.now() / minute) * minute;
      const closesAt = opensAt + 2 * minute;
      await page.getByLabel("Version to put to the public", { exact: true }).selectOption(String(commented.number));
      await page.getByLabel("Opens", { exact: true }).fill(await localMinute(page, opensAt));
      await page.getByLabel("Closes", { exact: true }).fill(await localMinute(page, closesAt));
      await page.getByRole("button", { name: "Open the period", exact: true }).click();
      await page.getByRole("heading", { name: "Extend the period", exact: true }).waitFor();
      await expectNoViolation(page, "the open period");

      const extendedTo = closesAt + minute;
      await page.getByLabel("New closing time", { exact: true }).fill(await localMinute(page, extendedTo));
      await page.getByLabel("Reason (published with the period)", { exact: true }).fill("The union asked for one more minute.");
      await page.getByRole("button", { name: "Extend", exact: true }).click();
      await page.getByText(/Extended to .*: The union asked for one more minute\./).waitFor();
      const { commentPeriods } = (await api.expect(facilitator, "GET", `/api/policies/${policyId}/comment-periods`, undefined)) as {
        commentPeriods: { id: string; closesAt: string; state: string }[];
      };
      const period = commentPeriods[0]!;
      expect(new Date(period.closesAt).getTime()).toBe(extendedTo);

      // Two members of the public comment through the public form (a plain form post).
      const { sections } = (await api.expect(facilitator, "GET", `/api/comment-periods/${period.id}/comments`, undefined)) as {
        sections: { number: string; heading: string }[];
      };
      const retention = sections.find((section) => section.heading === "Retention")!;
      const comments = ["Ninety days is too short to bring a complaint.", "Thank you for asking the public."];
      for (const [index, body] of comments.entries()) {
        const sent = await fetch(browserTest.url(`/policies/${slug}/comments`), {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: browserTest.origin },
          body: new URLSearchParams({ section: index === 0 ? retention.number : sections[0]!.number, body }).toString(),
        });
        expect(sent.status).toBe(303);
      }

      await page.reload();
      await page.getByRole("heading", { name: "Moderation queue (2)", exact: true }).waitFor();
      await expectNoViolation(page, "the moderation queue");
      for (const body of comments) {
        const queued = page.locator("li.card", { hasText: body });
        await queued.getByRole("button", { name: "Publish", exact: true }).click();
        await queued.waitFor({ state: "detached" });
      }
      await page.getByRole("heading", { name: "Moderation queue (0)", exact: true }).waitFor();

      // The period closes by the server's clock; wait for it (generously: the machine may be loaded).
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, extendedTo + 1000 - Date.now())));
      await page.reload();
      await page.getByText("2 published comments are not answered yet.").waitFor({ timeout: conditionTimeoutMs });
      await expectNoViolation(page, "the closed period, before the response");

      const retentionPanel = page.locator("section.panel", { has: page.getByRole("heading", { name: `${retention.number} Retention` }) });
      await retentionPanel.getByLabel("What changed and why", { exact: true }).fill("We now keep recordings for three years.");
      await retentionPanel.getByLabel(/Ninety days is too short/).check();
      await retentionPanel.getByRole("button", { name: "Save the response", exact: true }).click();
      await page.getByText("1 published comment is not answered yet.").waitFor();

      const thanks = page.locator("li.card", { hasText: comments[1]! });
      await thanks.getByLabel("No response needed, because", { exact: true }).fill("It thanks the group and asks nothing.");
      await thanks.getByRole("button", { name: "Mark", exact: true }).click();
      await page.getByText("Every published comment is answered.").waitFor();
      await expectNoViolation(page, "the closed period, every comment answered");

      // A newer version saved: the page marks it against the commented one.
      await writeDraft(api, officer, policyId, secondText, "three years");
      const revised = await saveVersion(api, officer, policyId, "After the comments", "");
      await page.reload();
      await page.getByRole("heading", { name: "What changed after the comments", exact: true }).waitFor();
      await page.getByText(`Version ${revised.number} is the newest saved version.`, { exact: false }).waitFor();
      const redline = page.locator(".redline");
      /** The redline's inserted and deleted words, each run of marks joined. */
      const marks = async () => ({
        inserted: (await redline.locator("ins").allTextContents()).join(" "),
        deleted: (await redline.locator("del").allTextContents()).join(" "),
      });
      await eventually(async () => (await marks()).inserted).toContain("three");
      expect((await marks()).deleted).toContain("ninety");

      // Proposed for sign-off: the same redline, now of the proposed version.
      await api.expect(facilitator, "POST", `/api/policies/${policyId}/proposals`, {
        versionNumber: revised.number,
        contentHash: revised.contentHash,
      });
      await page.reload();
      await page.getByText(`Version ${revised.number} was proposed for approval after the period.`, { exact: false }).waitFor();
      await eventually(async () => (await marks()).inserted).toContain("three");
      expect((await marks()).deleted).toContain("ninety");
      await expectNoViolation(page, "the redline of the proposed version");
      expect(browserTest.problems).toEqual([]);
    },
  );
});
