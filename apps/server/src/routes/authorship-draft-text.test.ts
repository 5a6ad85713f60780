import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraph, connectProvider, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

interface DraftText {
  byAffiliation: { affiliation: string | null; characters: number }[];
  notRecorded: number;
}

// Issue 16, item 7: "Where the text came from" also counts the draft's text now by the affiliation of
// whoever typed it, from the record of which account each Yjs client belongs to; text no record names
// (the demo's seeded draft) is counted apart, never given to anyone.
describe.each(testDatabaseKinds())("the draft's text by who typed it, on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const cookies: Record<string, string> = {};
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    for (const name of ["officer", "citizen", "observer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.officer })).json().policies[0].id;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await accord.close();
  });

  const draftText = async (): Promise<DraftText> =>
    (await accord.request({ url: `/api/policies/${policyId}/authorship`, cookie: cookies.observer })).json().draftText;
  const charactersOf = (text: DraftText, affiliation: string) =>
    text.byAffiliation.find((entry) => entry.affiliation === affiliation)?.characters ?? 0;

  it("counts each editor's typed characters for their affiliation, and the seeded text as not recorded", async () => {
    const before = await draftText();
    expect(before.byAffiliation).toEqual([]);
    expect(before.notRecorded).toBeGreaterThan(0);

    const officerSentence = "Officers announce recording at every contact.";
    const citizenSentence = "Residents may ask for their footage.";
    for (const [name, sentence] of [
      ["officer", officerSentence],
      ["citizen", citizenSentence],
    ] as const) {
      const client = connectProvider(origin, policyId, cookies[name]!);
      clients.push(client);
      await client.synced;
      appendParagraph(client.doc, sentence);
    }

    // Both sentences are committed and their clients recorded (a generous limit, for a busy machine).
    await expect
      .poll(
        async () => {
          const text = await draftText();
          return [charactersOf(text, "police"), charactersOf(text, "citizen")];
        },
        { timeout: 60_000 },
      )
      .toEqual([officerSentence.length, citizenSentence.length]);
    const after = await draftText();
    expect(after.notRecorded).toBe(before.notRecorded);
    expect(after.byAffiliation).toEqual([
      { affiliation: "police", characters: officerSentence.length },
      { affiliation: "citizen", characters: citizenSentence.length },
    ]);
  });
});
