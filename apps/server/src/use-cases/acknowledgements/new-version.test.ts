import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPolicySlug } from "../../seed/demo-data.js";
import { issuePasswordSetupLink } from "../roster/password-setup-link.js";
import { appendParagraph, connectProvider, eventually } from "@accord/test-support/collab-clients.js";
import { takeDemoDraftToPublication, type WorkflowRequests } from "@accord/test-support/publish-draft.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

const password = "a long passphrase for tests";

describe.each(testDatabaseKinds())("a new version and officers' acknowledgements, on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let facilitator = "";
  let policyId = "";
  const officers: Record<string, { id: string; cookie: string }> = {};

  /** The demo workflow over the test app, with a hook right before publishing. */
  const requests: WorkflowRequests = {
    signIn: (name) => accord.logIn(`${name}@accord.test`),
    async send(cookie, method, url, payload) {
      const response = await accord.request({ method, url, cookie, ...(payload ? { payload } : {}) });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json<Record<string, unknown>>();
    },
    today: () => accord.clock.now().toISOString().slice(0, 10),
  };

  /** Adds a paragraph to the live draft as the demo editor and waits until the server committed it. */
  async function editDraft(text: string): Promise<void> {
    const client = connectProvider(origin, policyId, await accord.logIn("officer@accord.test"));
    try {
      await client.synced;
      appendParagraph(client.doc, text);
      let committed = false;
      const check = async () => {
        committed = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: facilitator })).body.includes(text);
      };
      await eventually(
        () => {
          void check();
          return committed;
        },
        `the draft holds "${text}"`,
        30_000,
      );
    } finally {
      client.destroy();
    }
  }

  const mine = async (name: string) =>
    (await accord.request({ url: "/api/acknowledgements", cookie: officers[name]!.cookie })).json().assignments as {
      id: string;
      versionNumber: number;
      status: string;
      contentHash: string;
    }[];

  async function acknowledgeOpen(name: string): Promise<void> {
    const open = (await mine(name)).find((assignment) => assignment.status === "open")!;
    const detail = (await accord.request({ url: `/api/acknowledgements/${open.id}`, cookie: officers[name]!.cookie })).json();
    const response = await accord.request({
      method: "POST",
      url: `/api/acknowledgements/${open.id}/acknowledge`,
      cookie: officers[name]!.cookie,
      payload: { statement: detail.statement, contentHash: open.contentHash, password },
    });
    expect(response.statusCode).toBe(201);
  }

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.database.db.selectFrom("policies").select("id").where("slug", "=", demoPolicySlug).executeTakeFirstOrThrow())
      .id;
    for (const name of ["ann", "ben", "cat"]) {
      const email = `${name}@kcpd.test`;
      const saved = await accord.request({
        method: "POST",
        url: "/api/roster/people",
        cookie: facilitator,
        payload: { email, displayName: name.toUpperCase(), unit: "Patrol North", supervisorEmail: null },
      });
      expect(saved.statusCode).toBe(200);
      const id = saved.json().person.userId as string;
      // The set-password link as the outbox would make it while mailing it (this app sends no e-mail).
      const link = await issuePasswordSetupLink(accord.database.db, id, accord.clock.now());
      const token = new URL(link, "http://accord.test").searchParams.get("token");
      expect((await accord.request({ method: "POST", url: "/api/auth/set-password", payload: { token, password } })).statusCode).toBe(200);
      officers[name] = { id, cookie: await accord.logIn(email, password) };
    }
  });
  afterAll(async () => {
    await accord.close();
  });

  it("publishing v3 replaces the open v2 assignments, and who acknowledged v2 sees the redline from it", async () => {
    const v2 = await takeDemoDraftToPublication(requests, "2026-11-27");
    expect(v2).toBe(2);
    const hash = (await accord.request({ url: `/api/policies/${policyId}/versions/${v2}`, cookie: facilitator })).json().version
      .contentHash;
    const created = await accord.request({
      method: "POST",
      url: "/api/acknowledgement-campaigns",
      cookie: facilitator,
      payload: {
        policyId,
        versionNumber: v2,
        contentHash: hash,
        dueDate: "2026-12-20",
        audience: { kind: "units", units: ["Patrol North"] },
      },
    });
    expect(created.json().campaign).toMatchObject({ assigned: 3 });
    await acknowledgeOpen("ann");

    await editDraft("Footage of a minor is never released without a court order.");
    const v3 = await takeDemoDraftToPublication(requests, "2026-12-01");
    expect(v3).toBe(3);
    expect((await mine("ann")).map((assignment) => [assignment.versionNumber, assignment.status])).toEqual([
      [3, "open"],
      [2, "acknowledged"],
    ]);
    for (const name of ["ben", "cat"]) {
      expect((await mine(name)).map((assignment) => [assignment.versionNumber, assignment.status])).toEqual([[3, "open"]]);
    }
    const ourIds = [officers.ann!.id, officers.ben!.id, officers.cat!.id];
    const v2Rows = await accord.database.db
      .selectFrom("acknowledgement_assignments")
      .select(["user_id", "status"])
      .where("version_number", "=", 2)
      .where("user_id", "in", ourIds)
      .execute();
    expect(
      v2Rows
        .filter((row) => row.status === "replaced")
        .map((row) => row.user_id)
        .sort(),
    ).toEqual([officers.ben!.id, officers.cat!.id].sort());
    const campaigns = (await accord.request({ url: "/api/acknowledgement-campaigns", cookie: facilitator })).json().campaigns as {
      versionNumber: number;
      status: string;
      audience: string;
    }[];
    const ours = campaigns.filter((campaign) => campaign.audience === "Units: Patrol North");
    expect(ours.map((campaign) => [campaign.versionNumber, campaign.status])).toEqual([
      [3, "open"],
      [2, "replaced"],
    ]);
    const annV3 = (await mine("ann")).find((assignment) => assignment.versionNumber === 3)!;
    const detail = (await accord.request({ url: `/api/acknowledgements/${annV3.id}`, cookie: officers.ann!.cookie })).json();
    expect(detail.previous).toMatchObject({ versionNumber: 2 });
    expect(detail.previous.redlineHtml).toContain("court order");
    const benV3 = (await mine("ben"))[0]!;
    expect((await accord.request({ url: `/api/acknowledgements/${benV3.id}`, cookie: officers.ben!.cookie })).json().previous).toBeNull();
  });

  it("a version marked editorial, with a reason, asks no new acknowledgement of those who acknowledged the one before", async () => {
    await acknowledgeOpen("ann");
    await acknowledgeOpen("ben");
    await editDraft("Section headings are renumbered.");
    const refused = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/acknowledgement-editorial`,
      cookie: facilitator,
      payload: { versionNumber: 3, reason: "short" },
    });
    expect(refused.statusCode).toBe(400);
    const v4 = await takeDemoDraftToPublication(requests, "2026-12-05", {
      beforePublish: async (versionNumber) => {
        const marked = await accord.request({
          method: "POST",
          url: `/api/policies/${policyId}/acknowledgement-editorial`,
          cookie: facilitator,
          payload: { versionNumber, reason: "Only the headings were renumbered; no rule changed." },
        });
        expect(marked.statusCode).toBe(201);
      },
    });
    expect(v4).toBe(4);
    for (const name of ["ann", "ben"]) {
      expect((await mine(name)).find((assignment) => assignment.versionNumber === 4)).toMatchObject({ status: "covered" });
    }
    const cat = (await mine("cat")).find((assignment) => assignment.versionNumber === 4)!;
    expect(cat.status).toBe("open");
    const detail = (await accord.request({ url: `/api/acknowledgements/${cat.id}`, cookie: officers.cat!.cookie })).json();
    expect(detail.editorial).toMatchObject({ reason: "Only the headings were renumbered; no rule changed." });
    const audited = await accord.database.db
      .selectFrom("audit_events")
      .select("payload")
      .where("action", "=", "acknowledgement.editorial_marked")
      .executeTakeFirstOrThrow();
    expect(audited.payload).toMatchObject({ versionNumber: 4, reason: "Only the headings were renumbered; no rule changed." });
    const campaigns = (await accord.request({ url: "/api/acknowledgement-campaigns", cookie: facilitator })).json().campaigns as {
      id: string;
      versionNumber: number;
      audience: string;
    }[];
    const v4Campaign = campaigns.find((campaign) => campaign.versionNumber === 4 && campaign.audience === "Units: Patrol North")!;
    const report = (await accord.request({ url: `/api/acknowledgement-campaigns/${v4Campaign.id}/report`, cookie: facilitator })).json()
      .report;
    expect(report.units).toEqual([{ unit: "Patrol North", assigned: 3, acknowledged: 2, overdue: 0 }]);
    // The mark and its reason are shown with the campaign, its report, and the policy's counts.
    const mark = { versionNumber: 4, reason: "Only the headings were renumbered; no rule changed." };
    expect(report.campaign.editorial).toMatchObject(mark);
    expect(campaigns.find((campaign) => campaign.versionNumber === 3 && campaign.audience === "Units: Patrol North")).toMatchObject({
      editorial: null,
    });
    const counts = (await accord.request({ url: `/api/policies/${policyId}/acknowledgement-counts`, cookie: facilitator })).json();
    expect(counts.editorial).toEqual([{ ...mark, markedAt: expect.any(String) }]);
  });
});
