import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("an account's default affiliation on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
  });
  afterAll(() => accord.close());

  it("is each demo member's affiliation on the demo policy, and none for the others", async () => {
    const listed = (await accord.request({ url: "/api/accounts", cookie: facilitator })).json().accounts as {
      email: string;
      defaultAffiliation: string | null;
    }[];
    const affiliationOf = (email: string) => listed.find((account) => account.email === email)?.defaultAffiliation;
    expect(affiliationOf("officer@accord.test")).toBe("police");
    expect(affiliationOf("advocate@accord.test")).toBe("community");
    expect(affiliationOf("facilitator@accord.test")).toBeNull();
    expect(affiliationOf("board@accord.test")).toBeNull();
  });

  it("is set when the account is created, changed and cleared, and listed with the accounts", async () => {
    const created = await accord.request({
      method: "POST",
      url: "/api/accounts",
      cookie: facilitator,
      payload: { email: "defender@example.org", displayName: "Dana Defender", password: "first-password", defaultAffiliation: "defense" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().account.id;
    expect(created.json().account.defaultAffiliation).toBe("defense");

    const changed = await accord.request({
      method: "PATCH",
      url: `/api/accounts/${id}`,
      cookie: facilitator,
      payload: { defaultAffiliation: "community" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().account.defaultAffiliation).toBe("community");
    const listed = await accord.request({ url: "/api/accounts", cookie: facilitator });
    expect(listed.json().accounts.find((account: { id: string }) => account.id === id).defaultAffiliation).toBe("community");

    const cleared = await accord.request({
      method: "PATCH",
      url: `/api/accounts/${id}`,
      cookie: facilitator,
      payload: { defaultAffiliation: null },
    });
    expect(cleared.json().account.defaultAffiliation).toBeNull();
  });

  it("refuses an affiliation that is not one of the domain's", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/accounts",
      cookie: facilitator,
      payload: { email: "odd@example.org", displayName: "Odd", password: "first-password", defaultAffiliation: "martian" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
  });
});
