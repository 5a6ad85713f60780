import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { launchChromium } from "./chromium.js";
import { browserHookTimeoutMs, browserTestTimeoutMs, newBrowserContext } from "./e2e-setup.js";
import { repositoryRoot, startAccordProcess, type AccordProcess } from "./accord-process.js";
import {
  AccordApi,
  addEditor,
  createAccount,
  createPolicy,
  findBodies,
  publishVersion,
  saveVersion,
  writeDraft,
  type DraftBlock,
  type Session,
} from "./publish-via-api.js";

// The public site on the built server, as anyone reads it: no account, no script, the real
// Content-Security-Policy. Besides the demo's published body-worn camera policy, the test publishes
// (through the API, as the group would) a policy whose every free-text field is hostile, in two versions,
// and keeps two things private: a policy approved but never published, and the demo's draft saved as an
// unpublished version 2 under review. Every public page must show the hostile text as text and run none
// of it, leak nothing private, pass axe's WCAG 2.1 A/AA rules, and fit a phone's width.

const require = createRequire(import.meta.url);

/** The hostile corpus: each string goes into several fields. */
const hostile = {
  script: "<script>window.__pwned=1</script>",
  img: `"><img src=x onerror="window.__pwned=1">`,
  js: "javascript:window.__pwned=1",
  jsMixed: "JaVaScRiPt:alert(1)",
  title: "</title><script>window.__pwned=1</script>",
  svg: "<svg onload=window.__pwned=1>",
  quote: "' onmouseover='window.__pwned=1",
  template: "{{constructor.constructor('window.__pwned=1')()}}",
  anchor: `<a href="javascript:window.__pwned=1">x</a>`,
} as const;
const hostileStrings: readonly string[] = Object.values(hostile);
const everyHostileString = hostileStrings.join(" · ");

const hostileSlug = "hostile-corpus";
const hostileTitle = `Hostile corpus ${hostile.title} ${hostile.img}`;
const hostileEditors = [
  { email: "hostile-police@accord.test", displayName: hostile.script, affiliation: "police" },
  { email: "hostile-citizen@accord.test", displayName: `${hostile.quote} ${hostile.svg}`, affiliation: "citizen" },
  { email: "hostile-community@accord.test", displayName: hostile.anchor, affiliation: "community" },
] as const;
const boardReference = `${hostile.js} ${hostile.jsMixed}`;
const unionReference = `${hostile.anchor} ${hostile.template}`;
/** A link whose (allowed, https) address carries markup: it must stay inside its attribute. */
const hostileHref = `https://example.org/?q="><script>window.__pwned=1</script>`;
const versionTwoSentence = "Version two adds this sentence to the hostile corpus.";

const hostileDraftOne: DraftBlock[] = [
  { kind: "heading", level: 1, text: hostile.script },
  { kind: "paragraph", text: everyHostileString },
  { kind: "heading", level: 2, text: hostile.img },
  { kind: "paragraph", text: `${hostile.template} `, link: { text: hostile.anchor, href: hostileHref } },
  { kind: "heading", level: 1, text: hostile.title },
  { kind: "paragraph", text: `${hostile.quote} and ${hostile.svg}. End of version one.` },
];
const hostileDraftTwo: DraftBlock[] = [
  ...hostileDraftOne.slice(0, 5),
  { kind: "paragraph", text: `${hostile.quote} and ${hostile.js}. ${versionTwoSentence}` },
  { kind: "heading", level: 1, text: hostile.svg },
  { kind: "paragraph", text: `${hostile.jsMixed} was added in version two.` },
];

const unpublishedSlug = "unpublished-zeta";
const unpublishedTitle = "Unpublished Zeta Policy";
const demoSlug = "body-worn-cameras";
/** The demo draft's new section, saved as the unpublished version 2: never public. */
const draftOnlyText = "Community Reporting";
// Effective today (UTC), so that the new publication is in force whatever day the test runs on: the
// server runs on the wall clock, and a fixed date would be "adopted, takes effect on …" before it.
const effectiveDate = new Date().toISOString().slice(0, 10);

/** The public HTML pages that exist once the setup is done (the hostile ones show the corpus). */
const htmlPages = {
  index: "/policies",
  searchCamera: "/policies?q=camera",
  searchNothing: "/policies?q=zeppelin",
  searchHostile: `/policies?q=${encodeURIComponent(hostile.img)}`,
  demo: `/policies/${demoSlug}`,
  demoVersions: `/policies/${demoSlug}/versions`,
  demoVersionOne: `/policies/${demoSlug}/versions/1`,
  hostile: `/policies/${hostileSlug}`,
  hostileVersions: `/policies/${hostileSlug}/versions`,
  hostileVersionOne: `/policies/${hostileSlug}/versions/1`,
  hostileVersionTwo: `/policies/${hostileSlug}/versions/2`,
  hostileCompare: `/policies/${hostileSlug}/compare/1/2`,
  verify: "/verify",
  notFound: "/policies/no-such-policy",
  notFoundHostileSlug: `/policies/${encodeURIComponent(hostile.script)}`,
} as const;

/** The pages the hostile corpus reaches. */
const hostilePages = [
  htmlPages.index,
  htmlPages.searchHostile,
  htmlPages.hostile,
  htmlPages.hostileVersions,
  htmlPages.hostileVersionOne,
  htmlPages.hostileVersionTwo,
  htmlPages.hostileCompare,
  htmlPages.notFoundHostileSlug,
];

/** RFC 8785 for these documents (integers, ASCII keys): sorted keys, no white space. */
function canonicalize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalize(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Decodes the character references an attribute value may hold, as the HTML parser would. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_match, decimal: string) => String.fromCodePoint(parseInt(decimal, 10)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n")
    .replace(/&quot;/gi, '"')
    .replace(/&apos;/gi, "'")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&amp;/gi, "&");
}

/**
 * Every href attribute value in raw HTML or XML, decoded. Only inside real tags: escaped text such as
 * `&lt;a href=&quot;javascript:…` has no `<`, so it is never taken for a tag.
 */
function hrefsIn(markup: string): string[] {
  const found: string[] = [];
  for (const tag of markup.matchAll(/<[a-z][^>]*>/gi)) {
    // Attributes in order, each value consumed whole, so " href=" inside another attribute's quoted
    // value (a meta description quoting hostile text) is that value's text, not an attribute.
    for (const match of tag[0].matchAll(/\s([^\s=>\/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      if (match[1]!.toLowerCase() === "href") found.push(decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
    }
  }
  return found;
}

/** The text of a PDF, through unpdf (the server's own test dependency). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const serverRequire = createRequire(path.join(repositoryRoot, "apps/server/package.json"));
  const unpdf = (await import(pathToFileURL(serverRequire.resolve("unpdf")).href)) as {
    getDocumentProxy(data: Uint8Array): Promise<unknown>;
    extractText(pdf: unknown, options: { mergePages: true }): Promise<{ text: string }>;
  };
  const { text } = await unpdf.extractText(await unpdf.getDocumentProxy(bytes), { mergePages: true });
  return text;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

describe("the public site, without an account or script", { timeout: browserTestTimeoutMs }, () => {
  let accord: AccordProcess;
  let browser: Browser;
  let api: AccordApi;
  let demoPolicyId = "";
  let demoEffectiveDate = "";
  let hostilePolicyId = "";
  /** The contents hashes the API gives for the versions saved, to compare with the public pages. */
  const apiHashes = new Map<string, string>();
  /** The hostile policy's public page and index as served between its first and second publication. */
  let pageBeforeSecondPublication = "";
  let indexBeforeSecondPublication = "";
  const contexts: BrowserContext[] = [];

  const url = (pathname: string) => `${accord.origin}${pathname}`;
  const get = (pathname: string) => fetch(url(pathname), { redirect: "manual" });
  const getText = async (pathname: string) => {
    const response = await get(pathname);
    return { response, text: await response.text() };
  };

  async function newContext(options: { bypassCSP?: boolean; width?: number; height?: number } = {}): Promise<BrowserContext> {
    const context = await newBrowserContext(browser, {
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      bypassCSP: options.bypassCSP ?? false,
      javaScriptEnabled: true,
    });
    contexts.push(context);
    return context;
  }

  async function publishHostileVersion(
    facilitator: Session,
    editors: Session[],
    board: Session,
    union: Session,
    bodies: { board: string; union: string },
    draft: DraftBlock[],
    sentinel: string,
    label: string,
  ): Promise<number> {
    await writeDraft(api, editors[0]!, hostilePolicyId, draft, sentinel);
    const version = await saveVersion(api, editors[0]!, hostilePolicyId, label, everyHostileString);
    apiHashes.set(`${hostileSlug}/${version.number}`, version.contentHash);
    await publishVersion(api, {
      policyId: hostilePolicyId,
      versionNumber: version.number,
      contentHash: version.contentHash,
      facilitator,
      editors,
      note: everyHostileString,
      decisions: [
        { representative: board, bodyId: bodies.board, reason: everyHostileString, meetingReference: boardReference },
        { representative: union, bodyId: bodies.union, reason: everyHostileString, meetingReference: unionReference },
      ],
      effectiveDate,
    });
    return version.number;
  }

  beforeAll(async () => {
    accord = await startAccordProcess();
    browser = await launchChromium();
    api = new AccordApi(accord.origin);

    const facilitator = await api.login("facilitator@accord.test");
    const board = await api.login("board@accord.test");
    const union = await api.login("union@accord.test");
    const officer = await api.login("officer@accord.test");
    const { board: boardBody, union: unionBody } = await findBodies(api, facilitator);
    const bodies = { board: boardBody.id, union: unionBody.id };

    // The demo: its published version 1, and the draft saved as version 2, proposed, one sign-off in.
    const { policies } = (await api.expect(facilitator, "GET", "/api/policies", undefined)) as { policies: { id: string; slug: string }[] };
    demoPolicyId = policies.find((policy) => policy.slug === demoSlug)?.id ?? "";
    expect(demoPolicyId).not.toBe("");
    const { publications } = (await api.expect(facilitator, "GET", `/api/policies/${demoPolicyId}/proposals`, undefined)) as {
      publications: { versionNumber: number; effectiveDate: string; contentHash: string }[];
    };
    demoEffectiveDate = publications.find((publication) => publication.versionNumber === 1)?.effectiveDate ?? "";
    apiHashes.set(`${demoSlug}/1`, publications.find((publication) => publication.versionNumber === 1)?.contentHash ?? "");
    // The draft's pending suggestions are settled first: a version holding one cannot be proposed.
    const { suggestions } = (await api.expect(officer, "GET", `/api/policies/${demoPolicyId}/suggestions`, undefined)) as {
      suggestions: { author: { id: string } }[];
    };
    for (const authorId of new Set(suggestions.map((suggestion) => suggestion.author.id))) {
      await api.expect(officer, "POST", `/api/policies/${demoPolicyId}/suggestions/decisions`, { decision: "accept", authorId });
    }
    const draftVersion = await saveVersion(api, officer, demoPolicyId, "Draft with community reporting", "Not for the public yet.");
    expect(draftVersion.number).toBe(2);
    const { proposal: draftProposal } = (await api.expect(facilitator, "POST", `/api/policies/${demoPolicyId}/proposals`, {
      versionNumber: 2,
      contentHash: draftVersion.contentHash,
    })) as { proposal: { id: string } };
    await api.expect(officer, "POST", `/api/proposals/${draftProposal.id}/actions`, { kind: "sign_off" });

    // The hostile policy: every free-text field the API takes carries the corpus.
    const editorIds: string[] = [];
    for (const editor of hostileEditors) editorIds.push(await createAccount(api, facilitator, editor.email, editor.displayName));
    hostilePolicyId = await createPolicy(api, facilitator, { title: hostileTitle, slug: hostileSlug, summary: everyHostileString });
    for (const [index, editor] of hostileEditors.entries()) await addEditor(api, facilitator, hostilePolicyId, editorIds[index]!, editor.affiliation);
    await api.expect(facilitator, "PUT", `/api/policies/${hostilePolicyId}/required-bodies`, { bodyIds: [bodies.board, bodies.union] });
    const editors: Session[] = [];
    for (const editor of hostileEditors) editors.push(await api.login(editor.email));

    expect(await publishHostileVersion(facilitator, editors, board, union, bodies, hostileDraftOne, "End of version one.", hostile.svg)).toBe(1);
    // Read (and so cache) the pages once between the two publications: the second must replace them.
    pageBeforeSecondPublication = (await getText(`/policies/${hostileSlug}`)).text;
    indexBeforeSecondPublication = (await getText("/policies")).text;
    await getText("/policies/feed.atom");
    await getText(`/policies/${hostileSlug}/versions`);
    expect(await publishHostileVersion(facilitator, editors, board, union, bodies, hostileDraftTwo, versionTwoSentence, hostile.template)).toBe(2);

    // A policy approved by everyone but never published: still private.
    const unpublishedId = await createPolicy(api, facilitator, { title: unpublishedTitle, slug: unpublishedSlug, summary: "Approved, never published." });
    const { accounts } = (await api.expect(facilitator, "GET", "/api/accounts", undefined)) as { accounts: { id: string; email: string }[] };
    const officerId = accounts.find((account) => account.email === "officer@accord.test")?.id ?? "";
    await addEditor(api, facilitator, unpublishedId, officerId, "police");
    await api.expect(facilitator, "PUT", `/api/policies/${unpublishedId}/required-bodies`, { bodyIds: [bodies.board, bodies.union] });
    const unpublishedVersion = await saveVersion(api, officer, unpublishedId, "First", "");
    const { proposal: unpublishedProposal } = (await api.expect(facilitator, "POST", `/api/policies/${unpublishedId}/proposals`, {
      versionNumber: unpublishedVersion.number,
      contentHash: unpublishedVersion.contentHash,
    })) as { proposal: { id: string } };
    const actions = `/api/proposals/${unpublishedProposal.id}/actions`;
    await api.expect(officer, "POST", actions, { kind: "sign_off" });
    for (const [representative, bodyId] of [[board, bodies.board], [union, bodies.union]] as const) {
      await api.expect(representative, "POST", actions, {
        kind: "record_decision",
        bodyId,
        decision: "approve",
        reason: "Approved.",
        meetingDate: "2026-12-01",
        meetingReference: "Unpublished reference 99",
      });
    }
  }, browserHookTimeoutMs);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await accord?.stop();
    await accord?.cleanUp();
  }, browserHookTimeoutMs);

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
      expect(demoEffectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const when = new Date(`${demoEffectiveDate}T12:00:00Z`);
      const dateForms = [
        demoEffectiveDate,
        when.toLocaleDateString("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
        when.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
      ];
      expect(dateForms.some((form) => text.includes(form)), `the effective date (${dateForms.join(" or ")}) in:\n${text.slice(0, 600)}`).toBe(true);
      expect(text).toContain(apiHashes.get(`${demoSlug}/1`));
      expect(text).toMatch(/Approval record/);
      for (const expected of ["Board of Police Commissioners", "Police Union", "Resolution 2026-041", "Executive board minutes, item 7", "Sgt. Marcus Reyes"]) {
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
      expect(text).toContain(apiHashes.get(`${hostileSlug}/1`));
      expect(text).toContain(apiHashes.get(`${hostileSlug}/2`));

      const one = await getText(`/policies/${hostileSlug}/versions/1`);
      expect(one.response.status).toBe(200);
      expect(one.text).toContain(apiHashes.get(`${hostileSlug}/1`));
      expect(one.text).not.toContain(versionTwoSentence);
      const two = await getText(`/policies/${hostileSlug}/versions/2`);
      expect(two.response.status).toBe(200);
      expect(two.text).toContain(apiHashes.get(`${hostileSlug}/2`));
      expect(two.text).toContain(versionTwoSentence);

      const demoVersions = await getText(`/policies/${demoSlug}/versions`);
      expect(hrefsIn(demoVersions.text)).toContain(`/policies/${demoSlug}/versions/1`);
      expect(hrefsIn(demoVersions.text)).not.toContain(`/policies/${demoSlug}/versions/2`);
    });

    it("shows the newest publication after a second one, not a stale page", async () => {
      expect(pageBeforeSecondPublication).toContain(apiHashes.get(`${hostileSlug}/1`));
      const { text } = await getText(`/policies/${hostileSlug}`);
      expect(text).toContain(apiHashes.get(`${hostileSlug}/2`));
      expect(text).toContain(versionTwoSentence);
      expect(indexBeforeSecondPublication).toContain(`href="/policies/${hostileSlug}"`);
    });

    it("serves each version's exact canonical JSON, whose SHA-256 is the hash its page shows", async () => {
      for (const [slug, number] of [[demoSlug, 1], [hostileSlug, 1], [hostileSlug, 2]] as const) {
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
        expect(sha256(bytes)).toBe(apiHashes.get(`${slug}/${number}`));
      }
      // The current page shows the current version's hash.
      const current = (await getText(`/policies/${hostileSlug}`)).text;
      expect(current).toContain(sha256(new Uint8Array(await (await get(`/policies/${hostileSlug}/versions/2/canonical.json`)).arrayBuffer())));
    });

    it("serves each published version as a PDF download with its title and hash", async () => {
      for (const [slug, number] of [[demoSlug, 1], [hostileSlug, 2]] as const) {
        const response = await get(`/policies/${slug}/versions/${number}/pdf`);
        expect(response.status, `${slug} version ${number}`).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^application\/pdf/);
        expect(response.headers.get("content-disposition") ?? "").toMatch(/^attachment;.*\.pdf/);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
        const text = (await pdfText(bytes)).replace(/\s+/g, " ");
        expect(text.replace(/\s/g, "")).toContain(apiHashes.get(`${slug}/${number}`));
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
        expect(entry.links.some((link) => new URL(link, `${accord.origin}/policies/feed.atom`).href.startsWith(`${accord.origin}/policies/`))).toBe(true);
      }
      expect(feed.entries.some((entry) => entry.title.includes(hostileTitle))).toBe(true);
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toContain(unpublishedTitle);
      expect(text).not.toContain(draftOnlyText);
      expect(text).not.toContain(`/policies/${demoSlug}/versions/2`);
      for (const href of hrefsIn(text)) expect(new URL(href, `${accord.origin}/policies/feed.atom`).origin).toBe(accord.origin);
    });
  });

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
      for (const suffix of ["/versions/2", "/versions/2/canonical.json", "/versions/2/pdf", "/compare/1/2", "/compare/2/1", "/compare/2/2"]) {
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

  describe("hostile input", () => {
    it("never reaches a public page as markup: no script element and no javascript: link at all", async () => {
      const problems: string[] = [];
      for (const pathname of Object.values(htmlPages)) {
        const { response, text } = await getText(pathname);
        if (!response.headers.get("content-security-policy")?.includes("script-src 'self'")) problems.push(`${pathname}: no script-src 'self' CSP`);
        if (/<script/i.test(text)) problems.push(`${pathname}: has <script: …${text.slice(Math.max(0, text.search(/<script/i) - 80), text.search(/<script/i) + 80)}…`);
        for (const href of hrefsIn(text)) {
          if (/javascript:/i.test(href.replace(/[\s\u0000-\u001f]/g, ""))) problems.push(`${pathname}: href ${JSON.stringify(href)}`);
        }
        if (/<(img|svg|iframe|object|embed)\b/i.test(text)) problems.push(`${pathname}: has an <img, <svg or other embedding element`);
        for (const tag of text.matchAll(/<[a-z][^>]*>/gi)) {
          if (/\son[a-z]+\s*=/i.test(tag[0].replace(/"[^"]*"|'[^']*'/g, '""'))) problems.push(`${pathname}: event-handler attribute in ${tag[0]}`);
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
            Array.from(element.attributes).filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.localName}[${attribute.name}]`),
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
        const targets = page.locator("main a, main p, main li, main h1, main h2, main h3, main code, main span, main strong, main ins, main del");
        const count = Math.min(await targets.count(), 60);
        for (let index = 0; index < count; index++) {
          await targets.nth(index).hover({ timeout: 2_000, force: true }).catch(() => undefined);
        }
        for (let press = 0; press < 25; press++) await page.keyboard.press("Tab");
        expect(await pwned()).toBeUndefined();

        // Follow the first links that lead to pages (not downloads), and come back.
        const links = (await page.locator("main a[href]").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""))).filter(
          (href) => !/\/pdf$|\.json$|\.atom$/.test(href) && !/^https?:\/\/(?!127\.0\.0\.1)/.test(href),
        );
        for (const href of links.slice(0, 6)) {
          await page.locator(`main a[href="${href.replace(/["\\]/g, "\\$&")}"]`).first().click();
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

  describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
    const axePath = require.resolve("axe-core/axe.min.js");

    /** Runs axe's WCAG 2.1 A/AA rules on the page; the violations, and a report naming their targets. */
    async function runAxe(page: Page): Promise<{ passes: number; violations: AxeViolation[]; report: string }> {
      await page.addScriptTag({ path: axePath });
      const outcome = await page.evaluate(async () => {
        interface AxeResult {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[]; html: string; failureSummary?: string }[];
        }
        const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeResult[]; passes: AxeResult[] }> } }).axe;
        const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return {
          passes: results.passes.length,
          violations: results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            nodes: violation.nodes.map((node) => ({ target: JSON.stringify(node.target), html: node.html.slice(0, 200), summary: node.failureSummary ?? "" })),
          })),
        };
      });
      const report = outcome.violations
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
              .map((node) => `    ${node.target}  ${node.html}\n      ${node.summary.replace(/\n/g, "\n      ")}`)
              .join("\n")}`,
        )
        .join("\n");
      return { ...outcome, report };
    }

    it("has a working harness: axe finds a known violation", async () => {
      const context = await newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.setContent(`<!doctype html><html lang="en"><head><title>Control</title></head><body><main><img src="/x.png"></main></body></html>`);
      const { violations } = await runAxe(page);
      expect(violations.map((violation) => violation.id)).toContain("image-alt");
    });

    for (const [name, pathname] of Object.entries(htmlPages)) {
      it(`has no violation on ${name}: ${pathname}`, async () => {
        // Only here is the CSP bypassed, so that axe's own script may run.
        const context = await newContext({ bypassCSP: true });
        const page = await context.newPage();
        await page.goto(url(pathname));
        const { passes, violations, report } = await runAxe(page);
        // axe really ran its rules on the page (an empty result would otherwise pass).
        expect(passes).toBeGreaterThan(5);
        expect(violations, `axe violations on ${pathname}:\n${report}`).toEqual([]);
      });
    }
  });

  describe("on a phone (375 × 740)", () => {
    for (const [name, pathname] of Object.entries(htmlPages)) {
      it(`needs no horizontal scrolling on ${name}: ${pathname}`, async () => {
        const context = await newContext({ width: 375, height: 740 });
        const page = await context.newPage();
        await page.goto(url(pathname));
        const widths = await page.evaluate(() => {
          const viewport = document.documentElement.clientWidth;
          // What sticks out: a box past the viewport's edge, or text overflowing its own box.
          const wider = Array.from(document.querySelectorAll("body *"))
            .filter((element) => element.getBoundingClientRect().right > viewport + 1 || element.scrollWidth > element.clientWidth + 1)
            .filter((element) => !["html", "body", "main", "input"].includes(element.localName))
            .slice(0, 5)
            .map((element) => `${element.localName}${element.className ? `.${String(element.className).replace(/\s+/g, ".")}` : ""} (right ${Math.round(element.getBoundingClientRect().right)}, scrollWidth ${element.scrollWidth}): ${(element.textContent ?? "").slice(0, 60)}`);
          return { scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth, viewport, wider };
        });
        expect(
          Math.max(widths.scrollWidth, widths.bodyScrollWidth),
          `page is ${widths.scrollWidth}px wide in a ${widths.viewport}px viewport; too wide: ${widths.wider.join(" | ")}`,
        ).toBeLessThanOrEqual(widths.viewport);
      });
    }
  });
});
