import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// Representatives' e-mail addresses are personal data only the facilitator needs (to manage them):
// every way a member can see a body leaves them out.
describe.each(testDatabaseKinds())("representatives' e-mail addresses on %s", (kind) => {
  let accord: TestAccord;
  let demoPolicyId = "";
  let boardId = "";
  beforeAll(async () => {
    accord = await startTestAccord(kind);
    const facilitator = await accord.logIn("facilitator@accord.test");
    const policies = await accord.request({ url: "/api/policies", cookie: facilitator });
    demoPolicyId = policies.json().policies.find((policy: { slug: string }) => policy.slug === "body-worn-cameras").id;
    const bodies = await accord.request({ url: "/api/bodies", cookie: facilitator });
    boardId = bodies.json().bodies.find((body: { name: string }) => body.name === "Board of Police Commissioners").id;
  });
  afterAll(() => accord.close());

  const representativeEmails = ["board@accord.test", "union@accord.test"];

  it("are left out of every body a member sees: the list, one body, and a policy's required bodies", async () => {
    for (const email of ["observer@accord.test", "advocate@accord.test", "officer@accord.test", "board@accord.test"]) {
      const cookie = await accord.logIn(email);
      const responses = [
        await accord.request({ url: "/api/bodies", cookie }),
        await accord.request({ url: `/api/bodies/${boardId}`, cookie }),
        await accord.request({ url: `/api/policies/${demoPolicyId}`, cookie }),
      ];
      for (const response of responses) {
        expect(response.statusCode).toBe(200);
        for (const address of representativeEmails) expect(response.body).not.toContain(address);
      }
      const detail = responses[2]!.json().policy;
      expect(detail.requiredBodies.length).toBeGreaterThan(0);
      for (const body of detail.requiredBodies) {
        for (const representative of body.representatives) expect(Object.keys(representative).sort()).toEqual(["displayName", "userId"]);
      }
    }
  });

  it("are shown to the facilitator, who manages the representatives", async () => {
    const cookie = await accord.logIn("facilitator@accord.test");
    const bodies = await accord.request({ url: "/api/bodies", cookie });
    const detail = await accord.request({ url: `/api/policies/${demoPolicyId}`, cookie });
    for (const address of representativeEmails) {
      expect(bodies.body).toContain(address);
      expect(detail.body).toContain(address);
    }
  });
});
