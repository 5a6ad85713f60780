import { afterEach, describe, expect, it, vi } from "vitest";
import { onUnauthenticated } from "./api.js";
import { workflowApi } from "./workflow-api.js";

/** Replaces fetch with one that records each request and answers with the given status and JSON. */
function answer(status: number, body?: unknown): { url: string; init: RequestInit }[] {
  const sent: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthenticated(() => {});
});

describe("workflowApi", () => {
  it("posts one action to the proposal and returns the proposal the server answers with", async () => {
    const sent = answer(200, { proposal: { id: "p1", stage: "review" } });
    const proposal = await workflowApi.act("p1", { kind: "object", reason: "Section 4.2 is unclear." });
    expect(proposal).toEqual({ id: "p1", stage: "review" });
    expect(sent[0]?.url).toBe("/api/proposals/p1/actions");
    expect(sent[0]?.init.method).toBe("POST");
    expect(sent[0]?.init.body).toBe('{"kind":"object","reason":"Section 4.2 is unclear."}');
  });

  it("keeps the server's words when an action is refused", async () => {
    answer(409, { error: { code: "already_decided", message: "Police Union has already approved this proposal." } });
    await expect(workflowApi.act("p1", { kind: "publish", effectiveDate: "2027-01-01" })).rejects.toMatchObject({
      code: "already_decided",
      status: 409,
      message: "Police Union has already approved this proposal.",
    });
  });

  it("proposes a version by its number and content hash", async () => {
    const sent = answer(201, { proposal: { id: "p2" } });
    await workflowApi.propose("policy 1", { versionNumber: 3, contentHash: "b".repeat(64), deadline: null });
    expect(sent[0]?.url).toBe("/api/policies/policy%201/proposals");
    expect(JSON.parse(sent[0]?.init.body as string)).toEqual({ versionNumber: 3, contentHash: "b".repeat(64), deadline: null });
  });

  it("reads a server without notifications (404) as no notifications, so the bell hides", async () => {
    answer(404, { error: { code: "not_found", message: "Nothing was found here." } });
    await expect(workflowApi.listNotifications()).resolves.toBeNull();
    answer(200, { notifications: [], unread: 0 });
    await expect(workflowApi.listNotifications()).resolves.toEqual({ notifications: [], unread: 0 });
  });

  it("marks all notifications read with a body-less POST", async () => {
    const sent = answer(204);
    await workflowApi.markAllNotificationsRead();
    expect(sent[0]?.url).toBe("/api/notifications/read-all");
    expect(sent[0]?.init.body).toBeUndefined();
  });
});
