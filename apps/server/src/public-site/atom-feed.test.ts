import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../seed/demo-data.js";
import { publishDemoDraft } from "@accord/test-support/publish-draft.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { childElements, parseXmlTree, textOf, type XmlElement } from "@accord/test-support/xml-tree.js";

// Issue 12, item 2: the Atom feeds are valid Atom (RFC 4287), their ids are permanent, and nothing a
// request says (its Host) reaches any later answer.

const atomNamespace = "http://www.w3.org/2005/Atom";
const slug = "body-worn-cameras";

const atomChildren = (element: XmlElement, name: string) =>
  childElements(element).filter((child) => child.uri === atomNamespace && child.name === name);
const isAbsoluteIri = (value: string) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
const isRfc3339 = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim());

/** Checks the elements RFC 4287 requires of a feed and its entries (§4.1.1, §4.1.2); returns the entries. */
function expectValidAtomFeed(xml: string): XmlElement[] {
  const feed = parseXmlTree(xml);
  expect(feed.uri).toBe(atomNamespace);
  expect(feed.name).toBe("feed");
  for (const name of ["id", "title", "updated"]) expect(atomChildren(feed, name), `feed ${name}`).toHaveLength(1);
  expect(isAbsoluteIri(textOf(atomChildren(feed, "id")[0]!).trim())).toBe(true);
  expect(isRfc3339(textOf(atomChildren(feed, "updated")[0]!))).toBe(true);
  expect(atomChildren(feed, "link").filter((link) => link.attributes.rel === "self")).toHaveLength(1);
  const entries = atomChildren(feed, "entry");
  const feedAuthors = atomChildren(feed, "author");
  for (const entry of entries) {
    for (const name of ["id", "title", "updated"]) expect(atomChildren(entry, name), `entry ${name}`).toHaveLength(1);
    expect(isAbsoluteIri(textOf(atomChildren(entry, "id")[0]!).trim())).toBe(true);
    expect(isRfc3339(textOf(atomChildren(entry, "updated")[0]!))).toBe(true);
    // §4.1.1: a feed has an author unless every entry has one; every author has a name.
    const authors = [...atomChildren(entry, "author"), ...feedAuthors];
    expect(authors.length).toBeGreaterThan(0);
    for (const author of authors) expect(textOf(atomChildren(author, "name")[0]!).trim()).not.toBe("");
    // §4.1.2: an entry without content has a link rel="alternate" (rel defaults to alternate).
    const alternates = atomChildren(entry, "link").filter((link) => (link.attributes.rel ?? "alternate") === "alternate");
    expect(atomChildren(entry, "content").length + alternates.length).toBeGreaterThan(0);
  }
  const ids = entries.map((entry) => textOf(atomChildren(entry, "id")[0]!).trim());
  expect(new Set(ids).size).toBe(ids.length);
  return entries;
}

const entryIds = (entries: XmlElement[]) => entries.map((entry) => textOf(atomChildren(entry, "id")[0]!).trim());

describe.each(testDatabaseKinds())("the Atom feeds with no PUBLIC_ORIGIN, on %s", (kind) => {
  let accord: TestAccord;
  let policyId = "";
  // With no public origin, the origin guard accepts the Host a request was sent to (inject's is localhost:80).
  const ownOrigin = "http://localhost:80";

  beforeAll(async () => {
    accord = await startTestAccord(kind, { env: { PUBLIC_ORIGIN: "" } });
    expect(accord.config.publicOrigin).toBeNull();
    const login = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      origin: ownOrigin,
      payload: { email: "facilitator@accord.test", password: demoPassword },
    });
    const cookie = login.cookies.find((candidate) => candidate.name === "accord_session")!;
    policyId = (await accord.request({ url: "/api/policies", cookie: `${cookie.name}=${cookie.value}` })).json().policies[0].id;
  });
  afterAll(() => accord.close());

  it("writes the site's feed and each policy's feed with every element RFC 4287 requires, ids from the policy id and version number", async () => {
    for (const url of ["/policies/feed.atom", `/policies/${slug}/feed.atom`]) {
      const response = await accord.request({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toContain("application/atom+xml");
      expect(entryIds(expectValidAtomFeed(response.body))).toEqual([`tag:accord,2026:policy/${policyId}/version/1`]);
    }
    expect((await accord.request({ url: "/policies/no-such-policy/feed.atom" })).statusCode).toBe(404);
  });

  it("never lets a request's Host into a feed or page, not even the first request after a publication", async () => {
    await publishDemoDraft(accord, "2026-11-27", ownOrigin);
    const urls = [
      "/policies/feed.atom",
      `/policies/${slug}/feed.atom`,
      "/policies",
      `/policies/${slug}`,
      `/policies/${slug}/versions`,
      `/policies/${slug}/versions/2`,
      `/policies/${slug}/compare/1/2`,
    ];
    for (const url of urls) {
      const first = await accord.request({ url, headers: { host: "attacker.example", "x-forwarded-host": "attacker.example" } });
      expect(first.statusCode, url).toBe(200);
      expect(first.body, url).not.toContain("attacker.example");
    }
    for (const url of urls) expect((await accord.request({ url })).body, url).not.toContain("attacker.example");
    const entries = expectValidAtomFeed((await accord.request({ url: `/policies/${slug}/feed.atom` })).body);
    // The ids of version 1 did not change with the publication of version 2: they are permanent.
    expect(entryIds(entries)).toEqual([`tag:accord,2026:policy/${policyId}/version/2`, `tag:accord,2026:policy/${policyId}/version/1`]);
    const links = entries.map((entry) => atomChildren(entry, "link")[0]!.attributes.href);
    expect(links).toEqual([`/policies/${slug}/versions/2`, `/policies/${slug}/versions/1`]);
  });

  it("announces the site's feed on every page and the policy's feed on its pages (autodiscovery)", async () => {
    const siteFeed = '<link rel="alternate" type="application/atom+xml" title="Published policies (Atom)" href="/policies/feed.atom">';
    for (const url of [
      "/policies",
      "/verify",
      `/policies/${slug}`,
      `/policies/${slug}/versions`,
      `/policies/${slug}/versions/1`,
      `/policies/${slug}/compare/1/2`,
    ]) {
      expect((await accord.request({ url })).body, url).toContain(siteFeed);
    }
    for (const url of [`/policies/${slug}`, `/policies/${slug}/versions`, `/policies/${slug}/versions/1`]) {
      expect((await accord.request({ url })).body, url).toMatch(
        new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="/policies/${slug}/feed\\.atom">`),
      );
    }
  });
});

describe("the Atom feed with a PUBLIC_ORIGIN", () => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord("pglite");
  });
  afterAll(() => accord.close());

  it("links under the configured origin, whatever Host the request names", async () => {
    const response = await accord.request({ url: "/policies/feed.atom", headers: { host: "attacker.example" } });
    const feed = parseXmlTree(response.body);
    expect(atomChildren(feed, "link").find((link) => link.attributes.rel === "self")?.attributes.href).toBe(
      `${accord.config.publicOrigin}/policies/feed.atom`,
    );
    const [entry] = expectValidAtomFeed(response.body);
    expect(atomChildren(entry!, "link")[0]!.attributes.href).toBe(`${accord.config.publicOrigin}/policies/${slug}/versions/1`);
    expect(response.body).not.toContain("attacker.example");
  });
});
