import { describe, expect, it } from "vitest";
import { browserTestTimeoutMs } from "../e2e-setup.js";
import {
  hostile,
  hostileSlug,
  hostileTitle,
  versionTwoSentence,
  unpublishedSlug,
  unpublishedTitle,
  demoSlug,
  draftOnlyText,
  usePublicSite,
} from "./scene.js";
import { canonicalize, sha256, hrefsIn, pdfText } from "./served-content.js";

// What the public site shows anyone, without an account: the published policies and their search, each
// version's page, canonical JSON, PDF and redline, the verify page and the Atom feed. The scene (the
// demo, a hostile policy in two versions, what stays private) is set up by scene.ts.

describe("the public site, without an account or script", { timeout: browserTestTimeoutMs }, () => {
  const site = usePublicSite();
  const { url, get, getText, newContext } = site;

  describe("what it shows", () => {
    it("lists the published policies and searches them", async () => {
      const index = await getText("/policies");
      expect(index.response.status).toBe(200);
      expect(index.response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(index.response.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(index.text).toContain(`href="/policies/${demoSlug}"`);
      expect(index.text).toContain(`href="/policies/${hostileSlug}"`);
      expect(index.text).not.toContain(unpublishedSlug);
      expect(index.text).not.toContain(unpublishedTitle);

      const camera = await getText("/policies?q=camera");
      expect(camera.text).toContain(`href="/policies/${demoSlug}"`);
      expect(camera.text).not.toContain(`href="/policies/${hostileSlug}"`);
      const nothing = await getText("/policies?q=zeppelin");
      expect(nothing.response.status).toBe(200);
      expect(nothing.text).not.toContain(`href="/policies/${demoSlug}"`);
      expect(nothing.text).not.toContain(`href="/policies/${hostileSlug}"`);
      expect((await getText("/policies?q=zeta")).text).not.toContain(unpublishedSlug);
    });

    it("shows the current version with numbered sections and anchors, its effective date, hash and approval record", async () => {
      const context = await newContext();
      const page = await context.newPage();
      const response = await page.goto(url(`/policies/${demoSlug}`));
      expect(response?.status()).toBe(200);
      expect(await page.locator("h1").first().textContent()).toBe("Body-Worn Camera Policy");

      // Numbered sections, each with an id and a permalink to it.
      const sections = await page.evaluate(() =>
        Array.from(document.querySelectorAll("main h2[id], main h3[id], main h4[id]")).map((heading) => ({
          id: heading.id,
          number: heading.querySelector(".section-number")?.textContent ?? "",
          permalinks: document.querySelectorAll(`a[href="#${CSS.escape(heading.id)}"]`).length,
        })),
      );
      const numbered = sections.filter((section) => /^\d+(\.\d+)*(\.[a-z])?$/.test(section.number));
      expect(numbered.length).toBeGreaterThanOrEqual(5);
      expect(numbered[0]?.number).toBe("1");
      for (const section of numbered) expect(section.permalinks, `a permalink to section ${section.number}`).toBeGreaterThanOrEqual(1);
      // A section's permalink works as an address.
      const first = numbered[0]!;
      await page.goto(url(`/policies/${demoSlug}#${first.id}`));
      expect(await page.locator(`[id="${first.id}"]`).isVisible()).toBe(true);

      const text = await page.locator("main").innerText();
      expect(site.demoEffectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const when = new Date(`${site.demoEffectiveDate}T12:00:00Z`);
      const dateForms = [
        site.demoEffectiveDate,
        when.toLocaleDateString("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
        when.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
      ];
      expect(
        dateForms.some((form) => text.includes(form)),
        `the effective date (${dateForms.join(" or ")}) in:\n${text.slice(0, 600)}`,
      ).toBe(true);
      expect(text).toContain(site.apiHashes.get(`${demoSlug}/1`));
      expect(text).toMatch(/Approval record/);
      for (const expected of [
        "Board of Police Commissioners",
        "Police Union",
        "Resolution 2026-041",
        "Executive board minutes, item 7",
        "Sgt. Marcus Reyes",
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain(draftOnlyText);
    });

    it("links each version's page to its versions, canonical JSON, PDF and the verify page", async () => {
      const { text } = await getText(`/policies/${hostileSlug}/versions/1`);
      const hrefs = hrefsIn(text);
      for (const expected of [
        `/policies/${hostileSlug}/versions`,
        `/policies/${hostileSlug}/versions/1/canonical.json`,
        `/policies/${hostileSlug}/versions/1/pdf`,
        "/verify",
      ]) {
        expect(hrefs, `a link to ${expected}`).toContain(expected);
      }
    });

    it("lists every published version and shows each one", async () => {
      const { response, text } = await getText(`/policies/${hostileSlug}/versions`);
      expect(response.status).toBe(200);
      const hrefs = hrefsIn(text);
      expect(hrefs).toContain(`/policies/${hostileSlug}/versions/1`);
      expect(hrefs).toContain(`/policies/${hostileSlug}/versions/2`);
      expect(text).toContain(site.apiHashes.get(`${hostileSlug}/1`));
      expect(text).toContain(site.apiHashes.get(`${hostileSlug}/2`));

      const one = await getText(`/policies/${hostileSlug}/versions/1`);
      expect(one.response.status).toBe(200);
      expect(one.text).toContain(site.apiHashes.get(`${hostileSlug}/1`));
      expect(one.text).not.toContain(versionTwoSentence);
      const two = await getText(`/policies/${hostileSlug}/versions/2`);
      expect(two.response.status).toBe(200);
      expect(two.text).toContain(site.apiHashes.get(`${hostileSlug}/2`));
      expect(two.text).toContain(versionTwoSentence);

      const demoVersions = await getText(`/policies/${demoSlug}/versions`);
      expect(hrefsIn(demoVersions.text)).toContain(`/policies/${demoSlug}/versions/1`);
      expect(hrefsIn(demoVersions.text)).not.toContain(`/policies/${demoSlug}/versions/2`);
    });

    it("shows the newest publication after a second one, not a stale page", async () => {
      expect(site.pageBeforeSecondPublication).toContain(site.apiHashes.get(`${hostileSlug}/1`));
      const { text } = await getText(`/policies/${hostileSlug}`);
      expect(text).toContain(site.apiHashes.get(`${hostileSlug}/2`));
      expect(text).toContain(versionTwoSentence);
      expect(site.indexBeforeSecondPublication).toContain(`href="/policies/${hostileSlug}"`);
    });

    it("serves each version's exact canonical JSON, whose SHA-256 is the hash its page shows", async () => {
      for (const [slug, number] of [
        [demoSlug, 1],
        [hostileSlug, 1],
        [hostileSlug, 2],
      ] as const) {
        const response = await get(`/policies/${slug}/versions/${number}/canonical.json`);
        expect(response.status, `${slug} version ${number}`).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        // The JSON holds the hostile text raw: it must never be sniffed as HTML.
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        const bytes = new Uint8Array(await response.arrayBuffer());
        const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        expect(canonicalize(JSON.parse(text)), "the served JSON is already canonical").toBe(text);

        const page = (await getText(`/policies/${slug}/versions/${number}`)).text;
        const shown = [...new Set(page.match(/\b[0-9a-f]{64}\b/g) ?? [])];
        expect(shown, `the hashes shown on ${slug} version ${number}`).toHaveLength(1);
        expect(sha256(bytes)).toBe(shown[0]);
        expect(sha256(bytes)).toBe(site.apiHashes.get(`${slug}/${number}`));
      }
      // The current page shows the current version's hash.
      const current = (await getText(`/policies/${hostileSlug}`)).text;
      expect(current).toContain(
        sha256(new Uint8Array(await (await get(`/policies/${hostileSlug}/versions/2/canonical.json`)).arrayBuffer())),
      );
    });

    it("serves each published version as a PDF download with its title and hash", async () => {
      for (const [slug, number] of [
        [demoSlug, 1],
        [hostileSlug, 2],
      ] as const) {
        const response = await get(`/policies/${slug}/versions/${number}/pdf`);
        expect(response.status, `${slug} version ${number}`).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/pdf/);
        expect(response.headers.get("content-disposition") ?? "").toMatch(/^attachment;.*\.pdf/);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
        const text = (await pdfText(bytes)).replace(/\s+/g, " ");
        expect(text.replace(/\s/g, "")).toContain(site.apiHashes.get(`${slug}/${number}`));
        expect(text).not.toContain(draftOnlyText);
        if (slug === hostileSlug) expect(text).toContain(hostile.script);
      }
    });

    it("shows a redline between two published versions", async () => {
      const context = await newContext();
      const page = await context.newPage();
      const response = await page.goto(url(`/policies/${hostileSlug}/compare/1/2`));
      expect(response?.status()).toBe(200);
      // Word-level: the sentence's final full stop is common to both versions, so it is not inserted.
      const inserted = (await page.locator("main ins").allInnerTexts()).join(" ");
      expect(inserted).toContain(versionTwoSentence.replace(/\.$/, ""));
      expect(inserted).toContain(hostile.jsMixed);
      expect(inserted).toContain(hostile.svg);
      const deleted = (await page.locator("main del").allInnerTexts()).join(" ");
      expect(deleted).toContain("End of version one");
      expect(deleted).not.toContain(versionTwoSentence.replace(/\.$/, ""));
      // Either way round.
      expect((await get(`/policies/${hostileSlug}/compare/2/1`)).status).toBe(200);
    });

    it("explains how to verify a hash", async () => {
      const { response, text } = await getText("/verify");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(text).toMatch(/SHA-256/);
      expect(text).toMatch(/canonical/i);
    });

    it("publishes an Atom feed of the publications, well-formed with hostile titles", async () => {
      const { response, text } = await getText("/policies/feed.atom");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
      const context = await newContext();
      const page = await context.newPage();
      const feed = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        const error = doc.querySelector("parsererror")?.textContent ?? null;
        const atom = "http://www.w3.org/2005/Atom";
        return {
          error,
          namespace: doc.documentElement.namespaceURI,
          root: doc.documentElement.localName,
          entries: Array.from(doc.getElementsByTagNameNS(atom, "entry")).map((entry) => ({
            title: entry.getElementsByTagNameNS(atom, "title")[0]?.textContent ?? "",
            id: entry.getElementsByTagNameNS(atom, "id")[0]?.textContent ?? "",
            updated: entry.getElementsByTagNameNS(atom, "updated")[0]?.textContent ?? "",
            links: Array.from(entry.getElementsByTagNameNS(atom, "link")).map((link) => link.getAttribute("href") ?? ""),
          })),
        };
      }, text);
      expect(feed.error).toBeNull();
      expect(feed.root).toBe("feed");
      expect(feed.namespace).toBe("http://www.w3.org/2005/Atom");
      // The demo's version 1 and both hostile versions: three publications, nothing else.
      expect(feed.entries).toHaveLength(3);
      for (const entry of feed.entries) {
        expect(entry.id).not.toBe("");
        expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        // With no PUBLIC_ORIGIN (as here), links are relative to the feed's address, never built from a request's Host.
        expect(
          entry.links.some((link) => new URL(link, `${site.origin}/policies/feed.atom`).href.startsWith(`${site.origin}/policies/`)),
        ).toBe(true);
      }
      expect(feed.entries.some((entry) => entry.title.includes(hostileTitle))).toBe(true);
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toContain(unpublishedTitle);
      expect(text).not.toContain(draftOnlyText);
      expect(text).not.toContain(`/policies/${demoSlug}/versions/2`);
      for (const href of hrefsIn(text)) expect(new URL(href, `${site.origin}/policies/feed.atom`).origin).toBe(site.origin);
    });
  });
});
