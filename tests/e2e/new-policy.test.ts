import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLimits } from "../../packages/api-contract/src/import-limits.js";
import { zipOf } from "../support/hostile-zips.js";
import { wordFileOf } from "../support/word-file.js";
import { runAxe } from "./axe.js";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs, eventually } from "./e2e-setup.js";

// Issue 16, item 4: the facilitator sets up a policy in one flow in the browser: title and summary, the
// working group (several people at once, affiliations filled in from their accounts), the approving bodies
// and the sign-off rule, a Markdown file to start the draft from, the summary to check, then "Create
// policy" opens the new draft with the file's headings, list and link, and the members page lists the group.
describe("the new-policy flow in the browser", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();
  let folder = "";
  let markdownPath = "";
  let textPath = "";
  let wordPath = "";
  let richMarkdownPath = "";
  let tooLargeWordPath = "";
  let notWordPath = "";

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "accord-new-policy-"));
    markdownPath = join(folder, "drones.md");
    textPath = join(folder, "notes.pdf");
    await writeFile(
      markdownPath,
      "# Purpose\n\nDrones fly **only** with [a warrant](https://law.example/warrant).\n\n## Limits\n\n- no night flights\n- no facial recognition\n\n[bad](javascript:alert(1))\n",
    );
    await writeFile(textPath, "%PDF-1.4 not a policy");
    // A real Word file: Word heading styles, a bulleted and a numbered Word list, bold, italic and a hyperlink.
    wordPath = join(folder, "patrol-cars.docx");
    await writeFile(
      wordPath,
      await wordFileOf({
        heading: "Purpose",
        subheading: "Checks",
        sentence: {
          before: "Cars are ",
          bold: "always",
          between: " checked ",
          italic: "before a shift",
          link: { text: "the manual", href: "https://fleet.example/manual" },
        },
        bulleted: ["tyres", "brakes"],
        numbered: ["sign the log", "report a fault"],
      }),
    );
    richMarkdownPath = join(folder, "radios.md");
    await writeFile(
      richMarkdownPath,
      "# Purpose\n\nRadios are **always** carried, *switched on*, as [the guide](https://radio.example/guide) says.\n\n## Care\n\n- charge nightly\n- keep dry\n\n1. log the serial\n2. return at shift end\n",
    );
    // One byte over the limit: the browser refuses it before anything is uploaded.
    tooLargeWordPath = join(folder, "scanned.docx");
    await writeFile(tooLargeWordPath, Buffer.alloc(importLimits.docxBytes + 1));
    // A .docx that is a valid zip, small enough for the browser's check, but not a Word document: the server refuses it.
    notWordPath = join(folder, "minutes.docx");
    await writeFile(notWordPath, zipOf([{ name: "minutes.txt", content: Buffer.from("Minutes of the March meeting.\n") }]));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("walks the facilitator from the list to the new draft started from a Markdown file", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1280, height: 900 } });
    // Demo accounts carry their demo affiliation as their default, which step 2 fills in. The citizen's is
    // cleared on the people page, so that the step asks for hers.
    await page.getByRole("link", { name: "People" }).click();
    expect(await page.getByRole("combobox", { name: "Default affiliation of Sgt. Marcus Reyes" }).inputValue()).toBe("police");
    await page.getByRole("combobox", { name: "Default affiliation of Priya Natarajan" }).selectOption("");
    await page.getByRole("button", { name: "Save the default affiliation of Priya Natarajan" }).click();
    await page.getByText("Saved the default affiliation of Priya Natarajan.").waitFor();
    await page.getByRole("link", { name: "My policies" }).first().click();

    await page.getByRole("link", { name: "New policy" }).click();
    await page.getByRole("heading", { name: "Title and summary" }).waitFor();
    // A step refuses to go on without its answer, saying what is missing.
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("alert").getByRole("link", { name: "Enter the policy's title" }).waitFor();
    await page.getByRole("textbox", { name: "Title" }).fill("Use of Drones");
    await page.getByRole("textbox", { name: /Summary/ }).fill("When the department may fly drones.");
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("heading", { name: "Working group" }).waitFor();
    const rows = page.locator("tbody tr");
    const officerRow = rows.filter({ hasText: "officer@accord.test" });
    const citizenRow = rows.filter({ hasText: "citizen@accord.test" });
    const advocateRow = rows.filter({ hasText: "advocate@accord.test" });
    for (const row of [officerRow, citizenRow, advocateRow]) await row.getByRole("checkbox").check();
    await advocateRow.getByRole("combobox", { name: /^Role of/ }).selectOption("commenter");
    // The officer's affiliation comes from the account; the citizen's was cleared, so the step asks for it.
    expect(await officerRow.getByRole("combobox", { name: /^Affiliation of/ }).inputValue()).toBe("police");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("alert").getByRole("link", { name: "Choose the affiliation of Priya Natarajan" }).waitFor();
    await citizenRow.getByRole("combobox", { name: /^Affiliation of/ }).selectOption("citizen");
    await advocateRow.getByRole("combobox", { name: /^Affiliation of/ }).selectOption("community");
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("heading", { name: "Approving bodies and sign-off rule" }).waitFor();
    await page.getByRole("checkbox", { name: "Board of Police Commissioners" }).check();
    await page.getByRole("radio", { name: "A majority of editors sign off" }).check();
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("heading", { name: "How the draft starts" }).waitFor();
    await page.getByRole("radio", { name: "From a Markdown or Word file" }).check();
    // A file that is neither Markdown nor Word is refused with a clear message, before anything is sent.
    await page.locator("#start-file").setInputFiles(textPath);
    await page.getByRole("button", { name: "Continue" }).click();
    await page
      .getByRole("alert")
      .getByText(/is not a Markdown \(\.md\) or Word \(\.docx\) file/)
      .waitFor();
    await page.locator("#start-file").setInputFiles(markdownPath);
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("heading", { name: "Check your answers" }).waitFor();
    const summary = page.locator("dl.facts");
    await expect.poll(() => summary.textContent()).toContain("Use of Drones");
    const summaryText = (await summary.textContent()) ?? "";
    expect(summaryText).toContain("Board of Police Commissioners");
    expect(summaryText).toContain("A majority of editors sign off");
    expect(summaryText).toContain("Imported from “drones.md” (Markdown");
    expect(summaryText).toMatch(/Commenter, Community organi[sz]ation/);
    // "Change" goes back to its step and returns straight to the summary.
    await page.getByRole("button", { name: "Change summary" }).click();
    await page.getByRole("textbox", { name: /Summary/ }).fill("When and how the department may fly drones.");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Check your answers" }).waitFor();
    expect(await summary.textContent()).toContain("When and how the department may fly drones.");

    await page.getByRole("button", { name: "Create policy" }).click();
    await page.waitForURL(/\/app\/policies\/[0-9a-f-]{36}$/);
    const editor = page.locator(".policy-editor-content");
    // Headings render one level below the page's own, marked with their level in the policy.
    await editor.locator(".policy-heading-1", { hasText: "Purpose" }).waitFor();
    await editor.locator(".policy-heading-2", { hasText: "Limits" }).waitFor();
    expect(await editor.locator("li").allTextContents()).toEqual(["no night flights", "no facial recognition"]);
    expect(await editor.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual([
      "https://law.example/warrant",
    ]);
    expect(await editor.textContent()).toContain("[bad](javascript:alert(1))");

    const policyId = /\/app\/policies\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    await page.goto(browserTest.url(`/app/policies/${policyId}/members`));
    for (const email of ["officer@accord.test", "citizen@accord.test", "advocate@accord.test"]) {
      await page.getByText(email).first().waitFor();
    }
    expect(browserTest.problems).toEqual([]);
  });

  /** Goes through the first three steps with a title and no group or bodies, to "How the draft starts". */
  async function startNewPolicy(page: Page, title: string): Promise<void> {
    await page.goto(browserTest.url("/app/policies/new"));
    await page.getByRole("heading", { name: "Title and summary" }).waitFor();
    await page.getByRole("textbox", { name: "Title" }).fill(title);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Working group" }).waitFor();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Approving bodies and sign-off rule" }).waitFor();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "How the draft starts" }).waitFor();
    await page.getByRole("radio", { name: "From a Markdown or Word file" }).check();
  }

  /** Imports the file, creates the policy and waits for its draft to show the first heading. */
  async function createFrom(page: Page, path: string): Promise<void> {
    await page.locator("#start-file").setInputFiles(path);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Check your answers" }).waitFor();
    await page.getByRole("button", { name: "Create policy" }).click();
    await page.waitForURL(/\/app\/policies\/[0-9a-f-]{36}$/);
    await page.locator(".policy-editor-content .policy-heading-1", { hasText: "Purpose" }).waitFor();
  }

  /** What the draft holds of the file's structure: headings by level, lists with their items, marks, links. */
  async function draftStructure(page: Page) {
    const editor = page.locator(".policy-editor-content");
    // A heading's words, without the section number the editor draws before them.
    const headingWords = (level: number) =>
      editor.locator(`.policy-heading-${level}`).evaluateAll((headings) =>
        headings.map((heading) => {
          const words = heading.cloneNode(true) as Element;
          words.querySelectorAll(".section-number").forEach((number) => number.remove());
          return words.textContent;
        }),
      );
    return {
      headings1: await headingWords(1),
      headings2: await headingWords(2),
      bulleted: await editor.locator("ul > li").allTextContents(),
      numbered: await editor.locator("ol > li").allTextContents(),
      bold: await editor.locator("strong").allTextContents(),
      italic: await editor.locator("em").allTextContents(),
      links: await editor.locator("a").evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute("href")])),
    };
  }

  it("starts drafts from a real Word file and a Markdown file with headings, lists, emphasis and links kept", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { viewport: { width: 1280, height: 900 } });

    await startNewPolicy(page, "Patrol Cars");
    await createFrom(page, wordPath);
    expect(await draftStructure(page)).toEqual({
      headings1: ["Purpose"],
      headings2: ["Checks"],
      bulleted: ["tyres", "brakes"],
      numbered: ["sign the log", "report a fault"],
      bold: ["always"],
      italic: ["before a shift"],
      links: [["the manual", "https://fleet.example/manual"]],
    });
    expect(await page.locator(".policy-editor-content p").first().textContent()).toBe("Cars are always checked before a shift the manual.");

    await startNewPolicy(page, "Radios");
    await createFrom(page, richMarkdownPath);
    expect(await draftStructure(page)).toEqual({
      headings1: ["Purpose"],
      headings2: ["Care"],
      bulleted: ["charge nightly", "keep dry"],
      numbered: ["log the serial", "return at shift end"],
      bold: ["always"],
      italic: ["switched on"],
      links: [["the guide", "https://radio.example/guide"]],
    });
    expect(browserTest.problems).toEqual([]);
  });

  it("refuses a Word file over the size limit beside the field, before uploading it", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const uploads: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/policies")) uploads.push(request.url());
    });
    await startNewPolicy(page, "Too Large Import");
    await page.locator("#start-file").setInputFiles(tooLargeWordPath);
    await page.getByRole("button", { name: "Continue" }).click();
    const message = "“scanned.docx” is 2.1 MB. A Word file must be at most 2 MB.";
    // Beside the field, tied to it, and in the summary that links to it.
    const besideField = page.locator("#start-file-error");
    await besideField.waitFor();
    expect(await besideField.textContent()).toBe(message);
    const input = page.locator("#start-file");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await input.getAttribute("aria-describedby")).toBe("start-file-hint start-file-error");
    expect(await page.getByRole("alert").getByRole("link", { name: message }).getAttribute("href")).toBe("#start-file");
    // The step did not move on, and nothing was sent.
    expect(await page.getByRole("heading", { name: "How the draft starts" }).isVisible()).toBe(true);
    expect(uploads).toEqual([]);
    const { passes, violations, report } = await runAxe(page);
    expect(passes, "axe ran its rules on the refused file").toBeGreaterThan(5);
    expect(violations, `axe violations on the refused file:\n${report}`).toEqual([]);
    expect(browserTest.problems).toEqual([]);
  });

  it("ties the server's refusal of a file the browser let through to the file field, and creates nothing", async () => {
    const page = await browserTest.signIn("facilitator@accord.test", { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await startNewPolicy(page, "Minutes Import");
    await page.locator("#start-file").setInputFiles(notWordPath);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Check your answers" }).waitFor();
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/api/policies"));
    await page.getByRole("button", { name: "Create policy" }).click();
    const refusal = await answered;
    expect(refusal.status()).toBe(422);
    const { error } = (await refusal.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("import_unreadable");
    expect(error.message).toMatch(/^“minutes\.docx”: This file is not a Word document/);

    // Back on the step of the file, the server's words are the file field's problem: beside it, tied to it,
    // and in the summary, which takes the focus and whose link moves the focus to the field.
    await page.getByRole("heading", { name: "How the draft starts" }).waitFor();
    const besideField = page.locator("#start-file-error");
    await besideField.waitFor();
    expect(await besideField.textContent()).toBe(error.message);
    const input = page.locator("#start-file");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await input.getAttribute("aria-describedby")).toBe("start-file-hint start-file-error");
    const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
    await eventually(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
    const link = summary.getByRole("link", { name: error.message });
    expect(await link.getAttribute("href")).toBe("#start-file");
    await link.click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe("start-file");
    const { passes, violations, report } = await runAxe(page);
    expect(passes, "axe ran its rules on the refused file").toBeGreaterThan(5);
    expect(violations, `axe violations on the server's refusal:\n${report}`).toEqual([]);

    // Nothing was created; another file then goes through, back by way of the summary to check.
    const titles = await page.evaluate(async () => {
      const response = await fetch("/api/policies", { credentials: "same-origin" });
      return ((await response.json()) as { policies: { title: string }[] }).policies.map((policy) => policy.title);
    });
    expect(titles).not.toContain("Minutes Import");
    await createFrom(page, markdownPath);
    expect(await page.locator("#start-file-error").count()).toBe(0);
    expect(browserTest.problems).toEqual([]);
  });
});
