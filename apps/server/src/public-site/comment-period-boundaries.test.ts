import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDemoCommentPeriod } from "@accord/test-support/open-comment-period.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// The public index and a policy's page are cached (page-cache.ts) and say "Open for public comment" while a
// period is open. Nothing announces the moment a period opens or closes, so the cache must end there by
// itself. The test clock starts on 2026-11-27 at noon UTC; the period opens at 13:00 and closes at 15:30,
// the same day, so the day's own expiry at midnight cannot hide a cache that outlives a boundary.
const second = 1000;
const slug = "body-worn-cameras";

describe.each(testDatabaseKinds())("the public pages at a comment period's boundaries, on %s", (kind) => {
  let accord: TestAccord;
  let opensAt = 0;
  let closesAt = 0;
  const pages = ["/policies", `/policies/${slug}`];
  /**
   * Whether each page (through the cache, as a crawler or browser would ask) says this policy is open for
   * comment: the index lists it under "Open for public comment" and the policy's page carries the notice,
   * each with a link to the period's page (the demo's other policy has a period of its own, open all along).
   */
  const saysOpen = async () => {
    const answers = await Promise.all(pages.map((url) => accord.request({ url })));
    for (const answer of answers) expect(answer.statusCode).toBe(200);
    return answers.map((answer) => answer.body.includes(`href="/policies/${slug}/comments"`));
  };
  const moveTo = (instant: number) => accord.clock.advance(instant - accord.clock.now().getTime());

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    const start = accord.clock.now().getTime();
    opensAt = start + 3600 * second;
    closesAt = start + 3.5 * 3600 * second;
    await openDemoCommentPeriod(accord, { opensAt: new Date(opensAt), closesAt: new Date(closesAt) });
  }, 120_000);
  afterAll(async () => accord.close());

  it("says the period is open from one second after opensAt, though the pages were cached while it was scheduled", async () => {
    expect(await saysOpen()).toEqual([false, false]);
    moveTo(opensAt - second);
    expect(await saysOpen()).toEqual([false, false]);
    moveTo(opensAt + second);
    expect(await saysOpen()).toEqual([true, true]);
  });

  it("says it is open one second before closesAt and closed one second after, with no restart", async () => {
    moveTo(closesAt - second);
    expect(await saysOpen()).toEqual([true, true]);
    expect((await accord.request({ url: `/policies/${slug}/comments` })).body).toContain("Open for comments");
    moveTo(closesAt + second);
    expect(await saysOpen()).toEqual([false, false]);
    expect((await accord.request({ url: `/policies/${slug}/comments` })).body).not.toContain("Open for comments");
  });

  it("lets no client keep a page past the next boundary: max-age ends there, and the old ETag no longer matches", async () => {
    // A new period, a little over two minutes from closing: the cached page's max-age may not reach past it.
    const start = accord.clock.now().getTime();
    const facilitator = await accord.logIn("facilitator@accord.test");
    const policyId = (await accord.request({ url: "/api/policies", cookie: facilitator }))
      .json()
      .policies.find((policy: { slug: string }) => policy.slug === slug).id as string;
    const versions = (await accord.request({ url: `/api/policies/${policyId}/versions`, cookie: facilitator })).json().versions as {
      number: number;
      contentHash: string;
    }[];
    const latest = versions.reduce((a, b) => (a.number > b.number ? a : b));
    const closing = start + 130 * second;
    const opened = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/comment-periods`,
      cookie: facilitator,
      payload: {
        versionNumber: latest.number,
        contentHash: latest.contentHash,
        opensAt: new Date(start).toISOString(),
        closesAt: new Date(closing).toISOString(),
        allowed: ["anonymous"],
        allowOrganisation: false,
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const open = await accord.request({ url: `/policies/${slug}` });
    expect(open.body).toContain(`href="/policies/${slug}/comments"`);
    const maxAge = Number(/max-age=(\d+)/.exec(String(open.headers["cache-control"]))![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(130);
    moveTo(closing + second);
    const revalidated = await accord.request({ url: `/policies/${slug}`, headers: { "if-none-match": String(open.headers.etag) } });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.body).not.toContain(`href="/policies/${slug}/comments"`);
  });
});
