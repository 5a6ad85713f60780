import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalState } from "@accord/workflow";
import { formatTimestamp } from "../../exports/export-metadata.js";
import { exportedText } from "@accord/test-support/export-text.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { normalizeWhitespace } from "@accord/test-support/version-export-fixtures.js";
import { exportFormats } from "./export-version.js";

// Items 4 and 5 of issue 12: every export of an approved version carries the approval record the
// public page shows, and the public PDF and the app's export of one version tell one history.

const slug = "body-worn-cameras";

describe.each(testDatabaseKinds())("exports of the published demo version on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  let policyId = "";
  let published: ProposalState;
  let version: { created_at: Date; author: string };

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie: facilitator })).json().policies[0].id;
    const { db } = accord.database;
    // What the demo seed recorded, read back rather than restated, so the test follows the seed.
    published = (
      await db
        .selectFrom("proposals")
        .select("state")
        .where("policy_id", "=", policyId)
        .where("stage", "=", "published")
        .executeTakeFirstOrThrow()
    ).state;
    const row = await db
      .selectFrom("policy_versions")
      .innerJoin("users", "users.id", "policy_versions.author_id")
      .select(["policy_versions.created_at", "users.display_name"])
      .where("policy_id", "=", policyId)
      .where("number", "=", published.versionNumber)
      .executeTakeFirstOrThrow();
    version = { created_at: new Date(row.created_at), author: row.display_name };
  });
  afterAll(() => accord.close());

  const apiExport = (format: string) =>
    accord.request({ url: `/api/policies/${policyId}/versions/${published.versionNumber}/export/${format}`, cookie: facilitator });

  it("gives the same PDF on the public site as in the app, saved when and by whom, published when, in effect from", async () => {
    const publicPdf = await accord.request({ url: `/policies/${slug}/versions/${published.versionNumber}/pdf` });
    const appPdf = await apiExport("pdf");
    expect(publicPdf.statusCode).toBe(200);
    expect(appPdf.statusCode).toBe(200);
    const text = await exportedText("pdf", publicPdf.rawPayload);
    expect(text).toContain(`Saved ${formatTimestamp(version.created_at)}`);
    expect(text).toContain(`Saved by ${version.author}`);
    expect(text).toContain(`Published on ${published.publication?.publishedAt.slice(0, 10)}`);
    expect(text).toContain(`Effective on ${published.publication?.effectiveDate}`);
    expect(publicPdf.rawPayload.equals(appPdf.rawPayload)).toBe(true);
  });

  it("marks every export of a version that is not approved as a draft, and no export of the published one", async () => {
    const saved = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions`,
      cookie: facilitator,
      payload: { label: "Working text" },
    });
    expect(saved.statusCode).toBe(201);
    const draftNumber = saved.json<{ version: { number: number } }>().version.number;
    for (const format of exportFormats) {
      const textOf = async (number: number) => {
        const response = await accord.request({
          url: `/api/policies/${policyId}/versions/${number}/export/${format}`,
          cookie: facilitator,
        });
        expect(response.statusCode).toBe(200);
        return exportedText(format, format === "md" || format === "html" ? response.body : response.rawPayload);
      };
      expect(await textOf(draftNumber), `${format} export of the draft`).toContain("Draft — not approved");
      expect(await textOf(published.versionNumber), `${format} export of the published version`).not.toContain("not approved");
    }
  });

  it("carries the vote tally and each body's reason, as the public page does, in every format", async () => {
    const page = normalizeWhitespace((await accord.request({ url: `/policies/${slug}` })).body);
    const tallied = published.decisions.filter((decision) => decision.voteTally !== undefined);
    expect(tallied.length).toBeGreaterThan(0);
    const record = [
      ...tallied.map(({ voteTally }) => `Vote: ${voteTally?.for} for, ${voteTally?.against} against, ${voteTally?.abstain} abstaining.`),
      ...published.decisions.map((decision) => decision.reason),
    ];
    for (const words of record) expect(page).toContain(words);
    for (const format of exportFormats) {
      const response = await apiExport(format);
      expect(response.statusCode).toBe(200);
      const text = await exportedText(format, format === "md" || format === "html" ? response.body : response.rawPayload);
      for (const words of record) expect(text, `${format} export`).toContain(words);
    }
  });
});
