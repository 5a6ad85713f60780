import { collectSuggestions, parsePolicyDocument, policySchema } from "@accord/policy-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { findTextRange } from "./demo-suggestions.js";

describe("the demo draft's pending suggestions", () => {
  let accord: TestAccord;
  let cookie: string;
  let policyId: string;

  beforeAll(async () => {
    accord = await startTestAccord("pglite");
    cookie = await accord.logIn("officer@accord.test");
    const { policies } = (await accord.request({ url: "/api/policies", cookie })).json<{ policies: { id: string; slug: string }[] }>();
    policyId = policies.find((policy) => policy.slug === "body-worn-cameras")?.id ?? "";
  });
  afterAll(async () => accord.close());

  it("come from three affiliations, each naming its author and time", async () => {
    const draft = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie })).json<{ draft: { content: unknown } }>();
    const suggestions = collectSuggestions(parsePolicyDocument(draft.draft.content));
    const accounts = await accord.database.db.selectFrom("users").select(["id", "email"]).execute();
    const emailOf = new Map(accounts.map((account) => [account.id, account.email]));
    expect(suggestions.map(({ kind, text, affiliation, author }) => ({ kind, text, affiliation, by: emailOf.get(author) }))).toEqual([
      {
        kind: "insertion",
        text: " Officers must tell the people they record that the camera is on, unless saying so would put someone in danger.",
        affiliation: "community",
        by: "advocate@accord.test",
      },
      { kind: "insertion", text: " or a court orders its release", affiliation: "prosecutor", by: "prosecutor@accord.test" },
      { kind: "deletion", text: "180", affiliation: "police", by: "officer@accord.test" },
      { kind: "insertion", text: "120", affiliation: "police", by: "officer@accord.test" },
    ]);
    for (const suggestion of suggestions) {
      expect(Date.parse(suggestion.time)).toBeLessThan(accord.clock.now().getTime());
    }
  });
});

describe("the demo's earlier decisions", () => {
  let accord: TestAccord;
  afterAll(async () => accord.close());

  it("say which affiliations the accepted text came from, and are text the draft holds", async () => {
    accord = await startTestAccord("pglite");
    const cookie = await accord.logIn("observer@accord.test");
    const { policies } = (await accord.request({ url: "/api/policies", cookie })).json<{ policies: { id: string; slug: string }[] }>();
    const policyId = policies.find((policy) => policy.slug === "body-worn-cameras")?.id ?? "";
    const authorship = (await accord.request({ url: `/api/policies/${policyId}/authorship`, cookie })).json<{
      affiliations: { affiliation: string; accepted: number; rejected: number }[];
      decisions: { text: string; decision: string }[];
    }>();
    expect(authorship.affiliations.map(({ affiliation, accepted, rejected }) => [affiliation, accepted, rejected]).sort()).toEqual([
      ["citizen", 1, 0],
      ["community", 1, 0],
      ["police", 0, 1],
    ]);
    const draft = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie })).json<{ draft: { content: unknown } }>();
    const draftText = parsePolicyDocument(draft.draft.content).textContent;
    for (const decision of authorship.decisions) {
      expect(draftText.includes(decision.text.trim())).toBe(decision.decision === "accepted");
    }
  });
});

describe("findTextRange", () => {
  const doc = policySchema.nodes.doc.create(null, [
    policySchema.nodes.paragraph.create(null, [
      policySchema.text("First line"),
      policySchema.nodes.hard_break.create(),
      policySchema.text("second line"),
    ]),
  ]);

  it("finds text after a line break at the right positions", () => {
    const range = findTextRange(doc, "second");
    expect(doc.textBetween(range.from, range.to)).toBe("second");
  });

  it("says which text it could not find", () => {
    expect(() => findTextRange(doc, "third")).toThrow('The demo draft has no text "third".');
  });
});
