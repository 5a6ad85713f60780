import { describe, expect, it } from "vitest";
import { browserTestTimeoutMs } from "../e2e-setup.js";
import {
  hostile,
  hostileStrings,
  hostileSlug,
  hostileTitle,
  hostileEditors,
  boardReference,
  unionReference,
  hostileHref,
  htmlPages,
  hostilePages,
  usePublicSite,
} from "./scene.js";
import { hrefsIn } from "./served-content.js";

// Hostile input: every free-text field of the scene's hostile policy (scene.ts) carries markup and
// script, and every public page must show it as literal text and run none of it under the real
// Content-Security-Policy, however a person moves through the page.

describe("the public site, without an account or script", { timeout: browserTestTimeoutMs }, () => {
  const site = usePublicSite();
  const { url, getText, newContext } = site;

  describe("hostile input", () => {
    it("never reaches a public page as markup: no script element and no javascript: link at all", async () => {
      const problems: string[] = [];
      for (const pathname of Object.values(htmlPages)) {
        const { response, text } = await getText(pathname);
        if (!response.headers.get("content-security-policy")?.includes("script-src 'self'"))
          problems.push(`${pathname}: no script-src 'self' CSP`);
        if (/<script/i.test(text))
          problems.push(
            `${pathname}: has <script: …${text.slice(Math.max(0, text.search(/<script/i) - 80), text.search(/<script/i) + 80)}…`,
          );
        for (const href of hrefsIn(text)) {
          if (/javascript:/i.test(href.replace(/[\s\u0000-\u001f]/g, ""))) problems.push(`${pathname}: href ${JSON.stringify(href)}`);
        }
        if (/<(img|svg|iframe|object|embed)\b/i.test(text)) problems.push(`${pathname}: has an <img, <svg or other embedding element`);
        for (const tag of text.matchAll(/<[a-z][^>]*>/gi)) {
          if (/\son[a-z]+\s*=/i.test(tag[0].replace(/"[^"]*"|'[^']*'/g, '""')))
            problems.push(`${pathname}: event-handler attribute in ${tag[0]}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("has a working detector: the same payload does run on a page without the site's escaping and CSP", async () => {
      const context = await newContext();
      const page = await context.newPage();
      await page.setContent(`<p>control</p><img src=x onerror="window.__pwned=1">`);
      await page.waitForFunction(() => (window as unknown as { __pwned?: unknown }).__pwned === 1);
    });

    it("keeps the hostile https link's address inside its attribute", async () => {
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(url(`/policies/${hostileSlug}`));
      const hrefs = await page.locator("main .policy-text a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(hrefs).toContain(hostileHref);
    });

    for (const pathname of hostilePages) {
      it(`shows it as literal text and runs none of it under the real CSP: ${pathname}`, async () => {
        const context = await newContext();
        const page = await context.newPage();
        const dialogs: string[] = [];
        const problems: string[] = [];
        page.on("dialog", (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss().catch(() => undefined);
        });
        page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
        page.on("console", (message) => {
          // The 404 page's own status is logged as a failed load; anything else (a CSP refusal above all) is a finding.
          if (!/^Failed to load resource: the server responded with a status of 404/.test(message.text())) {
            problems.push(`console ${message.type()}: ${message.text()}`);
          }
        });
        page.on("download", (download) => void download.cancel().catch(() => undefined));
        const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

        const response = await page.goto(url(pathname));
        expect(response?.status()).toBe(pathname === htmlPages.notFoundHostileSlug ? 404 : 200);
        const shown = await page.locator("body").innerText();
        const title = await page.title();

        // The DOM holds no active content at all.
        const active = await page.evaluate(() => ({
          scripts: document.querySelectorAll("script").length,
          embedded: document.querySelectorAll("img, svg, iframe, object, embed, frame").length,
          handlers: Array.from(document.querySelectorAll("*")).flatMap((element) =>
            Array.from(element.attributes)
              .filter((attribute) => /^on/i.test(attribute.name))
              .map((attribute) => `${element.localName}[${attribute.name}]`),
          ),
          javascriptLinks: Array.from(document.querySelectorAll("a[href], area[href], form[action]"))
            .map((element) => (element as HTMLAnchorElement).href || (element as HTMLFormElement).action)
            .filter((href) => /^javascript:/i.test(href)),
        }));
        expect(active).toEqual({ scripts: 0, embedded: 0, handlers: [], javascriptLinks: [] });

        // Literal text where the page shows hostile fields.
        if (pathname === htmlPages.index) {
          expect(shown).toContain(hostileTitle);
          for (const string of hostileStrings) expect(shown).toContain(string);
        }
        if (pathname === htmlPages.searchHostile) {
          expect(await page.locator("input[name=q]").inputValue()).toBe(hostile.img);
          expect(shown).toContain(hostileTitle);
        }
        if ([htmlPages.hostile, htmlPages.hostileVersionOne, htmlPages.hostileVersionTwo].includes(pathname as never)) {
          expect(await page.locator("h1").first().innerText()).toBe(hostileTitle);
          expect(title).toContain(hostile.title);
          for (const string of hostileStrings) expect(shown, `the page shows ${string}`).toContain(string);
          // The approval record: the editors' names and the meeting references, as text.
          for (const editor of hostileEditors) expect(shown).toContain(editor.displayName);
          expect(shown).toContain(boardReference);
          expect(shown).toContain(unionReference);
          // The policy text's headings, as text inside the numbered headings.
          const headings = await page.locator("main h2, main h3").allInnerTexts();
          expect(headings.some((heading) => heading.includes(hostile.script))).toBe(true);
          expect(headings.some((heading) => heading.includes(hostile.title))).toBe(true);
        }
        if (pathname === htmlPages.hostileVersions || pathname === htmlPages.hostileCompare) {
          expect(shown).toContain(hostileTitle);
          expect(title).toContain(hostile.title);
        }
        if (pathname === htmlPages.hostileCompare) {
          expect(shown).toContain(hostile.script);
          expect(shown).toContain(hostile.jsMixed);
        }

        // Move over and through everything, as a person would.
        const targets = page.locator(
          "main a, main p, main li, main h1, main h2, main h3, main code, main span, main strong, main ins, main del",
        );
        const count = Math.min(await targets.count(), 60);
        for (let index = 0; index < count; index++) {
          await targets
            .nth(index)
            .hover({ timeout: 2_000, force: true })
            .catch(() => undefined);
        }
        for (let press = 0; press < 25; press++) await page.keyboard.press("Tab");
        expect(await pwned()).toBeUndefined();

        // Follow the first links that lead to pages (not downloads), and come back.
        const links = (
          await page.locator("main a[href]").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""))
        ).filter((href) => !/\/pdf$|\.json$|\.atom$/.test(href) && !/^https?:\/\/(?!127\.0\.0\.1)/.test(href));
        for (const href of links.slice(0, 6)) {
          await page
            .locator(`main a[href="${href.replace(/["\\]/g, "\\$&")}"]`)
            .first()
            .click();
          await page.waitForLoadState("load");
          expect(await pwned(), `after following ${href}`).toBeUndefined();
          await page.goto(url(pathname));
        }
        // A link that is only shown as text is never a link: the corpus's <a href="javascript:…"> is text.
        expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);

        expect(await pwned()).toBeUndefined();
        expect(dialogs).toEqual([]);
        expect(problems).toEqual([]);
      });
    }

    it("serves the hostile canonical JSON as JSON that runs nothing when opened", async () => {
      const context = await newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss().catch(() => undefined);
      });
      await page.goto(url(`/policies/${hostileSlug}/versions/1/canonical.json`));
      expect(await page.evaluate(() => document.querySelectorAll("script, img, svg").length)).toBe(0);
      expect(await page.locator("body").innerText()).toContain(JSON.stringify(hostile.script).slice(1, -1));
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    });
  });
});
