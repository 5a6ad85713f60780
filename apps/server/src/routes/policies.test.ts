import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@accord/domain";
import { listAuditEvents } from "../storage/audit-events.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

describe.each(testDatabaseKinds())("policies and working groups on %s", (kind) => {
  let accord: TestAccord;
  const cookies: Record<string, string> = {};
  let demoPolicyId = "";
  const userIds: Record<string, string> = {};

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    for (const name of ["facilitator", "officer", "citizen", "advocate", "observer", "board", "union"]) {
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    }
    const accounts = await accord.request({ url: "/api/accounts", cookie: cookies.facilitator });
    for (const account of accounts.json().accounts) userIds[account.email.split("@")[0]] = account.id;
    const list = await accord.request({ url: "/api/policies", cookie: cookies.facilitator });
    demoPolicyId = list.json().policies.find((policy: { slug: string }) => policy.slug === "body-worn-cameras").id;
  });
  afterAll(() => accord.close());

  it("lists the demo policy for the facilitator with id, slug, title and status", async () => {
    const response = await accord.request({ url: "/api/policies", cookie: cookies.facilitator });
    expect(response.statusCode).toBe(200);
    expect(response.json().policies).toContainEqual(
      expect.objectContaining({ id: demoPolicyId, slug: "body-worn-cameras", title: "Body-Worn Camera Policy", status: "published" }),
    );
  });

  it("asks for sign-in before listing policies", async () => {
    const response = await accord.request({ url: "/api/policies" });
    expect(response.statusCode).toBe(401);
  });

  it("shows a member and a representative of a required body the policy, with their permissions", async () => {
    const officer = await accord.request({ url: `/api/policies/${demoPolicyId}`, cookie: cookies.officer });
    expect(officer.statusCode).toBe(200);
    expect(officer.json().policy).toMatchObject({ myRole: "editor", myAffiliation: "police" });
    expect(officer.json().policy.myPermissions).toContain("draft.edit");
    expect(officer.json().policy.requiredBodies.map((body: { name: string }) => body.name)).toEqual([
      "Board of Police Commissioners",
      "Police Union",
    ]);

    const board = await accord.request({ url: `/api/policies/${demoPolicyId}`, cookie: cookies.board });
    expect(board.statusCode).toBe(200);
    expect(board.json().policy.myPermissions).toContain("decision.record");
    expect(board.json().policy.myPermissions).not.toContain("draft.edit");
  });

  it("answers a policy outside my working group exactly like one that does not exist", async () => {
    const created = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: cookies.facilitator,
      payload: { title: "Use of Force", summary: "When and how force may be used." },
    });
    expect(created.statusCode).toBe(201);
    const privateId = created.json().policy.id;

    const hidden = await accord.request({ url: `/api/policies/${privateId}`, cookie: cookies.officer });
    const missing = await accord.request({ url: "/api/policies/00000000-0000-4000-8000-000000000000", cookie: cookies.officer });
    const malformed = await accord.request({ url: "/api/policies/not-a-uuid", cookie: cookies.officer });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json()).toEqual(missing.json());
    for (const url of [`/api/policies/${privateId}/members`, `/api/policies/${privateId}/draft`]) {
      expect((await accord.request({ url, cookie: cookies.officer })).statusCode).toBe(404);
    }
    const list = await accord.request({ url: "/api/policies", cookie: cookies.officer });
    expect(list.json().policies.map((policy: { id: string }) => policy.id)).not.toContain(privateId);
  });

  it("derives the slug from the title and refuses a slug already in use", async () => {
    const created = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: cookies.facilitator,
      payload: { title: "Vehicle Pursuits" },
    });
    expect(created.json().policy.slug).toBe("vehicle-pursuits");
    const duplicate = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: cookies.facilitator,
      payload: { title: "Pursuits again", slug: "vehicle-pursuits" },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("slug_taken");
  });

  it("refuses a malformed slug with the offending field", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: cookies.facilitator,
      payload: { title: "Searches", slug: "Not A Slug" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "validation_failed", fields: [{ path: "/body/slug" }] });
  });

  it("lets only the facilitator create policies", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: cookies.officer,
      payload: { title: "Officer's own policy" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
  });

  it("lets the facilitator edit title, summary and sign-off rule, and refuses members", async () => {
    const edited = await accord.request({
      method: "PATCH",
      url: `/api/policies/${demoPolicyId}`,
      cookie: cookies.facilitator,
      payload: { summary: "Rules for recording with body-worn cameras.", signOffRule: "majority" },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().policy).toMatchObject({ summary: "Rules for recording with body-worn cameras.", signOffRule: "majority" });
    const refused = await accord.request({
      method: "PATCH",
      url: `/api/policies/${demoPolicyId}`,
      cookie: cookies.officer,
      payload: { title: "Mine now" },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("adds a member with an affiliation and role, changes the role, and removes them", async () => {
    const url = `/api/policies/${demoPolicyId}/members/${userIds.union}`;
    const added = await accord.request({
      method: "PUT",
      url,
      cookie: cookies.facilitator,
      payload: { role: "viewer", affiliation: "police" },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().member).toMatchObject({ userId: userIds.union, role: "viewer", affiliation: "police" });
    const again = await accord.request({
      method: "PUT",
      url,
      cookie: cookies.facilitator,
      payload: { role: "viewer", affiliation: "police" },
    });
    expect(again.statusCode).toBe(200);
    const changed = await accord.request({
      method: "PUT",
      url,
      cookie: cookies.facilitator,
      payload: { role: "editor", affiliation: "police" },
    });
    expect(changed.json().member.role).toBe("editor");
    const removed = await accord.request({ method: "DELETE", url, cookie: cookies.facilitator });
    expect(removed.statusCode).toBe(204);
    const gone = await accord.request({ method: "DELETE", url, cookie: cookies.facilitator });
    expect(gone.statusCode).toBe(404);
  });

  it("refuses an unknown role or affiliation", async () => {
    const response = await accord.request({
      method: "PUT",
      url: `/api/policies/${demoPolicyId}/members/${userIds.union}`,
      cookie: cookies.facilitator,
      payload: { role: "owner", affiliation: "martian" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
  });

  it("lets members read the working group without emails, and refuses them changes", async () => {
    const members = await accord.request({ url: `/api/policies/${demoPolicyId}/members`, cookie: cookies.observer });
    expect(members.statusCode).toBe(200);
    expect(members.json().members).toHaveLength(5);
    expect(members.json().members.every((member: { email: string }) => member.email === "")).toBe(true);
    const refused = await accord.request({
      method: "PUT",
      url: `/api/policies/${demoPolicyId}/members/${userIds.union}`,
      cookie: cookies.citizen,
      payload: { role: "editor", affiliation: "police" },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("shows the draft's text to members", async () => {
    const response = await accord.request({ url: `/api/policies/${demoPolicyId}/draft`, cookie: cookies.advocate });
    expect(response.statusCode).toBe(200);
    const content = response.json().draft.content;
    expect(content.type).toBe("doc");
    expect(JSON.stringify(content)).toContain("Purpose");
  });

  it("sets the required bodies and refuses an unknown body id", async () => {
    const bodies = (await accord.request({ url: "/api/bodies", cookie: cookies.facilitator })).json().bodies;
    const board = bodies.find((body: { name: string }) => body.name === "Board of Police Commissioners");
    const set = await accord.request({
      method: "PUT",
      url: `/api/policies/${demoPolicyId}/required-bodies`,
      cookie: cookies.facilitator,
      payload: { bodyIds: [board.id] },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().requiredBodies.map((body: { id: string }) => body.id)).toEqual([board.id]);
    // The union's representative no longer sees the policy.
    expect((await accord.request({ url: `/api/policies/${demoPolicyId}`, cookie: cookies.union })).statusCode).toBe(404);

    const unknown = await accord.request({
      method: "PUT",
      url: `/api/policies/${demoPolicyId}/required-bodies`,
      cookie: cookies.facilitator,
      payload: { bodyIds: ["00000000-0000-4000-8000-000000000000"] },
    });
    expect(unknown.statusCode).toBe(400);
    const restored = await accord.request({
      method: "PUT",
      url: `/api/policies/${demoPolicyId}/required-bodies`,
      cookie: cookies.facilitator,
      payload: { bodyIds: bodies.map((body: { id: string }) => body.id) },
    });
    expect(restored.statusCode).toBe(200);
  });

  it("records every change to membership and bodies in an intact audit chain", async () => {
    const events = await listAuditEvents(accord.database.db);
    expect(verifyAuditChain(events)).toMatchObject({ ok: true });
    const actions = events.map((event) => event.action);
    for (const action of [
      "member.added",
      "member.changed",
      "member.removed",
      "policy.created",
      "policy.updated",
      "policy.required_bodies_set",
    ]) {
      expect(actions).toContain(action);
    }
    const removal = events.find((event) => event.action === "member.removed");
    expect(removal).toMatchObject({ actorId: userIds.facilitator, subjectId: demoPolicyId, payload: { userId: userIds.union } });
  });
});
