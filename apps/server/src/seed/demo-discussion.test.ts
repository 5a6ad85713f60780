import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

interface ThreadSummary {
  quote: string;
  status: string;
  onDeletedText: boolean;
  createdBy: { name: string; affiliation: string | null };
  comments: { author: { name: string }; mentions: { name: string }[] }[];
}

describe("the demo draft's discussion", () => {
  let accord: TestAccord;
  let threads: ThreadSummary[];

  beforeAll(async () => {
    accord = await startTestAccord("pglite");
    const cookie = await accord.logIn("observer@accord.test");
    const { policies } = (await accord.request({ url: "/api/policies", cookie })).json<{ policies: { id: string; slug: string }[] }>();
    const policyId = policies.find((policy) => policy.slug === "body-worn-cameras")?.id ?? "";
    const response = await accord.request({ url: `/api/policies/${policyId}/threads`, cookie });
    expect(response.statusCode).toBe(200);
    threads = response.json<{ threads: ThreadSummary[] }>().threads;
  });
  afterAll(async () => accord.close());

  it("has open and resolved threads started by members of different affiliations", () => {
    expect(threads.map((thread) => [thread.quote, thread.status, thread.createdBy.affiliation])).toEqual([
      ["medical information", "resolved", "citizen"],
      ["Buffered video does not satisfy this duty.", "open", "community"],
      [", and the median time taken to respond", "open", "citizen"],
      ["180", "open", "prosecutor"],
    ]);
    expect(
      threads.find((thread) => thread.quote === "Buffered video does not satisfy this duty.")?.comments.map((c) => c.author.name),
    ).toEqual(["Jamal Carter", "Sgt. Marcus Reyes"]);
  });

  it("keeps the thread whose words were deleted, shown as on deleted text", () => {
    expect(threads.filter((thread) => thread.onDeletedText).map((thread) => thread.quote)).toEqual([
      ", and the median time taken to respond",
    ]);
  });

  it("mentions the sergeant in the prosecutor's comment", () => {
    expect(threads.find((thread) => thread.quote === "180")?.comments[0]?.mentions.map((person) => person.name)).toEqual([
      "Sgt. Marcus Reyes",
    ]);
  });
});
