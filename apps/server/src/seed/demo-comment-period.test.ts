import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// The tests read answers of many shapes and check them with expect; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe.each(testDatabaseKinds())("the demo's policy open for public comment, on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
  }, 120_000);
  afterAll(() => accord.close());

  it("seeds Use of Force Reporting with a saved version in a period open to anonymous comments, closing 30 days after seeding", async () => {
    const policy = (await accord.request({ url: "/api/policies", cookie: facilitator }))
      .json()
      .policies.find((found: Json) => found.slug === "use-of-force-reporting");
    expect(policy).toMatchObject({ title: "Use of Force Reporting" });
    const [period] = (await accord.request({ url: `/api/policies/${policy.id}/comment-periods`, cookie: facilitator })).json()
      .commentPeriods as Json[];
    expect(period).toMatchObject({ state: "open", versionNumber: 1, allowed: expect.arrayContaining(["anonymous"]) });
    expect(new Date(period!.closesAt).getTime()).toBe(accord.clock.now().getTime() + 30 * 24 * 3600 * 1000);
    const comments = (await accord.request({ url: `/api/comment-periods/${period!.id}/comments`, cookie: facilitator })).json()
      .comments as Json[];
    expect(comments.filter((found) => found.status === "published").length).toBeGreaterThanOrEqual(3);
    expect(comments.filter((found) => found.status === "pending")).toHaveLength(1);
    expect(comments.filter((found) => found.status === "rejected")).toEqual([expect.objectContaining({ rejectionReason: "off_topic" })]);
  });

  it("lists it on the public index as open for comment, and shows its period at its own address", async () => {
    const index = (await accord.request({ url: "/policies" })).body;
    expect(index).toContain("Open for public comment");
    expect(index).toContain('href="/policies/use-of-force-reporting/comments"');
    const page = await accord.request({ url: "/policies/use-of-force-reporting" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Open for comments");
    expect(page.body).toContain("2 comments with this text");
    expect(page.body).toContain("Off-topic: 1");
    expect(page.body).toContain("1 comment is waiting for a moderator");
    expect(page.body).not.toContain("parked on the pavement");
  });
});
