import { describe, expect, it } from "vitest";
import { browserTestTimeoutMs } from "../e2e-setup.js";
import { hostileSlug, unpublishedSlug, unpublishedTitle, demoSlug, draftOnlyText, htmlPages, usePublicSite } from "./scene.js";

// What the public site keeps private: a policy approved but never published and a draft version under
// review answer 404 on every public route, and the draft's new text shows on no public page. The scene
// is set up by scene.ts.

describe("the public site, without an account or script", { timeout: browserTestTimeoutMs }, () => {
  const site = usePublicSite();
  const { get, getText } = site;

  describe("what it keeps private", () => {
    async function expectNotFound(pathname: string, mustNotContain: string[]) {
      const response = await get(pathname);
      const text = await response.text();
      expect(response.status, pathname).toBe(404);
      expect(response.headers.get("content-type"), `${pathname} answers an HTML page`).toMatch(/^text\/html/);
      expect(response.headers.get("content-disposition") ?? "", `${pathname} is not a download`).not.toMatch(/attachment/);
      expect(text).toMatch(/<html/i);
      for (const secret of mustNotContain) expect(text, `${pathname} shows ${secret}`).not.toContain(secret);
    }

    it("answers 404 with an HTML page on every route of a policy approved but never published", async () => {
      for (const suffix of ["", "/versions", "/versions/1", "/versions/1/canonical.json", "/versions/1/pdf", "/compare/1/1"]) {
        await expectNotFound(`/policies/${unpublishedSlug}${suffix}`, [unpublishedTitle, "Unpublished reference 99"]);
      }
    });

    it("answers 404 on every route of the demo's unpublished version 2", async () => {
      for (const suffix of [
        "/versions/2",
        "/versions/2/canonical.json",
        "/versions/2/pdf",
        "/compare/1/2",
        "/compare/2/1",
        "/compare/2/2",
      ]) {
        await expectNotFound(`/policies/${demoSlug}${suffix}`, [draftOnlyText]);
      }
      await expectNotFound(`/policies/${demoSlug}/versions/3`, []);
      await expectNotFound(`/policies/${hostileSlug}/versions/3/canonical.json`, []);
      await expectNotFound(`/policies/${hostileSlug}/compare/1/3`, []);
    });

    it("shows the demo draft's new text on no public page", async () => {
      const pages = [
        ...Object.values(htmlPages),
        "/policies?q=community",
        "/policies?q=reporting",
        `/policies/${demoSlug}/versions/1/canonical.json`,
        "/policies/feed.atom",
        `/policies/${demoSlug}/compare/1/1`,
      ];
      for (const pathname of pages) {
        const { text } = await getText(pathname);
        expect(text, pathname).not.toContain(draftOnlyText);
      }
      expect((await getText("/policies?q=community%20reporting")).text).not.toContain(`href="/policies/${demoSlug}"`);
    });
  });
});
