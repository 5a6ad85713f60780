import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishDemoDraft } from "@accord/test-support/publish-draft.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { parseHtmlAsXhtml } from "@accord/test-support/strict-markup.js";
import { allElements, nameFromContent, parseXmlTree, textOf } from "@accord/test-support/xml-tree.js";

// Issue 12, item 7 (the public site): headings named by their words alone, a compare page whose key is
// true, an icon, a description on every page, and the site's own 404 page for any unknown address.

const slug = "body-worn-cameras";

/** Parses a page as XHTML (doctype dropped, void elements closed) into a tree. */
function pageTree(html: string) {
  parseHtmlAsXhtml(html); // throws first if the page is not well-formed
  return parseXmlTree(html.replace(/^<!doctype html>/i, "").replace(/<(meta|link|input|br|hr|img)\b([^>]*?)\/?>/gi, "<$1$2/>"));
}

describe("the public pages' details", () => {
  let accord: TestAccord;

  beforeAll(async () => {
    accord = await startTestAccord("pglite");
    await publishDemoDraft(accord, "2026-11-27");
  });
  afterAll(() => accord.close());

  it("names each section heading by its number and words, with the permalink beside it under its own name", async () => {
    const tree = pageTree((await accord.request({ url: `/policies/${slug}` })).body);
    const headings = allElements(tree).filter((element) => /^h[2-6]$/.test(element.name) && element.attributes.id?.startsWith("section-"));
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of headings) {
      const name = nameFromContent(heading);
      expect(name).not.toMatch(/link to section/i);
      expect(name).not.toContain("#");
      expect(name.startsWith(textOf(heading).trim().split(" ")[0]!)).toBe(true);
    }
    const permalinks = allElements(tree).filter((element) => element.name === "a" && element.attributes.class === "section-link");
    expect(permalinks).toHaveLength(headings.length);
    expect(permalinks.map((link) => link.attributes["aria-label"])).toEqual(
      headings.map((heading) => `Link to section ${textOf(heading).trim().split(" ")[0]}`),
    );
  });

  it("shows on the compare page a key of how changes are marked, in the words screen readers hear", async () => {
    const page = (await accord.request({ url: `/policies/${slug}/compare/1/2` })).body;
    const key = /<p class="redline-key">([^]*?)<\/p>/.exec(page)?.[1] ?? "";
    expect(key).toMatch(/<ins>[^<]+<\/ins>/);
    expect(key).toMatch(/<del>[^<]+<\/del>/);
    // Every phrase the key says screen readers hear is real text, hidden from sight, at the start and
    // the end of each change of the redline (not CSS-generated content, which some screen readers skip).
    const phrases = [...key.matchAll(/“([^”]+)”/g)].map((match) => match[1]);
    expect(phrases).toEqual(["insertion start", "insertion end", "deletion start", "deletion end"]);
    const redline = page.slice(page.indexOf('<div class="redline">'));
    const changes = [...redline.matchAll(/<(ins|del)>(.*?)<\/\1>/g)];
    expect(changes.map((change) => change[1])).toEqual(expect.arrayContaining(["ins", "del"]));
    for (const [, tag, inner] of changes) {
      const [start, end] = tag === "ins" ? phrases.slice(0, 2) : phrases.slice(2);
      expect(inner).toMatch(
        new RegExp(`^<span class="visually-hidden">\\[${start}\\] </span>.*<span class="visually-hidden"> \\[${end}\\]</span>$`),
      );
    }
    const stylesheet = (await accord.request({ url: "/public/site.css" })).body;
    expect(stylesheet).toMatch(/\.visually-hidden \{[^}]*position: absolute/);
    expect(stylesheet).not.toMatch(/content: "[^"]/);
  });

  it("keeps bold and links in the compare page's redline, links to their own address only", async () => {
    const page = (await accord.request({ url: `/policies/${slug}/compare/1/2` })).body;
    const redline = page.slice(page.indexOf('<div class="redline">'));
    // Section 8.2 of the seeded policy: the bold "90" of "90 days" was replaced by a suggested, plain "120".
    const hidden = (words: string) => `<span class="visually-hidden">${words}</span>`;
    expect(redline).toContain(
      `<del>${hidden("[deletion start] ")}<strong>90</strong>${hidden(" [deletion end]")}</del><ins>${hidden("[insertion start] ")}120${hidden(" [insertion end]")}</ins><strong> days</strong>`,
    );
    const links = [...redline.matchAll(/<a href="([^"]*)"[^>]*>/g)].map((match) => match[1]);
    expect(links).toContain("https://bja.ojp.gov/program/bwc");
    for (const href of links) expect(href).toMatch(/^(https:\/\/|mailto:)/);
  });

  it("serves an icon at /favicon.ico and /favicon.svg, named by every page", async () => {
    for (const url of ["/favicon.ico", "/favicon.svg"]) {
      const icon = await accord.request({ url });
      expect(icon.statusCode, url).toBe(200);
      expect(icon.headers["content-type"]).toContain("image/svg+xml");
      expect(parseXmlTree(icon.body).name).toBe("svg");
    }
    expect((await accord.request({ url: "/policies" })).body).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg">');
  });

  it("describes every page, a policy's pages by its published summary", async () => {
    const summary = (await accord.request({ url: `/policies/${slug}` })).body.match(/<p class="summary">([^<]*)<\/p>/)?.[1];
    expect(summary).toBeTruthy();
    for (const url of [`/policies/${slug}`, `/policies/${slug}/versions`, `/policies/${slug}/versions/1`]) {
      expect((await accord.request({ url })).body, url).toContain(`<meta name="description" content="${summary}">`);
    }
    for (const url of ["/policies", "/verify", `/policies/${slug}/compare/1/2`, "/policies/no-such-policy"]) {
      expect((await accord.request({ url })).body, url).toMatch(/<meta name="description" content="[^"]{20,}">/);
    }
  });

  it.each([`/policies/${slug}/verify`, `/policies/${slug}/versions/1/nothing`, "/policies/a/b/c/d", "/public/nothing.css"])(
    "answers %s with the site's HTML 404 page",
    async (url) => {
      const response = await accord.request({ url });
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain("<h1>Not found</h1>");
      expect(response.body).toContain('href="/policies"');
    },
  );
});
