import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { rejectPendingSuggestions } from "@accord/test-support/reject-pending-suggestions.js";

// The tests read answers of many shapes and check them with expect; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe.each(testDatabaseKinds())("a comment period for signed-in accounts only, on %s", (kind) => {
  let accord: TestAccord;
  let periodId = "";
  let section = "";
  const cookies: Record<string, string> = {};
  const post = (fields: Record<string, string>, cookie?: string) =>
    accord.request({
      method: "POST",
      url: "/policies/body-worn-cameras/comments",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ section, ...fields }).toString(),
      ...(cookie ? { cookie } : {}),
    });

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    for (const name of ["facilitator", "officer", "observer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    const policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies[0].id as string;
    await rejectPendingSuggestions(accord, policyId, cookies.officer!);
    const version = (
      await accord.request({
        method: "POST",
        url: `/api/policies/${policyId}/versions`,
        cookie: cookies.officer,
        payload: { label: "For comment" },
      })
    ).json().version;
    const now = accord.clock.now().getTime();
    const opened = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/comment-periods`,
      cookie: cookies.facilitator,
      payload: {
        versionNumber: version.number,
        contentHash: version.contentHash,
        opensAt: new Date(now + 3600_000).toISOString(),
        closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
        allowed: ["signed_in"],
        allowOrganisation: false,
      },
    });
    expect(opened.json().commentPeriod.state).toBe("scheduled");
    periodId = opened.json().commentPeriod.id;
    section = (
      (await accord.request({ url: `/api/comment-periods/${periodId}/comments`, cookie: cookies.facilitator })).json().sections as Json[]
    )[0]!.number;
  }, 120_000);
  afterAll(() => accord.close());

  it("refuses a comment before the period opens with 409", async () => {
    const early = await post({ body: "Too early." }, cookies.observer);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("The comment period has not opened yet");
  });

  it("refuses an anonymous comment with 403 and takes a signed-in account's under its own name", async () => {
    accord.clock.advance(3600_000);
    const anonymous = await post({ body: "No account." });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.body).toContain("signed in to an Accord account");
    expect((await post({ body: "As myself.", name: "Someone Else" }, cookies.observer)).statusCode).toBe(303);
    const [comment] = (await accord.request({ url: `/api/comment-periods/${periodId}/comments`, cookie: cookies.facilitator })).json()
      .comments as Json[];
    expect(comment).toMatchObject({ body: "As myself.", commenterKind: "signed_in", status: "pending" });
    expect(comment!.name).not.toBe("Someone Else");
    expect(comment!.name).not.toBe("");
  });
});
