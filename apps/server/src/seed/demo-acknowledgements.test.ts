import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("the demo's officers' acknowledgements, on %s", (kind) => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord(kind);
  });
  afterAll(async () => {
    await accord.close();
  });

  it("has the demo officer of Patrol East sign in with the demo password and find the body-worn camera policy open", async () => {
    const patrol = await accord.logIn("patrol@accord.test");
    const assignments = (await accord.request({ url: "/api/acknowledgements", cookie: patrol })).json().assignments;
    expect(assignments).toMatchObject([{ policyTitle: "Body-Worn Camera Policy", versionNumber: 1, status: "open", overdue: false }]);
    const roster = (await accord.request({ url: "/api/roster", cookie: await accord.logIn("facilitator@accord.test") })).json().people;
    expect(roster.find((person: { email: string }) => person.email === "patrol@accord.test")).toMatchObject({
      unit: "Patrol East",
      supervisorEmail: "sgt.east@accord.test",
    });
  });

  it("shows the facilitator the campaign's report, some officers done and some pending, and the record verifies", async () => {
    const facilitator = await accord.logIn("facilitator@accord.test");
    const campaigns = (await accord.request({ url: "/api/acknowledgement-campaigns", cookie: facilitator })).json().campaigns;
    expect(campaigns).toMatchObject([
      { policyTitle: "Body-Worn Camera Policy", versionNumber: 1, assigned: 6, acknowledged: 3, overdue: 0 },
    ]);
    const report = (await accord.request({ url: `/api/acknowledgement-campaigns/${campaigns[0].id}/report`, cookie: facilitator })).json()
      .report;
    expect(report.units).toEqual([
      { unit: "Patrol East", assigned: 3, acknowledged: 1, overdue: 0 },
      { unit: "Patrol West", assigned: 3, acknowledged: 2, overdue: 0 },
    ]);
    const verification = (await accord.request({ url: "/api/acknowledgements-verification", cookie: facilitator })).json();
    expect(verification).toEqual({ chainOk: true, acknowledgementsOk: true, checked: 3, problem: null });
  });
});
