import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishDemoDraft } from "@accord/test-support/publish-draft.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// Issue 12, item 1: a publication whose effective date is still to come is "adopted, takes effect on …",
// and the version in force stays the earlier one until that day, on every page, in the app's API, and
// through the page cache across the date. The test clock starts on 2026-11-27 at noon UTC.

const slug = "body-worn-cameras";
const hour = 60 * 60 * 1000;

describe.each(testDatabaseKinds())("a publication that takes effect later, on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  let policyId = "";
  const page = async (url: string) => {
    const response = await accord.request({ url });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  // Signs in afresh each time: days pass on the test clock, and sessions expire.
  const standings = async () =>
    (
      (await accord.request({ url: `/api/policies/${policyId}/proposals`, cookie: await accord.logIn("facilitator@accord.test") })).json()
        .publications as {
        versionNumber: number;
        standing: string;
      }[]
    ).map((publication) => [publication.versionNumber, publication.standing]);

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie: facilitator })).json().policies[0].id;
    // Every page is rendered (and cached) before the publication too, to catch a cache that outlives it.
    for (const url of ["/policies", `/policies/${slug}`, `/policies/${slug}/versions`, `/policies/${slug}/versions/1`]) await page(url);
    expect(await publishDemoDraft(accord, "2026-12-01")).toBe(2);
  });
  afterAll(() => accord.close());

  it("keeps the earlier version in force until the effective date, with a notice of the adopted text and its redline", async () => {
    const current = await page(`/policies/${slug}`);
    expect(current).toMatch(/<p class="status">In effect since [^<]* · version 1<\/p>/);
    expect(current).toContain("Version 2 was adopted on November 27, 2026 and takes effect on December 1, 2026.");
    expect(current).toContain(`href="/policies/${slug}/compare/1/2"`);
    expect(current).toContain(`href="/policies/${slug}/versions/2"`);
    expect(current).not.toContain("superseded");

    const adopted = await page(`/policies/${slug}/versions/2`);
    expect(adopted).toContain('<p class="status">Adopted on November 27, 2026; takes effect on December 1, 2026 · version 2</p>');
    expect(adopted).toContain("Version 1 is the one in force today.");
    expect(adopted).not.toContain("In effect since");

    const versions = await page(`/policies/${slug}/versions`);
    expect(versions).not.toContain("superseded");
    expect(versions).toMatch(/Version 1<\/a>: In effect since /);
    expect(versions).toContain("Version 2</a>: Adopted on November 27, 2026; takes effect on December 1, 2026");

    const index = await page("/policies");
    expect(index).toMatch(/<p class="meta">In effect since [^<]* · version 2 adopted, takes effect on December 1, 2026<\/p>/);
    expect(await standings()).toEqual([
      [2, "adopted"],
      [1, "in_force"],
    ]);
  });

  it("still says so in the last minute before the effective date", async () => {
    accord.clock.advance(3 * 24 * hour + 11 * hour + 59 * 60 * 1000); // 2026-11-30T23:59Z
    expect(await page(`/policies/${slug}`)).toMatch(/In effect since [^<]* · version 1</);
    expect(await standings()).toEqual([
      [2, "adopted"],
      [1, "in_force"],
    ]);
  });

  it("puts the adopted version in force from its date on, although the pages of the day before were cached", async () => {
    accord.clock.advance(2 * 60 * 1000); // 2026-12-01T00:01Z
    const current = await page(`/policies/${slug}`);
    expect(current).toContain('<p class="status">In effect since December 1, 2026 · version 2</p>');
    expect(current).not.toContain("was adopted on");
    expect(await page(`/policies/${slug}/versions/1`)).toMatch(/<p class="status">Effective [^<]*; superseded · version 1<\/p>/);
    const versions = await page(`/policies/${slug}/versions`);
    expect(versions).toContain("Version 2</a>: In effect since December 1, 2026");
    expect(versions).toMatch(/Version 1<\/a>: Effective [^<]*; superseded/);
    expect(await page("/policies")).toContain('<p class="meta">In effect since December 1, 2026</p>');
    expect(await standings()).toEqual([
      [2, "in_force"],
      [1, "superseded"],
    ]);
  });
});
